package dev.paperboy.digest;

import static dev.paperboy.digest.SenderWorld.DAILY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paperboy.json.Json;
import dev.paperboy.mail.DigestMailer;
import dev.paperboy.subscriber.Subscriber;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which messages of a queue batch go back, on the sender's fakes (SenderWorld). */
class DigestBatchTest {
    private final SenderWorld world = new SenderWorld();

    private DigestBatch.Message job(String messageId, Subscriber... subscribers) {
        List<String> ids = java.util.Arrays.stream(subscribers).map(Subscriber::id).toList();
        return new DigestBatch.Message(messageId, Json.MAPPER.valueToTree(new DigestJob(DAILY, ids)).toString());
    }

    private List<String> send(DigestBatch.Message... messages) {
        return new DigestBatch(world.sender()).send(List.of(messages), () -> 100_000);
    }

    @Test
    void sesPausedReturnsThatMessageAndEveryOneAfterItUntried() {
        world.fridayListsThreePapers();
        Subscriber first = world.daily("first", 2);
        Subscriber paused = world.daily("paused", 2);
        Subscriber later = world.daily("later", 2);
        world.ses.alwaysFailFor(paused.email(), () -> new DigestMailer.Paused("Sending paused for this account"));

        List<String> back = send(job("m1", first), job("m2", paused), job("m3", later));

        assertEquals(List.of("m2", "m3"), back);
        assertEquals(List.of(first.email()), world.ses.accepted.stream().map(ScriptedMailer.Sent::to).toList(), "m3 never tried");
    }

    @Test
    void aThrottledOrUnreadableMessageGoesBackAloneAndTheOthersAreSent() {
        world.fridayListsThreePapers();
        Subscriber throttled = world.daily("throttled", 2);
        Subscriber fine = world.daily("fine", 2);
        world.ses.alwaysFailFor(throttled.email(), () -> new DigestMailer.Throttled("Maximum sending rate exceeded"));

        List<String> back = send(job("m1", throttled), new DigestBatch.Message("m2", "{not json"), job("m3", fine));

        assertEquals(List.of("m1", "m2"), back);
        assertEquals(List.of(fine.email()), world.ses.accepted.stream().map(ScriptedMailer.Sent::to).toList());
    }

    @Test
    void aCompleteJobIsNotReturned() {
        world.fridayListsThreePapers();
        Subscriber reader = world.daily("reader", 2);

        assertEquals(List.of(), send(job("m1", reader)));
    }

    @Test
    void theMessagesAreReadFromTheSqsEvent() throws Exception {
        var event = Json.MAPPER.readTree("{\"Records\": [{\"messageId\": \"a\", \"body\": \"{}\"}, {\"messageId\": \"b\", \"body\": \"x\"}]}");

        assertEquals(List.of(new DigestBatch.Message("a", "{}"), new DigestBatch.Message("b", "x")), DigestBatch.Message.of(event));
        assertEquals(List.of(), DigestBatch.Message.of(null), "an empty invocation");
    }
}
