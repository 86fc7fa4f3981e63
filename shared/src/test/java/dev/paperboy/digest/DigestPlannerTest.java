package dev.paperboy.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.metrics.RecordingMetrics;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Schedule;
import dev.paperboy.subscriber.SubscriberItems;
import dev.paperboy.subscriber.Preferences.Frequency;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DigestPlannerTest {
    private static final Period FRIDAY = new Period(Frequency.DAILY, LocalDate.of(2025, 8, 29));
    private static final Period FRIDAYS_WEEK = new Period(Frequency.WEEKLY, LocalDate.of(2025, 8, 29));
    private static final ListedPapers SOME_LISTED = (first, last) -> 50;

    /** Subscribers of the default schedule of one period's frequency (and weekday), handed over one by one as a paged read does. */
    private record Due(Period period, List<String> ids) implements DueSubscribers {
        static Due of(Period period, int count) {
            return new Due(period, IntStream.range(0, count).mapToObj(i -> "subscriber-" + i).toList());
        }

        @Override
        public Set<ZoneId> zonesInUse() {
            return Set.of(Preferences.DEFAULT_ZONE);
        }

        @Override
        public void forEachDue(Schedule asked, Consumer<String> subscriberId) {
            if (asked.equals(new Schedule(period.frequency(), period.listDate().getDayOfWeek(), Preferences.DEFAULT_HOUR, Preferences.DEFAULT_ZONE))) {
                ids.forEach(subscriberId);
            }
        }
    }

    /** Keeps each batch it is given; one request a batch. */
    private static final class RecordingQueue implements DigestQueue {
        final List<List<DigestJob>> batches = new ArrayList<>();

        @Override
        public int enqueue(List<DigestJob> jobs) {
            batches.add(jobs);
            return 1;
        }

        List<DigestJob> jobs() {
            return batches.stream().flatMap(List::stream).toList();
        }
    }

    @Test
    void aThousandDueSubscribersMakeFortyFullJobsInFourBatchesNoneNamedTwice() {
        Due due = Due.of(FRIDAY, 1000);
        RecordingQueue queue = new RecordingQueue();

        DigestPlanner.Plan plan = new DigestPlanner(due, queue, SOME_LISTED, new RecordingMetrics()).plan(FRIDAY);

        assertEquals(4, queue.batches.size());
        assertTrue(queue.batches.stream().allMatch(batch -> batch.size() == DigestQueue.MAX_BATCH), "every batch full");
        assertEquals(40, queue.jobs().size());
        assertTrue(queue.jobs().stream().allMatch(job -> job.subscribers().size() == DigestJob.MAX_SUBSCRIBERS), "every job full");
        assertTrue(queue.jobs().stream().allMatch(job -> job.period().equals(FRIDAY)), "every job for the period planned");
        List<String> named = queue.jobs().stream().flatMap(job -> job.subscribers().stream()).toList();
        assertEquals(due.ids(), named, "each subscriber named once, in the order read");
        assertEquals(new DigestPlanner.Plan(FRIDAY, "DAILY", 1000, 40, 4), plan);
    }

    @Test
    void subscribersBeyondAFullJobGoInAShortLastOne() {
        Due due = Due.of(FRIDAY, 1001);
        RecordingQueue queue = new RecordingQueue();

        DigestPlanner.Plan plan = new DigestPlanner(due, queue, SOME_LISTED, new RecordingMetrics()).plan(FRIDAY);

        assertEquals(List.of(10, 10, 10, 10, 1), queue.batches.stream().map(List::size).toList());
        assertEquals(List.of("subscriber-1000"), queue.jobs().getLast().subscribers());
        assertEquals(Set.copyOf(due.ids()), new HashSet<>(queue.jobs().stream().flatMap(job -> job.subscribers().stream()).toList()));
        assertEquals(new DigestPlanner.Plan(FRIDAY, "DAILY", 1001, 41, 5), plan);
    }

    @Test
    void aPeriodNobodyIsDueForSendsNothing() {
        RecordingQueue queue = new RecordingQueue();
        RecordingMetrics metrics = new RecordingMetrics();

        DigestPlanner.Plan plan = new DigestPlanner(Due.of(FRIDAY, 3), queue, SOME_LISTED, metrics).plan(FRIDAYS_WEEK);

        assertEquals(List.of(), queue.batches);
        assertEquals(new DigestPlanner.Plan(FRIDAYS_WEEK, "WEEKLY#FRIDAY", 0, 0, 0), plan);
        assertEquals(0, metrics.get("DigestsPlanned"));
        assertEquals(0, metrics.get("DigestMessagesEnqueued"));
    }

    @Test
    void aQueueFailureSurfacesToTheCaller() {
        IllegalStateException refused = new IllegalStateException("SQS kept refusing 10 digest messages");
        DigestQueue failing = jobs -> {
            throw refused;
        };

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> new DigestPlanner(Due.of(FRIDAY, 300), failing, SOME_LISTED, new RecordingMetrics()).plan(FRIDAY));

        assertSame(refused, thrown);
    }

    @Test
    void itHoldsAtMostOneBatchOfIdsWhateverTheNumberDue() {
        RecordingQueue queue = new RecordingQueue();
        int[] handedOver = {0};
        int[] mostHeld = {0};
        // Counts, at each id handed over, how many the planner has taken but not yet enqueued.
        DueSubscribers streaming = DueSubscribers.from(() -> Set.of(Preferences.DEFAULT_ZONE), (schedule, each) -> {
            if (schedule.hour() != Preferences.DEFAULT_HOUR) {
                return;
            }
            for (int i = 0; i < 100_000; i++) {
                each.accept("subscriber-" + i);
                handedOver[0]++;
                int enqueued = queue.jobs().stream().mapToInt(job -> job.subscribers().size()).sum();
                mostHeld[0] = Math.max(mostHeld[0], handedOver[0] - enqueued);
            }
        });

        DigestPlanner.Plan plan = new DigestPlanner(streaming, queue, SOME_LISTED, new RecordingMetrics()).plan(FRIDAY);

        assertEquals(100_000, plan.subscribers());
        assertTrue(mostHeld[0] < DigestQueue.MAX_BATCH * DigestJob.MAX_SUBSCRIBERS, "held " + mostHeld[0] + " ids at once");
    }

    @Test
    void theCountsGoToMetrics() {
        RecordingMetrics metrics = new RecordingMetrics();

        new DigestPlanner(Due.of(FRIDAY, 60), new RecordingQueue(), SOME_LISTED, metrics).plan(FRIDAY);

        assertEquals(60, metrics.get("DigestsPlanned"));
        assertEquals(3, metrics.get("DigestMessagesEnqueued"));
    }

    @Test
    void aPeriodWithNoPaperListedPlansNothingAndSaysWhy() {
        RecordingQueue queue = new RecordingQueue();
        List<List<LocalDate>> asked = new ArrayList<>();
        ListedPapers none = (first, last) -> {
            asked.add(List.of(first, last));
            return 0;
        };

        DigestPlanner.Outcome outcome = new DigestPlanner(Due.of(FRIDAYS_WEEK, 5), queue, none, new RecordingMetrics()).planListed(FRIDAYS_WEEK);

        assertEquals(new DigestPlanner.NothingListed(FRIDAYS_WEEK, "WEEKLY#FRIDAY", 0, "no papers listed"), outcome);
        assertEquals(List.of(List.of(LocalDate.of(2025, 8, 23), LocalDate.of(2025, 8, 29))), asked, "the week's seven lists");
        assertEquals(List.of(), queue.batches);
    }

    @Test
    void aPeriodWithPapersListedIsPlanned() {
        RecordingQueue queue = new RecordingQueue();

        DigestPlanner.Outcome outcome = new DigestPlanner(Due.of(FRIDAY, 5), queue, SOME_LISTED, new RecordingMetrics()).planListed(FRIDAY);

        assertEquals(5, assertInstanceOf(DigestPlanner.Plan.class, outcome).subscribers());
        assertEquals(1, queue.jobs().size());
    }

    /** Subscribers by schedule, read by due key as the index is: the zones in use are the default and theirs. */
    private static final class Scheduled implements DueSubscribers {
        final Map<String, Schedule> schedules = new LinkedHashMap<>();
        final List<String> partitionsRead = new ArrayList<>();

        Scheduled with(String id, Frequency frequency, DayOfWeek day, int hour, String zone) {
            schedules.put(id, new Schedule(frequency, day, hour, ZoneId.of(zone)));
            return this;
        }

        @Override
        public Set<ZoneId> zonesInUse() {
            Set<ZoneId> zones = new LinkedHashSet<>(List.of(Preferences.DEFAULT_ZONE));
            schedules.values().forEach(s -> zones.add(s.zone()));
            return zones;
        }

        @Override
        public void forEachDue(Schedule schedule, Consumer<String> subscriberId) {
            String key = SubscriberItems.dueKey(schedule);
            partitionsRead.add(key);
            schedules.forEach((id, s) -> {
                if (SubscriberItems.dueKey(s).equals(key)) {
                    subscriberId.accept(id);
                }
            });
        }
    }

    // Thursday 2026-12-03 at 12:00 UTC: 07:00 in New York (EST), 13:00 in Berlin, 17:30 in Kolkata.
    private static final Instant THURSDAY_NOON_UTC = Instant.parse("2026-12-03T12:00:00Z");
    private static final Period WEDNESDAY = new Period(Frequency.DAILY, LocalDate.of(2026, 12, 2));
    private static final Period WEEK_TO_WEDNESDAY = new Period(Frequency.WEEKLY, LocalDate.of(2026, 12, 2));

    private static Scheduled threeZones() {
        return new Scheduled()
                .with("new-york-7", Frequency.DAILY, DayOfWeek.MONDAY, 7, "America/New_York")
                .with("berlin-13", Frequency.DAILY, DayOfWeek.MONDAY, 13, "Europe/Berlin")
                .with("berlin-7", Frequency.DAILY, DayOfWeek.MONDAY, 7, "Europe/Berlin")
                .with("kolkata-18-thursdays", Frequency.WEEKLY, DayOfWeek.THURSDAY, 18, "Asia/Kolkata")
                .with("kolkata-18-fridays", Frequency.WEEKLY, DayOfWeek.FRIDAY, 18, "Asia/Kolkata")
                .with("new-york-7-thursdays", Frequency.WEEKLY, DayOfWeek.THURSDAY, 7, "America/New_York");
    }

    @Test
    void aScheduledRunPlansTheSubscribersWhoseHourItIsInTheirZoneWithTheNewestClosedList() {
        Scheduled due = threeZones();
        RecordingQueue queue = new RecordingQueue();

        DigestPlanner.SlotsPlanned run = new DigestPlanner(due, queue, SOME_LISTED, new RecordingMetrics()).planAt(THURSDAY_NOON_UTC);

        assertEquals("2026-12-02", run.list(), "Wednesday's list, closed at 21:30 New York");
        assertEquals(List.of(new DigestJob(WEDNESDAY, List.of("new-york-7", "berlin-13")), new DigestJob(WEEK_TO_WEDNESDAY, List.of("new-york-7-thursdays"))),
                queue.jobs(), "one job a period, filled across the schedules due");
        assertEquals(List.of(new DigestPlanner.Slot("DAILY", WEDNESDAY, 1, "planned"),
                new DigestPlanner.Slot("DAILY#13#Europe/Berlin", WEDNESDAY, 1, "planned"),
                new DigestPlanner.Slot("WEEKLY#THURSDAY", WEEK_TO_WEDNESDAY, 1, "planned"),
                new DigestPlanner.Slot("WEEKLY#THURSDAY#13#Europe/Berlin", WEEK_TO_WEDNESDAY, 0, "planned")), run.slots());
        assertEquals(List.of(3, 2, 2), List.of(run.subscribers(), run.messages(), run.sqsRequests()));
    }

    @Test
    void aHalfHourZoneIsPlannedOnItsOwnQuarterOnItsLocalWeekday() {
        Scheduled due = threeZones();
        RecordingQueue queue = new RecordingQueue();

        new DigestPlanner(due, queue, SOME_LISTED, new RecordingMetrics()).planAt(THURSDAY_NOON_UTC.plusSeconds(30 * 60));

        assertEquals(List.of(new DigestJob(WEEK_TO_WEDNESDAY, List.of("kolkata-18-thursdays"))), queue.jobs());
        assertEquals(List.of("DAILY#18#Asia/Kolkata", "WEEKLY#THURSDAY#18#Asia/Kolkata"), due.partitionsRead, "one query per schedule due, nobody loaded");
    }

    @Test
    void anEmptyListPlansNoDailyDigestWhileItsWeekStillGoesOut() {
        // Monday 07:00 New York carries Sunday's list, empty as weekend lists are; the week up to it is not.
        Scheduled due = new Scheduled().with("daily", Frequency.DAILY, DayOfWeek.MONDAY, 7, "America/New_York")
                .with("weekly", Frequency.WEEKLY, DayOfWeek.MONDAY, 7, "America/New_York");
        LocalDate sunday = LocalDate.of(2026, 11, 29);
        ListedPapers weekdaysOnly = (first, last) -> first.equals(last) && first.equals(sunday) ? 0 : 40;
        RecordingQueue queue = new RecordingQueue();

        DigestPlanner.SlotsPlanned run = new DigestPlanner(due, queue, weekdaysOnly, new RecordingMetrics()).planAt(Instant.parse("2026-11-30T12:00:00Z"));

        assertEquals(List.of(new DigestPlanner.Slot("DAILY", new Period(Frequency.DAILY, sunday), 0, "no papers listed"),
                new DigestPlanner.Slot("WEEKLY#MONDAY", new Period(Frequency.WEEKLY, sunday), 1, "planned")), run.slots());
        assertEquals(List.of(new DigestJob(new Period(Frequency.WEEKLY, sunday), List.of("weekly"))), queue.jobs());
    }

    @Test
    void aSubscriberWhoMovesTheirHourWithinADayIsPlannedTheSamePeriodSoTheClaimSendsOnce() {
        Scheduled due = new Scheduled().with("mover", Frequency.DAILY, DayOfWeek.MONDAY, 7, "America/New_York");
        RecordingQueue queue = new RecordingQueue();
        DigestPlanner planner = new DigestPlanner(due, queue, SOME_LISTED, new RecordingMetrics());

        planner.planAt(THURSDAY_NOON_UTC);
        due.with("mover", Frequency.DAILY, DayOfWeek.MONDAY, 20, "Europe/Berlin");
        planner.planAt(Instant.parse("2026-12-03T19:00:00Z"));
        due.with("mover", Frequency.DAILY, DayOfWeek.MONDAY, 21, "America/New_York");
        planner.planAt(Instant.parse("2026-12-04T02:00:00Z"));

        assertEquals(List.of(new DigestJob(WEDNESDAY, List.of("mover")), new DigestJob(WEDNESDAY, List.of("mover")),
                new DigestJob(WEDNESDAY, List.of("mover"))), queue.jobs(), "three runs, one period: the sender's claim on it lets one through");
    }

    @Test
    void aReplanByHandPlansTheFrequencyAtEveryHourOfEveryZone() {
        Scheduled due = threeZones();
        RecordingQueue queue = new RecordingQueue();

        DigestPlanner.Plan plan = new DigestPlanner(due, queue, SOME_LISTED, new RecordingMetrics()).plan(WEDNESDAY);

        assertEquals(Set.of("new-york-7", "berlin-13", "berlin-7"), Set.copyOf(queue.jobs().getFirst().subscribers()));
        assertEquals(3, plan.subscribers());
        assertEquals(24 * 3, due.partitionsRead.size(), "24 hours in each of the three zones in use");
    }

    /**
     * Zones that change clocks on other dates than New York have 25-hour days in which two lists
     * close: a daily schedule there carries both, so over a year no list is skipped at any hour
     * (Nuuk's 23:00 included, which a gap at midnight moves into the next day once a year).
     */
    @Test
    void aDailyScheduleCarriesEveryListOverAYearWhateverItsZoneAndHour() {
        for (String id : List.of("Europe/Berlin", "Europe/London", "Australia/Sydney", "Pacific/Auckland", "America/New_York",
                "Asia/Kolkata", "America/Santiago", "America/Nuuk")) {
            ZoneId zone = ZoneId.of(id);
            for (int hour = 0; hour < 24; hour++) {
                Set<LocalDate> carried = new HashSet<>();
                for (LocalDate day = LocalDate.of(2025, 1, 2); day.isBefore(LocalDate.of(2025, 12, 31)); day = day.plusDays(1)) {
                    Schedule schedule = new Schedule(Frequency.DAILY, day.getDayOfWeek(), hour, zone);
                    Instant slot = schedule.slotOn(day);
                    List<LocalDate> lists = DigestPlanner.listsFor(schedule, slot,
                            dev.paperboy.paper.ListingCalendar.newestClosedAt(slot));
                    // None when the day between its slots held no closing: the slot before carried it.
                    assertTrue(lists.size() <= 2, id + " " + hour + ":00 on " + day + " carries " + lists);
                    carried.addAll(lists);
                }
                LocalDate first = carried.stream().min(LocalDate::compareTo).orElseThrow();
                LocalDate last = carried.stream().max(LocalDate::compareTo).orElseThrow();
                for (LocalDate list = first; !list.isAfter(last); list = list.plusDays(1)) {
                    assertTrue(carried.contains(list), id + " " + hour + ":00 never carries the list of " + list);
                }
            }
        }
    }
}
