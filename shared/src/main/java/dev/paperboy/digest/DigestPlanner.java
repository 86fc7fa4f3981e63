package dev.paperboy.digest;

import dev.paperboy.metrics.Metrics;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.SubscriberItems;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Enqueues a period's digests: takes the subscribers due as they are paged in (the sparse index, a
 * thousand ids a page), packs {@link DigestJob#MAX_SUBSCRIBERS} ids a job and
 * {@link DigestQueue#MAX_BATCH} jobs a batch. Memory holds one batch (250 ids) whatever the number
 * of subscribers; a million subscribers is 4,000 SQS requests. Running it twice enqueues twice and
 * sends once: the sender's claims make it safe.
 */
public final class DigestPlanner {
    private final DueSubscribers due;
    private final DigestQueue queue;
    private final ListedPapers listed;
    private final Metrics metrics;

    /** What a run did; in JSON, the function's answer. */
    public sealed interface Outcome permits Plan, NothingListed {
    }

    /** {@code dueKey} names the subscribers due (DAILY, WEEKLY#FRIDAY), for the operator reading the answer. */
    public record Plan(Period period, String dueKey, int subscribers, int messages, int sqsRequests) implements Outcome {
    }

    /** No paper listed in the period (a holiday, a failed fetch): no digest to plan, and the fetch alarm speaks. */
    public record NothingListed(Period period, String dueKey, int subscribers, String reason) implements Outcome {
        static NothingListed in(Period period) {
            return new NothingListed(period, SubscriberItems.dueKey(period), 0, "no papers listed");
        }
    }

    public DigestPlanner(DueSubscribers due, DigestQueue queue, ListedPapers listed, Metrics metrics) {
        this.due = due;
        this.queue = queue;
        this.listed = listed;
        this.metrics = metrics;
    }

    /** The period's digests, when papers are listed in it. */
    /** Plans what a planner event asks for (see PlanRequest). */
    public Outcome planListed(PlanRequest request) {
        return planListed(request.period());
    }

    public Outcome planListed(Period period) {
        List<LocalDate> days = period.days();
        if (listed.papersListedBetween(days.get(0), days.get(days.size() - 1)) == 0) {
            return NothingListed.in(period);
        }
        return plan(period);
    }

    /** The period's digests, whatever is listed. */
    public Plan plan(Period period) {
        Batches batches = new Batches(period);
        due.forEachDue(period, batches::add);
        batches.flush();
        metrics.count("DigestsPlanned", batches.subscribers);
        metrics.count("DigestMessagesEnqueued", batches.messages);
        return new Plan(period, SubscriberItems.dueKey(period), batches.subscribers, batches.messages, batches.requests);
    }

    /** Packs ids into jobs and jobs into batches, counting as it goes. */
    private final class Batches {
        private final Period period;
        private final List<String> ids = new ArrayList<>(DigestJob.MAX_SUBSCRIBERS);
        private final List<DigestJob> jobs = new ArrayList<>(DigestQueue.MAX_BATCH);
        private int subscribers;
        private int messages;
        private int requests;

        Batches(Period period) {
            this.period = period;
        }

        void add(String id) {
            ids.add(id);
            subscribers++;
            if (ids.size() == DigestJob.MAX_SUBSCRIBERS) {
                closeJob();
                if (jobs.size() == DigestQueue.MAX_BATCH) {
                    send();
                }
            }
        }

        void flush() {
            closeJob();
            send();
        }

        private void closeJob() {
            if (!ids.isEmpty()) {
                jobs.add(new DigestJob(period, ids));
                ids.clear();
            }
        }

        private void send() {
            if (!jobs.isEmpty()) {
                requests += queue.enqueue(List.copyOf(jobs));
                messages += jobs.size();
                jobs.clear();
            }
        }
    }
}
