package dev.paperboy.bench;

import dev.paperboy.render.DigestRenderer;
import dev.paperboy.digest.Ranker;
import dev.paperboy.render.RenderedDigest;
import dev.paperboy.mail.MimeDigest;
import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Preferences;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 6's figure: personalised digests per second (see {@link DigestWorkload}). Each operation
 * is the next subscriber's digest, cycling through all of them, against a corpus prepared once
 * per period as the sender does. {@code digest} is the figure (rank, then render both parts when
 * something matched); {@code rank} alone and {@code mail} (plus the MIME message the sender
 * builds for SES) show where the time goes. Run by {@link RankingThroughput}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DigestBenchmark {
    private static final String FROM = "Paperboy <digest@paperboy.example>";
    private static final EmailAddress TO = EmailAddress.parse("reader@example.org");

    private DigestWorkload workload;
    private Ranker.Corpus corpus;
    private DigestRenderer renderer;
    private Preferences[] subscribers;
    private int next;

    @Setup
    public void setUp() {
        workload = DigestWorkload.create();
        corpus = Ranker.prepare(workload.day());
        renderer = new DigestRenderer();
        subscribers = workload.subscribers().toArray(Preferences[]::new);
    }

    private Preferences nextSubscriber() {
        Preferences p = subscribers[next];
        next = next + 1 == subscribers.length ? 0 : next + 1;
        return p;
    }

    @Benchmark
    public List<Paper> rank() {
        return Ranker.rank(corpus, nextSubscriber(), Set.of());
    }

    @Benchmark
    public RenderedDigest digest() {
        Preferences p = nextSubscriber();
        List<Paper> chosen = Ranker.rank(corpus, p, Set.of());
        return chosen.isEmpty() ? null : renderer.render(workload.period(), chosen, p, workload.links());
    }

    @Benchmark
    public byte[] mail() {
        Preferences p = nextSubscriber();
        List<Paper> chosen = Ranker.rank(corpus, p, Set.of());
        if (chosen.isEmpty()) {
            return null;
        }
        RenderedDigest digest = renderer.render(workload.period(), chosen, p, workload.links());
        return MimeDigest.build(FROM, TO, digest, workload.links().unsubscribe());
    }
}
