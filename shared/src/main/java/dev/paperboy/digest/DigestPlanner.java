package dev.paperboy.digest;

import dev.paperboy.metrics.Metrics;
import dev.paperboy.paper.ListingCalendar;
import dev.paperboy.subscriber.Period;
import dev.paperboy.subscriber.Preferences.Frequency;
import dev.paperboy.subscriber.Schedule;
import dev.paperboy.subscriber.SubscriberItems;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Enqueues digests: takes the subscribers due as they are paged in (the sparse index, a thousand
 * ids a page), packs {@link DigestJob#MAX_SUBSCRIBERS} ids a job and {@link DigestQueue#MAX_BATCH}
 * jobs a batch. Memory holds one batch (250 ids) whatever the number of subscribers; a million
 * subscribers is 4,000 SQS requests. Running it twice enqueues twice and sends once: the sender's
 * claims make it safe.
 * <p>
 * A scheduled run at a quarter hour plans the schedules due then ({@link Schedule#dueAt}) with the
 * newest list closed by then ({@link ListingCalendar#newestClosedAt}): the daily digest of that
 * list, and the weekly one of the seven lists up to it for those whose local weekday it is.
 */
public final class DigestPlanner {
    static final String PLANNED = "planned";
    static final String NO_PAPERS = "no papers listed";

    private final DueSubscribers due;
    private final DigestQueue queue;
    private final ListedPapers listed;
    private final Metrics metrics;

    /** What a run did; in JSON, the function's answer. */
    public sealed interface Outcome permits Plan, NothingListed, SlotsPlanned {
    }

    /** {@code dueKey} names the subscribers due (DAILY, WEEKLY#FRIDAY), at every hour of every zone, for the operator reading the answer. */
    public record Plan(Period period, String dueKey, int subscribers, int messages, int sqsRequests) implements Outcome {
    }

    /** No paper listed in the period (a holiday, a failed fetch): no digest to plan, and the fetch alarm speaks. */
    public record NothingListed(Period period, String dueKey, int subscribers, String reason) implements Outcome {
        static NothingListed in(Period period) {
            return new NothingListed(period, SubscriberItems.dueKey(period), 0, NO_PAPERS);
        }
    }

    /**
     * A scheduled run: its time, the list its digests carry (ISO-8601 text, as the answer shows
     * them), and each schedule due with its count ({@code status} planned, or why not).
     */
    public record SlotsPlanned(String at, String list, List<Slot> slots, int subscribers, int messages, int sqsRequests)
            implements Outcome {
    }

    /** One schedule of a scheduled run: its due-index partition and how many subscribers it held. */
    public record Slot(String dueKey, Period period, int subscribers, String status) {
    }

    public DigestPlanner(DueSubscribers due, DigestQueue queue, ListedPapers listed, Metrics metrics) {
        this.due = due;
        this.queue = queue;
        this.listed = listed;
        this.metrics = metrics;
    }

    /** Plans what a planner event asks for (see PlanRequest). */
    public Outcome run(PlanRequest request) {
        return switch (request) {
            case PlanRequest.Scheduled scheduled -> planAt(scheduled.at());
            case PlanRequest.Replan replan -> planListed(replan.period());
        };
    }

    /** The period's digests for every subscriber of its frequency (whatever their hour), when papers are listed in it. */
    public Outcome planListed(Period period) {
        if (!anyListed(period)) {
            return NothingListed.in(period);
        }
        return plan(period);
    }

    /**
     * The period's digests for every subscriber of its frequency, whatever is listed: every hour of
     * every zone in use. A weekly period goes to those whose day is its list's weekday: how tests
     * and benches stage a week; operators replay a week's quarter hours instead (PlanRequest).
     */
    public Plan plan(Period period) {
        Batches batches = new Batches(period);
        for (Schedule schedule : Schedule.everyHour(period.frequency(), period.listDate().getDayOfWeek(), due.zonesInUse())) {
            due.forEachDue(schedule, batches::add);
        }
        batches.flush();
        count(batches);
        return new Plan(period, SubscriberItems.dueKey(period), batches.subscribers, batches.messages, batches.requests);
    }

    /**
     * The schedules due at {@code at}, each with its lists (see {@link #listsFor}): daily digests of
     * the lists that hold papers, weekly ones of the weeks that do. One registry read, then one
     * query per schedule and period due.
     */
    public SlotsPlanned planAt(Instant at) {
        LocalDate newest = ListingCalendar.newestClosedAt(at);
        Map<Period, List<Schedule>> byPeriod = new TreeMap<>(Comparator.comparing(Period::id));
        for (Schedule schedule : Schedule.dueAt(at, due.zonesInUse())) {
            for (LocalDate list : listsFor(schedule, at, newest)) {
                byPeriod.computeIfAbsent(new Period(schedule.frequency(), list), p -> new ArrayList<>()).add(schedule);
            }
        }
        List<Slot> slots = new ArrayList<>();
        int subscribers = 0;
        int messages = 0;
        int requests = 0;
        for (Map.Entry<Period, List<Schedule>> ofPeriod : byPeriod.entrySet()) {
            Period period = ofPeriod.getKey();
            if (!anyListed(period)) {
                ofPeriod.getValue().forEach(s -> slots.add(new Slot(SubscriberItems.dueKey(s), period, 0, NO_PAPERS)));
                continue;
            }
            // One packing per period: jobs fill across schedules, so sparse slots share messages.
            Batches batches = new Batches(period);
            for (Schedule schedule : ofPeriod.getValue()) {
                int before = batches.subscribers;
                due.forEachDue(schedule, batches::add);
                slots.add(new Slot(SubscriberItems.dueKey(schedule), period, batches.subscribers - before, PLANNED));
            }
            batches.flush();
            count(batches);
            subscribers += batches.subscribers;
            messages += batches.messages;
            requests += batches.requests;
        }
        return new SlotsPlanned(at.toString(), newest.toString(), slots, subscribers, messages, requests);
    }

    /**
     * The lists a schedule's digest carries at {@code at}. Daily: every list closed since its slot
     * the local day before, mostly one; two when its zone changed clocks on another date than New
     * York and that day's 25 hours held two list closings, so none is skipped; none when the
     * day between its slots held no closing (23 hours, or 24 against New York's 25): the slot
     * before carried that list, and planning it again would only cost every subscriber a read and
     * a claim that finds it sent. Weekly: the week up to the
     * newest (README says what a 25-hour week does to it).
     */
    static List<LocalDate> listsFor(Schedule schedule, Instant at, LocalDate newest) {
        if (schedule.frequency() == Frequency.WEEKLY) {
            return List.of(newest);
        }
        return ListingCalendar.closedBetween(schedule.previousSlot(at), at);
    }

    private boolean anyListed(Period period) {
        List<LocalDate> days = period.days();
        return listed.papersListedBetween(days.get(0), days.get(days.size() - 1)) > 0;
    }

    private void count(Batches batches) {
        metrics.count("DigestsPlanned", batches.subscribers);
        metrics.count("DigestMessagesEnqueued", batches.messages);
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
