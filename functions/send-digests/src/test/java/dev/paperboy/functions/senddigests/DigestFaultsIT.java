package dev.paperboy.functions.senddigests;

import static dev.paperboy.local.ReliabilityReport.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.digest.DigestJob;
import dev.paperboy.mail.DigestMailer;
import dev.paperboy.digest.DigestPlanner;
import dev.paperboy.digest.DigestRecords;
import dev.paperboy.local.FaultProxy.Action;
import dev.paperboy.local.FaultProxy.Fault;
import dev.paperboy.local.FaultProxy;
import dev.paperboy.local.ReliabilityReport.Row;
import dev.paperboy.local.ReliabilityReport;
import dev.paperboy.subscriber.EmailAddress;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 5's digest-sending scenarios on the local AWS: faults injected between the send function
 * and AWS by {@link FaultProxy}, or by a wrapper inside the function's process. Each test records
 * what it observed (a row of docs/reliability.md) before it asserts.
 */
class DigestFaultsIT {

    @Test
    void sesThrottlingDelaysDigestsButEveryoneGetsExactlyOne() {
        try (DigestStage stage = DigestStage.start(DayOfWeek.MONDAY, 30, 1)) {
            stage.proxy.inject(Fault.of("ses-throttle", FaultProxy.sesSendEmail(), 0.2, FaultProxy.sesThrottle()));
            var plan = stage.plan();
            DigestStage.Delivery delivery = stage.drain(stage::handler, 20);
            DigestStage.Tally tally = stage.tally();

            ReliabilityReport.record(new Row("1-ses-throttling", "SES throttles a fifth of the digest sends",
                    "SES v2 SendEmail answers 429 TooManyRequestsException at rate 0.2 (seed 1)",
                    counts("due", tally.due(), "mailed", tally.mailed(), "duplicates", tally.duplicates(), "lost", tally.lost(),
                            "sesCalls", stage.proxy.matched("ses-throttle"), "injected", stage.proxy.injected("ses-throttle"),
                            "redelivered", delivery.redelivered()),
                    tally.lost() + tally.duplicates() == 0
                            ? "every due subscriber got exactly one digest; the throttled sends were retried with backoff"
                            + (delivery.redelivered() > 0 ? ", and messages whose retries ran out went back to the queue with their claims released" : "")
                            : "NOT exactly once: see the counts"));

            assertEquals(30, plan.subscribers());
            assertTrue(stage.proxy.injected("ses-throttle") > 0, "the fault was injected");
            assertEquals(new DigestStage.Tally(30, 30, 0, 0), tally);
            assertEquals(0, stage.messagesLeft());
        }
    }

    @Test
    void aSenderDyingMidBatchIsRedeliveredAndMailsNobodyTwice() {
        int n = 12;
        int k = 5;
        try (DigestStage stage = DigestStage.start(DayOfWeek.TUESDAY, n, 2)) {
            stage.plan();
            AtomicInteger instances = new AtomicInteger();
            // The first instance dies right after SES accepted its k-th mail; Lambda's next ones are healthy.
            DigestStage.Delivery delivery = stage.drain(() -> instances.getAndIncrement() == 0
                    ? stage.handler(mailer -> new DiesAfter(mailer, k)) : stage.handler(), 10);
            DigestStage.Tally tally = stage.tally();
            Map<String, Long> statuses = stage.emails.stream().collect(Collectors.groupingBy(stage::recordStatus, TreeMap::new, Collectors.counting()));

            ReliabilityReport.record(new Row("2-sender-dies-mid-batch", "the send function dies mid-batch, after " + k + " of " + n
                            + " sends, and Lambda redelivers the batch",
                    "in-process: the process ends (an Error nobody catches) right after SES accepted the " + k + "th mail, "
                            + "before its record says SENT",
                    counts("due", tally.due(), "mailed", tally.mailed(), "duplicates", tally.duplicates(), "lost", tally.lost(),
                            "crashedInvocations", delivery.crashed(), "redelivered", delivery.redelivered(),
                            "recordsSent", statuses.getOrDefault("SENT", 0L), "recordsLeftSending", statuses.getOrDefault("SENDING", 0L)),
                    tally.lost() + tally.duplicates() == 0
                            ? "nobody got two mails and the " + (n - k) + " unsent got theirs on redelivery; the mail accepted just before "
                            + "the crash keeps its claim (status SENDING, no message id), so it is not sent again"
                            : "NOT exactly once: see the counts"));

            assertEquals(1, delivery.crashed());
            assertEquals(new DigestStage.Tally(n, n, 0, 0), tally);
            assertEquals(Map.of("SENT", (long) n - 1, "SENDING", 1L), statuses);
            assertEquals(0, stage.messagesLeft());
        }
    }

    @Test
    void aSendCutShortInsideTheSesCallIsNeverRepeatedAtTheCostOfLosingIt() {
        try (DigestStage stage = DigestStage.start(DayOfWeek.WEDNESDAY, 9, 22)) {
            String diesBeforeSes = stage.emails.get(0);
            String droppedBefore = stage.emails.get(1);
            String droppedBeforeOnce = stage.emails.get(2);
            String droppedAfter = stage.emails.get(3);
            stage.proxy.inject(Fault.of("drop-before-ses", sesTo(droppedBefore), 1.0, new Action.Drop()));
            stage.proxy.inject(new Fault("drop-before-ses-once", sesTo(droppedBeforeOnce), 1.0, 1, new Action.Drop()));
            stage.proxy.inject(new Fault("drop-after-ses", sesTo(droppedAfter), 1.0, 1, new Action.ForwardThenDrop()));
            stage.plan();
            AtomicInteger instances = new AtomicInteger();
            DigestStage.Delivery delivery = stage.drain(() -> instances.getAndIncrement() == 0
                    ? stage.handler(mailer -> new DiesBefore(mailer, diesBeforeSes)) : stage.handler(), 10);
            Map<String, Integer> mails = stage.mailsPerRecipient();
            DigestStage.Tally tally = DigestStage.Tally.of(mails, new HashSet<>(stage.emails));
            Map<String, Long> statuses = stage.emails.stream().collect(Collectors.groupingBy(stage::recordStatus, TreeMap::new, Collectors.counting()));

            ReliabilityReport.record(new Row("2b-send-cut-short-inside-the-ses-call",
                    "a send cut short where SES may or may not have the mail: at-most-once, a missed digest rather than a duplicate",
                    "of 9 subscribers: one's process dies as it calls SES, its claim marked as handed over (in-process); one's SendEmail "
                            + "connection is dropped before SES gets it, every time; one's once; one's is dropped after SES "
                            + "accepted the mail (the proxy forwards, then closes without the answer)",
                    counts("due", tally.due(), "mailed", tally.mailed(), "duplicates", tally.duplicates(), "lost", tally.lost(),
                            "mailsDiesBeforeSes", mails.get(diesBeforeSes), "mailsDroppedBefore", mails.get(droppedBefore),
                            "mailsDroppedBeforeOnce", mails.get(droppedBeforeOnce), "mailsDroppedAfter", mails.get(droppedAfter),
                            "injected", stage.proxy.injected("drop-before-ses") + stage.proxy.injected("drop-before-ses-once")
                                    + stage.proxy.injected("drop-after-ses"),
                            "crashedInvocations", delivery.crashed(), "recordsLeftSending", statuses.getOrDefault("SENDING", 0L)),
                    tally.duplicates() > 0 ? "DUPLICATES: a send whose answer was lost was repeated" : "nobody got two digests and "
                            + "the unaffected 5 got one each: a claim whose send may have reached SES is kept, "
                            + "so the dropped-after mail is not sent again; the price is " + tally.lost() + " lost digests, "
                            + "the sends that never reached SES (the process died at the call, or the connection dropped "
                            + "before the request arrived), which the sender cannot tell from after (2c: one that died "
                            + "before the call is sent)"));

            assertEquals(0, tally.duplicates(), "never two mails");
            assertEquals(1, mails.get(droppedAfter), "SES accepted it once and it was not sent again");
            assertEquals(0, mails.get(diesBeforeSes));
            assertEquals(0, mails.get(droppedBefore));
            assertEquals(0, mails.get(droppedBeforeOnce), "an answer lost on the way is not retried: it may have been sent");
            assertEquals(new DigestStage.Tally(9, 6, 0, 3), tally);
            assertEquals(Map.of("SENT", 5L, "SENDING", 4L), statuses, "the four uncertain sends keep their claims");
            assertEquals(0, stage.messagesLeft());
        }
    }

    @Test
    void aClaimAbandonedBeforeTheSesCallIsTakenOverOnRedeliveryAndNoOtherIs() {
        try (DigestStage stage = DigestStage.start(DayOfWeek.THURSDAY, 3, 7)) {
            Instant now = Instant.now();
            // What a crash leaves, found by the batch's redelivery 720 s later (the queue's visibility timeout):
            String abandoned = stage.emails.get(0);   // died after claiming, before the mail was handed to SES
            String handedOver = stage.emails.get(1);  // died once the mail was handed to SES: it may have been sent
            String fresh = stage.emails.get(2);       // claimed moments ago: another instance may be sending it now
            claim(stage, abandoned, now.minusSeconds(720), false);
            claim(stage, handedOver, now.minusSeconds(720), true);
            claim(stage, fresh, now.minusSeconds(30), false);
            stage.plan();
            stage.drain(stage::handler, 10);
            Map<String, Integer> mails = stage.mailsPerRecipient();
            Map<String, String> statuses = stage.emails.stream().collect(Collectors.toMap(e -> e, stage::recordStatus));

            ReliabilityReport.record(new Row("2c-claim-abandoned-before-the-ses-call",
                    "a redelivered batch finds claims a crashed invocation left: one from before the SES call, one from after",
                    "digest records written as a crash leaves them: SENDING claimed 720 s ago without the SES marker; SENDING "
                            + "claimed 720 s ago with it; SENDING claimed 30 s ago without it",
                    counts("due", 3, "mailsAbandoned", mails.getOrDefault(abandoned, 0), "mailsHandedOver", mails.getOrDefault(handedOver, 0),
                            "mailsFresh", mails.getOrDefault(fresh, 0), "duplicates", mails.values().stream().filter(m -> m > 1).count()),
                    "the claim abandoned before the SES call was taken over and its digest sent once; the one handed to SES "
                            + "and the fresh one were left alone (at most once)"));

            assertEquals(1, mails.getOrDefault(abandoned, 0), "never handed to SES: sent on redelivery");
            assertEquals(0, mails.getOrDefault(handedOver, 0), "may have been sent: never again");
            assertEquals(0, mails.getOrDefault(fresh, 0), "claimed moments ago: its sender may still be at work");
            assertEquals(Map.of(abandoned, "SENT", handedOver, "SENDING", fresh, "SENDING"), statuses);
            assertEquals(0, stage.messagesLeft());
        }
    }

    /** A claim taken {@code at} that instant (and, if {@code handedToSes}, marked a second later), by the sender's own records. */
    private static void claim(DigestStage stage, String email, Instant at, boolean handedToSes) {
        DigestRecords records = new DigestRecords(stage.dynamoDb, stage.stack.name("SubscribersTable"));
        assertEquals(DigestRecords.Claim.CLAIMED, records.claim(stage.id(email), stage.period, at));
        if (handedToSes) {
            records.markHandedToSes(stage.id(email), stage.period, List.of(), at.plusSeconds(1));
        }
    }

    private static Predicate<FaultProxy.Request> sesTo(String email) {
        return FaultProxy.sesSendEmail().and(request -> request.bodyText().contains(email));
    }

    @Test
    void twoPlannerRunsForThePeriodAtOnceMailEachSubscriberOnce() throws Exception {
        int n = 40;
        try (DigestStage stage = DigestStage.start(DayOfWeek.THURSDAY, n, 3)) {
            stage.proxy.inject(Fault.of("ses-calls", FaultProxy.sesSendEmail(), 0.0, FaultProxy.sesThrottle()));
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                // Two runs of the schedule at the same moment (an EventBridge retry, a manual run), then two send
                // instances draining the queue side by side, so that the duplicate jobs race for the same claims.
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<DigestPlanner.Plan>> plans = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    plans.add(threads.submit(() -> {
                        together.await();
                        return stage.plan();
                    }));
                }
                int enqueued = 0;
                int messages = 0;
                for (Future<DigestPlanner.Plan> plan : plans) {
                    enqueued += plan.get(60, TimeUnit.SECONDS).subscribers();
                    messages += plan.get().messages();
                }
                List<Future<DigestStage.Delivery>> senders = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    senders.add(threads.submit(() -> {
                        together.await();
                        return stage.drain(stage::handler, 10);
                    }));
                }
                int batches = 0;
                for (Future<DigestStage.Delivery> sender : senders) {
                    batches += sender.get(60, TimeUnit.SECONDS).batches();
                }
                DigestStage.Tally tally = stage.tally();

                ReliabilityReport.record(new Row("3-two-planners", "two planner runs for the same period at once, "
                                + "their messages drained by two send instances side by side",
                        "two planner threads started together (no fault injected: the race is the fault)",
                        counts("due", tally.due(), "enqueued", enqueued, "messages", messages, "batches", batches,
                                "sesCalls", stage.proxy.matched("ses-calls"), "mailed", tally.mailed(), "duplicates", tally.duplicates(), "lost", tally.lost()),
                        tally.lost() + tally.duplicates() == 0
                                ? "each subscriber was planned twice and mailed once: the conditional claim per (subscriber, period) "
                                + "let one send through and the other found it taken"
                                : "NOT exactly once: see the counts"));

                assertEquals(2 * n, enqueued, "both runs planned everyone");
                assertEquals(n, stage.proxy.matched("ses-calls"), "one SES call a subscriber");
                assertEquals(new DigestStage.Tally(n, n, 0, 0), tally);
                assertEquals(0, stage.messagesLeft());
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void aSubscriberThatCannotBeMailedSendsItsMessageToTheDeadLetterQueueAndTheRestAreSent() throws Exception {
        try (DigestStage stage = DigestStage.start(DayOfWeek.FRIDAY, 10, 7)) {
            // A corrupt profile (a bad import, a hand edit): it reads, ranks and renders, but its address is no address.
            String poison = stage.emails.get(4);
            stage.dynamoDb.updateItem(r -> r.tableName(stage.stack.name("SubscribersTable"))
                    .key(Map.of("pk", AttributeValue.fromS("SUB#" + stage.id(poison)), "sk", AttributeValue.fromS("PROFILE")))
                    .updateExpression("SET email = :bad").expressionAttributeValues(Map.of(":bad", AttributeValue.fromS("corrupt " + poison))));
            List<String> ids = stage.ids();
            // Two messages in one batch, as the planner packs them: the poison in the first.
            stage.enqueue(List.of(ids.subList(0, 5), ids.subList(5, 10)));
            DigestStage.Delivery delivery = stage.drain(stage::handler, 12);
            List<DigestJob> deadLetters = stage.deadLetters();
            Set<String> good = new HashSet<>(stage.emails);
            good.remove(poison);
            DigestStage.Tally tally = DigestStage.Tally.of(stage.mailsPerRecipient(), good);
            int poisonMails = stage.mailsPerRecipient().get(poison);

            ReliabilityReport.record(new Row("7-poison-message", "a subscriber whose digest cannot be built, in a batch of two messages",
                    "a corrupt subscriber item in DynamoDB (its email attribute is not an address): the MIME message cannot be built",
                    counts("due", tally.due(), "mailed", tally.mailed(), "duplicates", tally.duplicates(), "lost", tally.lost(),
                            "batches", delivery.batches(), "failedReceives", delivery.redelivered(), "deadLetters", deadLetters.size(),
                            "poisonMails", poisonMails),
                    deadLetters.size() == 1 && tally.lost() + tally.duplicates() == 0
                            ? "the other 9 digests were sent (the batch reported only the poison's message failed; its 4 good "
                            + "subscribers were sent the first time and found done on each retry); after 5 receives the queue's "
                            + "redrive policy moved the message to the dead-letter queue, where the alarm reports it"
                            : "NOT as designed: see the counts"));

            assertEquals(new DigestStage.Tally(9, 9, 0, 0), tally);
            assertEquals(0, poisonMails);
            assertEquals(List.of(new DigestJob(stage.period, ids.subList(0, 5))), deadLetters);
            assertEquals(5, delivery.redelivered(), "received and failed five times (maxReceiveCount), then moved");
            assertEquals("NONE", stage.recordStatus(poison), "its claim was given back each time");
            assertEquals(0, stage.messagesLeft());
        }
    }

    @Test
    void anArchiveThatFailsDelaysTheDigestsButLosesNone() {
        try (DigestStage stage = DigestStage.start(DayOfWeek.SATURDAY, 6, 8)) {
            // At least as many failures in a row as the S3 client makes attempts: a digest's archiving fails for good, once.
            Predicate<FaultProxy.Request> archivePut = request -> "PUT".equals(request.method()) && request.path().contains("/digests/");
            stage.proxy.inject(new Fault("s3-put-error", archivePut, 1.0, 4, FaultProxy.internalError()));
            stage.plan();
            DigestStage.Delivery delivery = stage.drain(stage::handler, 10);
            DigestStage.Tally tally = stage.tally();

            ReliabilityReport.record(new Row("7b-archive-unavailable", "the digest archive (S3) fails while a batch is sent",
                    "the first 4 S3 PutObject requests under digests/ answer 500 InternalError: a digest's archiving fails after the S3 client's own retries",
                    counts("due", tally.due(), "mailed", tally.mailed(), "duplicates", tally.duplicates(), "lost", tally.lost(),
                            "injected", stage.proxy.injected("s3-put-error"), "redelivered", delivery.redelivered()),
                    tally.lost() + tally.duplicates() == 0
                            ? "the digest whose archiving failed gave its claim back and was sent when the message came back; "
                            + "nobody got two"
                            : "NOT exactly once: see the counts"));

            assertEquals(4, stage.proxy.injected("s3-put-error"));
            assertTrue(delivery.redelivered() >= 1, "the message went back to the queue");
            assertEquals(new DigestStage.Tally(6, 6, 0, 0), tally);
            assertEquals(0, stage.messagesLeft());
        }
    }

    /** What the end of the process looks like from inside: nothing after it runs, no handler catches it. */
    static final class ProcessDied extends Error {
        ProcessDied(String message) {
            super(message);
        }
    }

    /** A mailer whose process dies after the claim and before the SES call, for one recipient. */
    static final class DiesBefore implements DigestMailer {
        private final DigestMailer real;
        private final String recipient;

        DiesBefore(DigestMailer real, String recipient) {
            this.real = real;
            this.recipient = recipient;
        }

        @Override
        public String send(String from, EmailAddress to, byte[] mime) {
            if (to.value().equals(recipient)) {
                throw new ProcessDied("died before sending to " + to);
            }
            return real.send(from, to, mime);
        }
    }

    /** A mailer whose process dies right after SES accepted the {@code k}-th mail. */
    static final class DiesAfter implements DigestMailer {
        private final DigestMailer real;
        private final int k;
        private final AtomicInteger sent = new AtomicInteger();

        DiesAfter(DigestMailer real, int k) {
            this.real = real;
            this.k = k;
        }

        @Override
        public String send(String from, EmailAddress to, byte[] mime) {
            String messageId = real.send(from, to, mime);
            if (sent.incrementAndGet() == k) {
                throw new ProcessDied("died after SES accepted mail " + k);
            }
            return messageId;
        }
    }
}
