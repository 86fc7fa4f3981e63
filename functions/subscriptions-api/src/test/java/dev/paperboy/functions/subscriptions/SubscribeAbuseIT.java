package dev.paperboy.functions.subscriptions;

import static dev.paperboy.local.ReliabilityReport.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.local.ReliabilityReport;
import dev.paperboy.subscriber.ConfirmationLimits;
import dev.paperboy.subscriber.ConfirmationLimitsTable;
import dev.paperboy.subscriber.ConfirmationMailer;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Mailbox;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.Tokens;
import dev.paperboy.web.WebResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Abusing the subscribe form to mail a stranger (issue 11): one mailbox however it is spelt, the
 * fleet-wide cap and SES share, posts from other sites, and answers that tell nothing about an
 * address, neither by content nor by time.
 */
class SubscribeAbuseIT {
    private static ApiHarness h;
    private static SubscriberWriteLog writes;

    @BeforeAll
    static void setUp() {
        writes = new SubscriberWriteLog();
        // The write log serialises conditional writes, as DynamoDB does and moto's server does not.
        h = new ApiHarness(ApiHarness.Options.standard().withApiDynamoDb(writes::wrap));
    }

    private static String someone() {
        return "victim" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Mails to any of these spellings (listed, not normalised here: the test must not share the code it checks). */
    private static int mailsTo(ApiHarness harness, List<String> spellings) {
        List<String> addresses = spellings.stream().map(a -> EmailAddress.parse(a).value()).toList();
        return (int) harness.outbox.all().stream().filter(m -> m.to().stream().anyMatch(addresses::contains)).count();
    }

    @Test
    void oneMailboxGetsOneMailPerTenMinutesAndThreeADayHoweverItIsSpelt() throws Exception {
        String user = someone();
        List<String> spellings = List.of(user + "@example.org", user.toUpperCase(Locale.ROOT) + "@EXAMPLE.ORG",
                Character.toUpperCase(user.charAt(0)) + user.substring(1) + "@Example.org", user + "+1@example.org",
                user + "+papers@example.org", user.toUpperCase(Locale.ROOT) + "+x@example.org");
        List<Integer> mailsAfterEachRound = new ArrayList<>();
        Map<String, Integer> answers = new LinkedHashMap<>();
        int requests = 0;
        // Every ten minutes and a bit, every spelling, for five rounds; then a day later.
        for (int round = 0; round < 5; round++) {
            for (String spelling : spellings) {
                WebResponse answer = h.subscribe(spelling);
                answers.merge(answer.status() + " " + answer.bodyText().hashCode(), 1, Integer::sum);
                requests++;
            }
            mailsAfterEachRound.add(mailsTo(h, spellings));
            h.clock.advance(Duration.ofMinutes(11));
        }
        h.clock.advance(Duration.ofHours(24));
        for (String spelling : spellings) {
            h.subscribe(spelling);
            requests++;
        }
        int mailsNextDay = mailsTo(h, spellings) - mailsAfterEachRound.get(mailsAfterEachRound.size() - 1);

        // Gmail ignores dots: every dotted spelling is the one mailbox too.
        String g = someone();
        List<String> gmail = List.of(g + "@gmail.com", g.charAt(0) + "." + g.substring(1) + "@gmail.com",
                g.substring(0, 3) + "." + g.substring(3) + "+x@googlemail.com", g.toUpperCase(Locale.ROOT) + "@GMAIL.COM");
        for (String spelling : gmail) {
            h.subscribe(spelling);
            requests++;
        }
        int gmailMails = mailsTo(h, gmail);

        // Twenty requests at once, in six spellings: one mail.
        String raced = someone();
        int racers = 20;
        List<String> racedSpellings = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<Integer>> racing = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String spelling = (i % 2 == 0 ? raced : raced.toUpperCase(Locale.ROOT)) + (i % 3 == 0 ? "" : "+" + i) + "@example.org";
            racedSpellings.add(spelling);
            racing.add(pool.submit(() -> {
                start.await();
                return h.subscribe(spelling).status();
            }));
        }
        start.countDown();
        int raceAccepted = 0;
        for (Future<Integer> f : racing) {
            raceAccepted += f.get() == 200 ? 1 : 0;
        }
        pool.shutdown();
        requests += racers;
        int racedMails = mailsTo(h, racedSpellings);

        boolean held = mailsAfterEachRound.equals(List.of(1, 2, 3, 3, 3)) && mailsNextDay == 1 && gmailMails == 1 && racedMails == 1;
        ReliabilityReport.record(new ReliabilityReport.Row("abuse-1-one-mailbox-however-spelt",
                "Mail bombing one stranger through the subscribe form, the mailbox spelt with other letter case and +tags "
                        + "(and Gmail dots), every 11 minutes, concurrently, and a day later",
                "6 spellings of one mailbox x 5 rounds 11 minutes apart, then again 24 h later; 4 Gmail spellings (dots, "
                        + "googlemail.com, +tag, capitals); 20 simultaneous requests in 6 spellings (conditional writes serialised as DynamoDB does)",
                counts("requests", requests, "distinctAnswers", answers.size(), "mailsRound1", mailsAfterEachRound.get(0),
                        "mailsRound2", mailsAfterEachRound.get(1), "mailsRound3", mailsAfterEachRound.get(2),
                        "mailsRound4", mailsAfterEachRound.get(3), "mailsRound5", mailsAfterEachRound.get(4), "mailsNextDay", mailsNextDay,
                        "gmailSpellingsMails", gmailMails, "racingRequests", racers, "racingAccepted", raceAccepted, "racingMails", racedMails),
                held ? "one mailbox whatever the spelling: one mail per 10 minutes, at most " + ConfirmationLimits.MAILBOX_DAILY_CAP
                        + " in 24 h (rounds 4 and 5 mailed nothing), a new one the next day; 4 Gmail spellings and 20 racing requests "
                        + "one mail each; every request got the same answer"
                        : "NOT HELD: mails per round " + mailsAfterEachRound + ", next day " + mailsNextDay + ", gmail " + gmailMails
                        + ", racing " + racedMails));

        assertEquals(1, answers.size(), "the same answer every time: " + answers);
        assertEquals(List.of(1, 2, 3, 3, 3), mailsAfterEachRound, "one per ten minutes, three a day, whatever the spelling");
        assertEquals(1, mailsNextDay, "a new day, a new mail");
        assertEquals(1, gmailMails, "Gmail's dots do not make a new mailbox");
        assertEquals(racers, raceAccepted);
        assertEquals(1, racedMails, "racing requests for one mailbox: one mail");
    }

    @Test
    void theHourlyCapHoldsBackMailCountsItAndAnswersAsUsual() {
        ApiHarness capped = new ApiHarness(ApiHarness.Options.standard().withConfirmationLimits(3, 1000));
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            addresses.add(someone() + "@example.org");
        }
        List<String> bodies = new ArrayList<>();
        for (String a : addresses) {
            bodies.add(capped.subscribe(a).status() + capped.subscribe(a).bodyText());
        }
        int mailed = (int) addresses.stream().filter(a -> !capped.mailTo(a).isEmpty()).count();
        long cappedCount = capped.metrics.get("ConfirmationMailsCapped");
        long sentCount = capped.metrics.get("ConfirmationMailsSent");
        // The next hour: a held-back address was not charged for the mail it did not get.
        capped.clock.advance(Duration.ofMinutes(61));
        String heldBack = addresses.get(addresses.size() - 1);
        capped.subscribe(heldBack);
        int heldBackMailsNextHour = capped.mailTo(heldBack).size();

        boolean held = mailed == 3 && cappedCount == 8 && sentCount == 3 && heldBackMailsNextHour == 1 && bodies.stream().distinct().count() == 1;
        ReliabilityReport.record(new ReliabilityReport.Row("abuse-2-global-hourly-cap",
                "Many strangers' addresses in one hour, past the fleet-wide cap on confirmation mails (ConfirmationMailsPerHour, here 3)",
                "7 new addresses subscribed in one hour, each twice, against a cap of 3 an hour; then one held-back address again an hour later",
                counts("addresses", addresses.size(), "mailed", mailed, "confirmationMailsSent", sentCount,
                        "confirmationMailsCapped", cappedCount, "distinctAnswers", bodies.stream().distinct().count(),
                        "heldBackMailedNextHour", heldBackMailsNextHour),
                held ? "3 mails, then none: ConfirmationMailsCapped counted the 8 requests of the 4 addresses held back (its alarm "
                        + "fires on any), every answer "
                        + "the same; the held-back address kept its mailbox allowance and was mailed the next hour"
                        : "NOT HELD: mailed " + mailed + ", capped " + cappedCount + ", next hour " + heldBackMailsNextHour));

        assertEquals(3, mailed);
        assertEquals(3, sentCount);
        assertEquals(8, cappedCount, "both tries of each held-back address: the cap gave its mailbox claim back each time");
        assertEquals(1, bodies.stream().distinct().count(), "capped or not, the same answer");
        assertEquals(1, heldBackMailsNextHour, "the cap gave back the mailbox's claim");
    }

    @Test
    void aFormPostFromAnotherSiteIsRefusedWithAClearPageAndMailsNobody() {
        String fromEvil = someone() + "@example.org";
        String fromEvilOld = someone() + "@example.org";
        String fromEvilJson = someone() + "@example.org";
        String fromOurPage = someone() + "@example.org";
        String fromCurl = someone() + "@example.org";

        WebResponse evil = h.postForm("/subscribe", Map.of("email", fromEvil), "sec-fetch-site", "cross-site", "origin", "https://evil.example");
        WebResponse evilOldBrowser = h.postForm("/subscribe", Map.of("email", fromEvilOld), "origin", "https://evil.example");
        WebResponse evilJson = h.postForm("/subscribe", Map.of("email", fromEvilJson), "sec-fetch-site", "cross-site",
                "accept", "application/json");
        WebResponse ours = h.postForm("/subscribe", Map.of("email", fromOurPage), "sec-fetch-site", "same-origin",
                "origin", ApiHarness.BASE);
        WebResponse curl = h.postForm("/subscribe", Map.of("email", fromCurl));

        // A confirmed subscriber's preferences cannot be changed from another site either.
        h.confirm(h.linkInLatestMail(fromCurl, "/confirm"));
        String manage = h.tokens.issue(Tokens.Purpose.MANAGE, h.subscriberId(fromCurl));
        WebResponse evilPreferences = h.postForm("/preferences", Map.of("token", manage, "keywords", "spam"),
                "sec-fetch-site", "cross-site");
        // One-click unsubscribes come from mail providers, who may say where from: they keep working.
        WebResponse oneClick = h.send("POST", "/unsubscribe?token=" + h.token(Tokens.Purpose.UNSUBSCRIBE, fromCurl),
                "List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8), "content-type", "application/x-www-form-urlencoded",
                "origin", "https://mail.provider.example");

        int refusedMails = h.mailTo(fromEvil).size() + h.mailTo(fromEvilOld).size() + h.mailTo(fromEvilJson).size();
        int refusedStored = (int) List.of(fromEvil, fromEvilOld, fromEvilJson).stream()
                .filter(a -> h.subscribers.find(h.subscriberId(a)).isPresent()).count();
        boolean held = evil.status() == 403 && evilOldBrowser.status() == 403 && evilJson.status() == 403 && refusedMails == 0
                && refusedStored == 0 && ours.status() == 200 && curl.status() == 200 && h.mailTo(fromOurPage).size() == 1
                && evilPreferences.status() == 403 && oneClick.status() == 200;
        ReliabilityReport.record(new ReliabilityReport.Row("abuse-3-cross-site-form-posts",
                "Another site's page makes its visitors' browsers post the subscribe (and preferences) form",
                "POST /subscribe with Sec-Fetch-Site: cross-site and Origin: https://evil.example; with only the Origin (an older "
                        + "browser); as JSON; POST /preferences cross-site with a valid token; then the same form from our page "
                        + "(same-origin), from curl (neither header), and a one-click unsubscribe with a mail provider's Origin",
                counts("crossSitePosts", 4, "http403", List.of(evil, evilOldBrowser, evilJson, evilPreferences).stream()
                                .filter(r -> r.status() == 403).count(), "mailsFromCrossSite", refusedMails,
                        "subscribersFromCrossSite", refusedStored, "sameOriginMailed", h.mailTo(fromOurPage).size(),
                        "curlMailed", h.mailTo(fromCurl).size() > 0 ? 1 : 0, "oneClickStatus", oneClick.status()),
                held ? "every cross-site post refused with 403 and a page saying so, nothing stored, nobody mailed; our own page, curl "
                        + "and one-click unsubscribes worked as before"
                        : "NOT HELD: " + evil.status() + "/" + evilOldBrowser.status() + "/" + evilJson.status() + ", mails " + refusedMails));

        assertEquals(403, evil.status());
        assertTrue(evil.bodyText().contains("another website") && evil.bodyText().contains("no mail was sent"), evil.bodyText());
        assertTrue(evil.headers().get("Content-Type").startsWith("text/html"));
        assertEquals(403, evilOldBrowser.status());
        assertEquals(403, evilJson.status());
        assertTrue(evilJson.bodyText().contains("\"status\":403"), evilJson.bodyText());
        assertEquals(0, refusedMails, "a refused post mails nobody");
        assertEquals(0, refusedStored, "and stores nothing");
        assertEquals(200, ours.status());
        assertEquals(1, h.mailTo(fromOurPage).size());
        assertEquals(200, curl.status(), "posts without Origin or Sec-Fetch-Site (curl, old browsers) keep working");
        assertEquals(403, evilPreferences.status());
        assertEquals(List.of(), h.subscriber(fromCurl).preferences().keywords(), "the cross-site preferences post changed nothing");
        assertEquals(200, oneClick.status());
        assertEquals(Subscriber.Status.UNSUBSCRIBED, h.subscriber(fromCurl).status());
    }

    @Test
    void confirmationMailsKeepToTheirShareOfTheSesRateAcrossContainers() throws Exception {
        int perSecond = 4;
        long slotMillis = 1000 / perSecond;
        SubscriberWriteLog serialised = new SubscriberWriteLog();
        var db = serialised.wrap(h.aws.dynamoDb());
        String table = h.stack.name("SubscribersTable");
        // Two containers of the API, each with its own limits object, on the real clock.
        List<ConfirmationLimitsTable> containers = List.of(
                new ConfirmationLimitsTable(db, table, h.keys, 100_000, perSecond, Duration.ofSeconds(10),
                        Clock.systemUTC(), Thread::sleep),
                new ConfirmationLimitsTable(db, table, h.keys, 100_000, perSecond, Duration.ofSeconds(10),
                        Clock.systemUTC(), Thread::sleep));
        int mails = 12;
        // Each grant's slot start, and when the grant came back to its caller (the mail goes after that).
        List<long[]> slotAndReturnMillis = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(mails);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < mails; i++) {
            ConfirmationLimitsTable container = containers.get(i % 2);
            Mailbox mailbox = Mailbox.of(EmailAddress.parse(someone() + "@example.org"));
            done.add(pool.submit(() -> {
                start.await();
                if (container.acquire(mailbox) instanceof ConfirmationLimits.Decision.Granted grant) {
                    slotAndReturnMillis.add(new long[] {grant.slot().toEpochMilli(), System.currentTimeMillis()});
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        List<long[]> grants = new ArrayList<>(slotAndReturnMillis);
        grants.sort(Comparator.comparingLong(g -> g[0]));
        // Gaps are between slots as DynamoDB serialised them, not between the writes' returns: those
        // carry each write's latency (on a loaded CI machine once 116 ms between two 250 ms slots).
        long minGap = Long.MAX_VALUE;
        for (int i = 1; i < grants.size(); i++) {
            minGap = Math.min(minGap, grants.get(i)[0] - grants.get(i - 1)[0]);
        }
        long span = grants.get(grants.size() - 1)[0] - grants.get(0)[0];
        long early = grants.stream().filter(g -> g[1] < g[0]).count();
        boolean held = grants.size() == mails && minGap >= slotMillis && early == 0;
        ReliabilityReport.record(new ReliabilityReport.Row("abuse-4-ses-rate-share",
                "A burst of confirmation mails against the SES rate the digests need",
                "12 subscribes for 12 new mailboxes at once through two API containers, with the confirmations' share at "
                        + perSecond + " mails a second (ConfirmationSendRatePerSecond; digests are paced at 95 % of the rest, "
                        + "SesRateShareTest)",
                counts("mails", grants.size(), "slotMs", slotMillis, "minGapMs", minGap, "spanMs", span,
                        "fastestPossibleSpanMs", (mails - 1) * slotMillis, "grantedBeforeTheirSlot", early),
                held ? "every mail had a slot of its own, shared through DynamoDB across the containers: slots never "
                        + "closer than " + minGap + " ms, " + mails + " mails spread over " + span + " ms, none let go "
                        + "before its slot, so the burst stayed within its " + perSecond + " a second and the digests' "
                        + "part was untouched"
                        : "NOT HELD: " + grants.size() + " mails, min slot gap " + minGap + " ms, span " + span + " ms, "
                        + early + " before their slot"));

        assertEquals(mails, grants.size(), "within the wait budget every mail got a slot");
        assertTrue(minGap >= slotMillis, "two slots " + minGap + " ms apart");
        assertTrue(span >= (mails - 1) * slotMillis, "12 slots in " + span + " ms");
        assertEquals(0, early, "grants that came back before their slot began");
    }

    @Test
    void answersAreTheSameInContentAndTimeForNewPendingSubscribedSuppressedAndLimitedAddresses() throws Exception {
        long sesMillis = 150;
        ApiHarness timed = new ApiHarness(ApiHarness.Options.standard().withSubscribeFloor(
                SubscriptionsApiWiring.SUBSCRIBE_ANSWER_FLOOR, SubscribeAbuseIT::slowSes));
        Map<String, List<Long>> millis = new LinkedHashMap<>();
        Map<String, String> answers = new LinkedHashMap<>();
        int rounds = 5;
        for (int round = 0; round < rounds + 1; round++) {
            String pending = someone() + "@example.org";
            String subscribed = someone() + "@example.org";
            String suppressed = someone() + "@example.org";
            String limited = someone() + "@example.org";
            timed.subscribe(pending);
            timed.subscribe(subscribed);
            timed.confirm(timed.linkInLatestMail(subscribed, "/confirm"));
            timed.subscribe(suppressed);
            Subscriber s = timed.subscriber(suppressed);
            timed.subscribers.update(s, new Subscriber(s.id(), s.email(), Subscriber.Status.SUPPRESSED, s.preferences(), s.createdAt(),
                    s.updatedAt(), Optional.empty(), s.version() + 1), Optional.empty());
            timed.clock.advance(Duration.ofMinutes(11));
            timed.subscribe(limited);
            Map<String, String> cases = new LinkedHashMap<>();
            cases.put("new", someone() + "@example.org");
            cases.put("pending", pending);
            cases.put("subscribed", subscribed);
            cases.put("suppressed", suppressed);
            cases.put("limited", limited);
            for (Map.Entry<String, String> c : cases.entrySet()) {
                long start = System.nanoTime();
                WebResponse answer = timed.subscribe(c.getValue());
                long took = (System.nanoTime() - start) / 1_000_000;
                answers.put(c.getKey(), answer.status() + " " + answer.headers() + " " + answer.bodyText());
                if (round > 0) { // the first round warms the JVM up
                    millis.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(took);
                }
            }
        }
        Map<String, Long> medians = new LinkedHashMap<>();
        millis.forEach((k, v) -> medians.put(k, median(v)));
        long spread = Collections.max(medians.values()) - Collections.min(medians.values());
        long fastest = millis.values().stream().flatMap(List::stream).min(Long::compare).orElseThrow();
        boolean sameContent = answers.values().stream().distinct().count() == 1;
        long allowedSpread = 60;
        Map<String, Long> observed = new LinkedHashMap<>();
        medians.forEach((k, v) -> observed.put(k + "MedianMs", v));
        observed.put("spreadMs", spread);
        observed.put("fastestMs", fastest);
        observed.put("floorMs", SubscriptionsApiWiring.SUBSCRIBE_ANSWER_FLOOR.toMillis());
        observed.put("sesDelayMs", sesMillis);
        observed.put("distinctAnswers", answers.values().stream().distinct().count());
        ReliabilityReport.record(new ReliabilityReport.Row("abuse-5-no-enumeration",
                "Telling new, pending, subscribed, suppressed and limited addresses apart by the subscribe answer or its time",
                "in-process: SES made 150 ms slow (a real SendEmail's order of magnitude), so that the requests that mail stand out; "
                        + rounds + " rounds of the five kinds, medians compared",
                observed,
                sameContent && spread <= allowedSpread
                        ? "the same status, headers and body for all five; median times within " + spread + " ms of each other (each "
                        + "answer waits out a 500 ms floor; without it, the ones that mail took the SES time longer)"
                        : "NOT HELD: distinct answers " + answers.values().stream().distinct().count() + ", medians " + medians));

        assertTrue(sameContent, "one answer for every kind of address: " + answers);
        assertTrue(spread <= allowedSpread, "medians " + medians + " differ by " + spread + " ms");
        assertTrue(fastest >= SubscriptionsApiWiring.SUBSCRIBE_ANSWER_FLOOR.toMillis() - 5, "the floor holds: " + fastest);
    }

    private static ConfirmationMailer slowSes(ConfirmationMailer real) {
        return new ConfirmationMailer() {
            @Override
            public void sendConfirmation(EmailAddress to, String confirmUrl, String homeUrl) {
                pause();
                real.sendConfirmation(to, confirmUrl, homeUrl);
            }

            @Override
            public void sendAlreadySubscribed(EmailAddress to, String preferencesUrl, String unsubscribeUrl, String homeUrl) {
                pause();
                real.sendAlreadySubscribed(to, preferencesUrl, unsubscribeUrl, homeUrl);
            }

            private void pause() {
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
