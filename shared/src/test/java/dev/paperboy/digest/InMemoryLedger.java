package dev.paperboy.digest;

import dev.paperboy.subscriber.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** DigestLedger in memory, with DigestRecords' conditions: one record a (subscriber, period), released only while sending. */
final class InMemoryLedger implements DigestLedger {
    /** A record as DigestRecords keeps it, less the times. */
    record Entry(String status, List<String> paperIds, boolean handedToSes, Optional<String> messageId, Optional<String> reason) {
        Entry with(String newStatus) {
            return new Entry(newStatus, paperIds, handedToSes, messageId, reason);
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** The next feed record's write fails, as DynamoDB's may. */
    boolean feedRecordFails;

    private static String key(String subscriberId, Period period) {
        return subscriberId + "/" + period.id();
    }

    Optional<Entry> entry(String subscriberId, Period period) {
        return Optional.ofNullable(entries.get(key(subscriberId, period)));
    }

    /** A digest sent earlier, as a past run would have left it. */
    void sentBefore(String subscriberId, Period period, List<String> paperIds) {
        entries.put(key(subscriberId, period), new Entry("SENT", paperIds, true, Optional.of("earlier"), Optional.empty()));
    }

    @Override
    public Claim claim(String subscriberId, Period period, Instant now) {
        if (entries.containsKey(key(subscriberId, period))) {
            return Claim.TAKEN; // this fake never abandons a claim: the tests here run within one invocation
        }
        entries.put(key(subscriberId, period), new Entry("SENDING", List.of(), false, Optional.empty(), Optional.empty()));
        return Claim.CLAIMED;
    }

    @Override
    public void markHandedToSes(String subscriberId, Period period, List<String> paperIds, Instant now) {
        Entry entry = entries.get(key(subscriberId, period));
        if (entry == null || !entry.status().equals("SENDING")) {
            throw new IllegalStateException("the claim is not ours");
        }
        entries.put(key(subscriberId, period), new Entry("SENDING", List.copyOf(paperIds), true, Optional.empty(), Optional.empty()));
    }

    @Override
    public void markSent(String subscriberId, Period period, String messageId, List<String> paperIds, String archiveKey, Instant now) {
        entries.put(key(subscriberId, period), new Entry("SENT", List.copyOf(paperIds), true, Optional.of(messageId), Optional.empty()));
    }

    @Override
    public void markDeliveredToFeed(String subscriberId, Period period, List<String> paperIds, Instant now) {
        if (feedRecordFails) {
            feedRecordFails = false;
            throw new IllegalStateException("the table is unavailable");
        }
        Entry entry = entries.get(key(subscriberId, period));
        if (entry == null || !entry.status().equals("SENDING")) {
            throw new IllegalStateException("the claim is not ours");
        }
        entries.put(key(subscriberId, period), new Entry("FEED_ONLY", List.copyOf(paperIds), false, Optional.empty(), Optional.empty()));
    }

    @Override
    public boolean recordSkipped(String subscriberId, Period period, String reason, Instant now) {
        return entries.putIfAbsent(key(subscriberId, period), new Entry("SKIPPED", List.of(), false, Optional.empty(), Optional.of(reason))) == null;
    }

    @Override
    public void release(String subscriberId, Period period) {
        entries.computeIfPresent(key(subscriberId, period), (k, entry) -> entry.status().equals("SENDING") ? null : entry);
    }

    @Override
    public void markFailed(String subscriberId, Period period, String reason) {
        entries.put(key(subscriberId, period), new Entry("FAILED", List.of(), true, Optional.empty(), Optional.of(reason)));
    }

    @Override
    public Set<String> sentPapers(String subscriberId, LocalDate since) {
        Set<String> ids = new HashSet<>();
        entries.forEach((key, entry) -> {
            String periodId = key.substring(key.indexOf('/') + 1);
            if (key.startsWith(subscriberId + "/") && periodId.compareTo(since.toString()) >= 0) {
                ids.addAll(entry.paperIds());
            }
        });
        return ids;
    }
}
