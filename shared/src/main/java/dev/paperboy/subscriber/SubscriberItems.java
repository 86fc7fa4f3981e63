package dev.paperboy.subscriber;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The shape of a subscriber's items in SubscribersTable, the one place that knows it. Everything
 * about one subscriber shares the partition {@code pk=SUB#<id>}: the profile ({@code sk=PROFILE}),
 * the suppression record ({@code sk=SUPPRESSED}) and the digest records other packages keep there
 * (they take the partition key from {@link #partitionKey}). A confirmed subscriber's profile
 * carries {@code dueKey}, the partition of the sparse {@code byDue} index the digest planner pages
 * through, one per schedule ({@link #dueKey(Schedule)}); a pending, unsubscribed or suppressed one
 * carries {@code expiresAt}, the table's TTL attribute (see {@link Retention}).
 * <p>
 * The due keys of the default schedule (07:00 America/New_York) are the ones written before
 * subscribers picked an hour: {@code DAILY} and {@code WEEKLY#MONDAY}; other schedules add hour and
 * zone ({@code DAILY#18#Europe/Berlin}, {@code WEEKLY#MONDAY#06#Asia/Kolkata}). So profiles written
 * before need no migration, and the default schedule no extra query. The planner cannot list the
 * index's partitions, so the zones in use are kept in one registry item ({@code pk=sk=DUE_ZONES},
 * a string set {@code zones}): a zone is added before the first profile due in it is written, and
 * never removed (a zone nobody is left in costs an empty query per slot).
 */
public final class SubscriberItems {
    static final String DUE_INDEX = "byDue";
    static final String DUE_KEY = "dueKey";
    private static final String PREFIX = "SUB#";
    private static final String PROFILE = "PROFILE";
    private static final String SUPPRESSED = "SUPPRESSED";
    /** The registry of the zones due keys name; its key is also the planner's IAM condition (template.yaml). */
    public static final String DUE_ZONES = "DUE_ZONES";
    static final String ZONES = "zones";

    private SubscriberItems() {
    }

    /** The partition of everything kept about one subscriber. */
    public static String partitionKey(String subscriberId) {
        return PREFIX + subscriberId;
    }

    static String subscriberIdOf(Map<String, AttributeValue> item) {
        return item.get("pk").s().substring(PREFIX.length());
    }

    static Map<String, AttributeValue> profileKey(String subscriberId) {
        return Map.of("pk", s(partitionKey(subscriberId)), "sk", s(PROFILE));
    }

    static Map<String, AttributeValue> suppressionKey(String subscriberId) {
        return Map.of("pk", s(partitionKey(subscriberId)), "sk", s(SUPPRESSED));
    }

    /** No address, no TTL: the id, a keyed hash of the address, is all that suppression needs. */
    static Map<String, AttributeValue> suppression(String subscriberId, String reason, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(suppressionKey(subscriberId));
        item.put("reason", s(reason));
        item.put("suppressedOn", s(now.toString().substring(0, 10)));
        return item;
    }

    /** The profile as stored: key, attributes, its due key if it receives digests. Also what a bench seeds in bulk. */
    public static Map<String, AttributeValue> profile(Subscriber subscriber, Optional<Instant> expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(profileKey(subscriber.id()));
        item.putAll(attributes(subscriber));
        dueKey(subscriber).ifPresent(due -> item.put(DUE_KEY, s(due)));
        expiresAt.ifPresent(at -> item.put("expiresAt", n(at.getEpochSecond())));
        return item;
    }

    /** An update expression and its condition, with their names and values. */
    record Update(String expression, String condition, Map<String, String> names, Map<String, AttributeValue> values) {
    }

    /**
     * Rewrites the profile to {@code next}, on condition that its version is still {@code expectedVersion};
     * what {@code next} no longer has (a due key, a TTL, a confirmation) is removed.
     */
    static Update profileUpdate(Subscriber next, long expectedVersion, Optional<Instant> expiresAt) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> a : attributes(next).entrySet()) {
            names.put("#a" + i, a.getKey());
            values.put(":a" + i, a.getValue());
            sets.add("#a" + i + " = :a" + i);
            i++;
        }
        names.put("#due", DUE_KEY);
        dueKey(next).ifPresentOrElse(due -> {
            values.put(":due", s(due));
            sets.add("#due = :due");
        }, () -> removes.add("#due"));
        names.put("#exp", "expiresAt");
        expiresAt.ifPresentOrElse(at -> {
            values.put(":exp", n(at.getEpochSecond()));
            sets.add("#exp = :exp");
        }, () -> removes.add("#exp"));
        if (next.confirmedAt().isEmpty()) {
            names.put("#conf", "confirmedAt");
            removes.add("#conf");
        }
        names.put("#version", "version");
        values.put(":expected", n(expectedVersion));
        String expression = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        return new Update(expression, "#version = :expected", names, values);
    }

    /**
     * The default schedule's partition of a period's subscribers, {@code DAILY} or
     * {@code WEEKLY#FRIDAY} (the list's weekday): how a plan names the group an operator replans.
     */
    public static String dueKey(Period period) {
        return dueKey(new Schedule(period.frequency(), period.listDate().getDayOfWeek(), Preferences.DEFAULT_HOUR, Preferences.DEFAULT_ZONE));
    }

    /** The due-index partition of a schedule's subscribers (see the class comment). */
    public static String dueKey(Schedule schedule) {
        String group = schedule.frequency() == Preferences.Frequency.DAILY ? "DAILY" : "WEEKLY#" + schedule.weeklyDay();
        return schedule.atDefaultHour() ? group : group + "#" + String.format(Locale.ROOT, "%02d", schedule.hour()) + "#" + schedule.zone().getId();
    }

    /** A due-index partition no subscriber is in: the index's request path, and nothing read (SnapStart priming). */
    static final String NOBODY_DUE = "priming";

    static Optional<String> dueKey(Subscriber subscriber) {
        return dueSchedule(subscriber).map(SubscriberItems::dueKey);
    }

    /**
     * The zone the registry must gain before {@code after} is written over {@code before} (none for
     * a new profile), if any: a zone {@code before} was already due in was registered when it was
     * written, and the registry never forgets one, so a save that keeps the zone writes nothing there.
     */
    static Optional<ZoneId> zoneToRegister(Optional<Subscriber> before, Subscriber after) {
        Optional<ZoneId> registered = before.flatMap(SubscriberItems::dueZone);
        return dueZone(after).filter(zone -> !registered.equals(Optional.of(zone)));
    }

    private static Optional<ZoneId> dueZone(Subscriber subscriber) {
        return dueSchedule(subscriber).map(Schedule::zone).filter(zone -> !zone.equals(Preferences.DEFAULT_ZONE));
    }

    private static Optional<Schedule> dueSchedule(Subscriber subscriber) {
        return subscriber.receivesDigests() ? Optional.of(Schedule.of(subscriber.preferences())) : Optional.empty();
    }

    static Map<String, AttributeValue> dueZonesKey() {
        return Map.of("pk", s(DUE_ZONES), "sk", s(DUE_ZONES));
    }

    /** The registry's zones; one no longer known to this JVM's time-zone rules is left out, not failed on. */
    static Set<ZoneId> dueZones(Map<String, AttributeValue> registry) {
        Set<ZoneId> zones = new LinkedHashSet<>();
        zones.add(Preferences.DEFAULT_ZONE);
        if (registry.containsKey(ZONES)) {
            for (String id : registry.get(ZONES).ss()) {
                try {
                    zones.add(ZoneId.of(id));
                } catch (DateTimeException unknown) {
                    // Zones are validated when a profile is written; a zone later withdrawn from the rules has nobody to plan for here.
                }
            }
        }
        return zones;
    }

    /** A profile written before a field existed reads that field's default (see Preferences' short constructor). */
    static Subscriber subscriber(Map<String, AttributeValue> item) {
        Preferences preferences = new Preferences(
                Preferences.Frequency.valueOf(item.get("frequency").s()),
                DayOfWeek.valueOf(item.get("weeklyDay").s()),
                strings(item, "keywords"),
                Integer.parseInt(item.get("maxPapers").n()),
                Integer.parseInt(item.get("minUpvotes").n()),
                strings(item, "excludedTopics"),
                strings(item, "followedAuthors"),
                item.containsKey("delivery") ? Preferences.Delivery.valueOf(item.get("delivery").s()) : Preferences.Delivery.BOTH,
                item.containsKey("hour") ? Integer.parseInt(item.get("hour").n()) : Preferences.DEFAULT_HOUR,
                item.containsKey("zone") ? ZoneId.of(item.get("zone").s()) : Preferences.DEFAULT_ZONE);
        return new Subscriber(
                item.get("id").s(),
                new EmailAddress(item.get("email").s()),
                Subscriber.Status.valueOf(item.get("status").s()),
                preferences,
                Instant.parse(item.get("createdAt").s()),
                Instant.parse(item.get("updatedAt").s()),
                Optional.ofNullable(item.get("confirmedAt")).map(v -> Instant.parse(v.s())),
                Long.parseLong(item.get("version").n()),
                item.containsKey("feedGeneration") ? Long.parseLong(item.get("feedGeneration").n()) : 0);
    }

    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).l().stream().map(AttributeValue::s).toList() : List.of();
    }

    private static Map<String, AttributeValue> attributes(Subscriber s) {
        Map<String, AttributeValue> a = new HashMap<>();
        a.put("id", s(s.id()));
        a.put("email", s(s.email().value()));
        a.put("status", s(s.status().name()));
        a.put("frequency", s(s.preferences().frequency().name()));
        a.put("weeklyDay", s(s.preferences().weeklyDay().name()));
        a.put("keywords", strings(s.preferences().keywords()));
        a.put("maxPapers", n(s.preferences().maxPapers()));
        a.put("minUpvotes", n(s.preferences().minUpvotes()));
        a.put("excludedTopics", strings(s.preferences().excludedTopics()));
        a.put("followedAuthors", strings(s.preferences().followedAuthors()));
        a.put("delivery", s(s.preferences().delivery().name()));
        a.put("hour", n(s.preferences().hour()));
        a.put("zone", s(s.preferences().zone().getId()));
        a.put("feedGeneration", n(s.feedGeneration()));
        a.put("createdAt", s(s.createdAt().toString()));
        a.put("updatedAt", s(s.updatedAt().toString()));
        s.confirmedAt().ifPresent(at -> a.put("confirmedAt", s(at.toString())));
        a.put("version", n(s.version()));
        return a;
    }

    private static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(SubscriberItems::s).toList());
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
