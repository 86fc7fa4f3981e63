package dev.paperboy.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.metrics.RecordingMetrics;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences.Frequency;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DigestPlannerTest {
    private static final Period FRIDAY = new Period(Frequency.DAILY, LocalDate.of(2025, 8, 29));
    private static final Period FRIDAYS_WEEK = new Period(Frequency.WEEKLY, LocalDate.of(2025, 8, 29));
    private static final ListedPapers SOME_LISTED = (first, last) -> 50;

    /** Subscribers due for one period only, handed over one by one as a paged read does. */
    private record Due(Period period, List<String> ids) implements DueSubscribers {
        static Due of(Period period, int count) {
            return new Due(period, IntStream.range(0, count).mapToObj(i -> "subscriber-" + i).toList());
        }

        @Override
        public void forEachDue(Period asked, Consumer<String> subscriberId) {
            if (asked.equals(period)) {
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
        DueSubscribers streaming = (period, each) -> {
            for (int i = 0; i < 100_000; i++) {
                each.accept("subscriber-" + i);
                handedOver[0]++;
                int enqueued = queue.jobs().stream().mapToInt(job -> job.subscribers().size()).sum();
                mostHeld[0] = Math.max(mostHeld[0], handedOver[0] - enqueued);
            }
        };

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
}
