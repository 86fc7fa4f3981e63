package dev.paperboy.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperboy.json.Json;
import dev.paperboy.paper.Paper;
import dev.paperboy.paper.PaperRepository;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.Links;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Schedule;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.SubscriberRepository;
import dev.paperboy.subscriber.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

/**
 * The local tools behind the Makefile:
 * <pre>
 *   provision                        create the template's tables and buckets on the local AWS
 *   invoke LOGICAL_ID EVENT_FILE     `sam local invoke` of that function with that event
 *   run [YYYY-MM-DD]                 provision, fetch a day of Daily Papers, show what was stored
 *   serve [PORT]                     `sam local start-api` on 127.0.0.1:PORT
 *   reliability-report               docs/reliability.md from the fault scenarios' records
 * </pre>
 * The functions run through SAM (SamLocal): built by `sam build` into target/sam-local, invoked in the
 * Lambda Java 21 image on the local AWS's Docker network (LOCAL_AWS_NETWORK, set by the Makefile).
 */
public final class LocalMain {
    static final String SAMPLE_RESOURCE = "/sample/daily_papers-2025-08-29.json";
    static final LocalDate SAMPLE_DATE = LocalDate.of(2025, 8, 29);
    static final String DEMO_SUBSCRIBER = "demo.reader@example.org";
    /** Where `make serve` answers: the links in the demo mail point there. */
    private static final String DEMO_SITE = "http://127.0.0.1:3000";
    private static final String HUGGING_FACE = "https://huggingface.co";

    private final Path root = Path.of(System.getProperty("paperboy.repo.root", ".")).toAbsolutePath().normalize();
    private final Template template = Template.load(root.resolve("template.yaml"));
    private final LocalAws aws = LocalAws.fromEnvironment();
    private final Map<String, String> parameters = Map.of();

    private SamLocal sam() {
        DockerNetwork network = DockerNetwork.fromEnvironment().orElseThrow(() -> new IllegalStateException(
                "LOCAL_AWS_NETWORK is not set: run this through make (make invoke, make serve, make run)"));
        return new SamLocal(root, template, aws, parameters, network, Optional.of(root.resolve("target/sam-local"))).echoingCommands();
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        LocalMain main = new LocalMain();
        int status = switch (args[0]) {
            case "provision" -> main.provision();
            case "invoke" -> args.length == 3 ? main.invoke(args[1], Path.of(args[2])) : usage();
            case "run" -> main.run(args.length > 1 && !args[1].isBlank() ? args[1] : "");
            case "serve" -> main.serve(args.length > 1 ? Integer.parseInt(args[1]) : 3000);
            case "reliability-report" -> ReliabilityReport.write(main.root);
            default -> usage();
        };
        System.exit(status);
    }

    private static int usage() {
        System.err.println("usage: provision | invoke LOGICAL_ID EVENT_FILE | run [YYYY-MM-DD] | serve [PORT] | reliability-report");
        System.exit(2);
        return 2;
    }

    private int provision() {
        new Provisioner(template, aws, parameters).provision().forEach(line -> System.out.println("  " + line));
        return 0;
    }

    private int invoke(String logicalId, Path eventFile) throws IOException {
        SamLocal sam = sam();
        try (HuggingFace source = HuggingFace.choose(sam.network())) {
            SamLocal.Invocation result = sam.invoke(logicalId, Files.readAllBytes(eventFile), source.overrides());
            System.err.println(result.logs());
            System.out.println(result.response());
            return result.succeeded() ? 0 : 1;
        }
    }

    /** `sam local start-api` until Ctrl-C; mail the API sends is written to out/mail/ as it arrives. */
    private int serve(int port) throws Exception {
        provision();
        String base = "http://127.0.0.1:" + port;
        MailFiles mail = new MailFiles(new Outbox(aws.endpoint()), root.resolve("out/mail"));
        SamLocal.Api api = sam().startApi("SubscriptionsApiFunction", port, Map.of("PUBLIC_BASE_URL", base), ProcessBuilder.Redirect.INHERIT);
        Runtime.getRuntime().addShutdownHook(new Thread(api::close));
        api.awaitReady(java.time.Duration.ofMinutes(3));
        System.out.println("Paperboy's API is serving at " + base + "/  (Ctrl-C stops it; mail goes to out/mail/)");
        while (api.process().isAlive()) {
            mail.writeNew();
            Thread.sleep(1000);
        }
        return api.process().exitValue();
    }

    /**
     * Where the functions fetch Daily Papers from: HF_API_URL if the caller set it, else Hugging
     * Face if it answers, else the bundled sample day served on loopback for as long as this lives.
     */
    private record HuggingFace(Map<String, String> overrides, Optional<HfStub> sample) implements AutoCloseable {
        /** The stand-in listens on this machine's address on the functions' Docker network. */
        static HuggingFace choose(DockerNetwork network) throws IOException {
            String url = System.getenv("HF_API_URL");
            if (url != null && !url.isBlank()) {
                return new HuggingFace(Map.of("HF_API_URL", url), Optional.empty());
            }
            if (reachable(URI.create(HUGGING_FACE + "/api/daily_papers?limit=1"))) {
                return new HuggingFace(Map.of(), Optional.empty());
            }
            HfStub stub = HfStub.start(network.gateway()).day(SAMPLE_DATE, sampleDay());
            System.out.println("== Hugging Face API unreachable from here: serving the bundled SAMPLE day " + SAMPLE_DATE
                    + " (invented papers, written by us in the API's shape) at " + stub.url());
            return new HuggingFace(Map.of("HF_API_URL", stub.url().toString()), Optional.of(stub));
        }

        String url() {
            return overrides.getOrDefault("HF_API_URL", HUGGING_FACE);
        }

        @Override
        public void close() {
            sample.ifPresent(HfStub::close);
        }
    }

    private int run(String date) throws IOException {
        System.out.println("== local AWS at " + aws.endpoint() + ", provisioned from template.yaml");
        provision();
        SamLocal sam = sam();
        SamLocal.Invocation result;
        try (HuggingFace source = HuggingFace.choose(sam.network())) {
            if (date.isEmpty() && source.sample().isPresent()) {
                date = SAMPLE_DATE.toString();
            }
            String event = date.isEmpty() ? "{}" : Json.MAPPER.writeValueAsString(Map.of("date", date));
            System.out.println("== FetchPapersFunction " + event + " (source " + source.url() + ")");
            result = sam.invoke("FetchPapersFunction", event.getBytes(StandardCharsets.UTF_8), source.overrides());
        }
        if (!result.succeeded()) {
            System.err.print(result.logs());
            System.out.println("fetch failed: " + result.response());
            return 1;
        }
        JsonNode summary = Json.MAPPER.readTree(result.response());
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        String table = aws.physicalName("PapersTable");
        PaperRepository papers = new PaperRepository(aws.clients().dynamoDb(), table, Clock.systemUTC());
        for (JsonNode day : summary.path("dates")) {
            List<Paper> stored = papers.papersOf(LocalDate.parse(day.asText()));
            System.out.printf("%n== stored in %s for %s: %d papers%n", table, day.asText(), stored.size());
            System.out.printf("%4s %7s  %-11s %s%n", "rank", "upvotes", "id", "title");
            for (int i = 0; i < stored.size(); i++) {
                Paper p = stored.get(i);
                System.out.printf("%4d %7d  %-11s %s%n", i + 1, p.upvotes(), p.id(), shorten(p.title(), 90));
            }
        }
        String date0 = summary.path("dates").get(0).asText();
        List<Path> mails = digests(sam, LocalDate.parse(date0));
        System.out.println();
        System.out.println("== where to look");
        System.out.println("  papers table:   " + table + "   (moto dashboard: " + aws.endpoint() + "/moto-api/)");
        System.out.println("  raw responses:  s3://" + aws.physicalName("ArchiveBucket") + "/raw/huggingface/daily_papers/");
        mails.forEach(path -> System.out.println("  digest mail:    " + path));
        System.out.println("  run it again:   make run DATE=YYYY-MM-DD   (or HF_API_URL=http://127.0.0.1:PORT make run)");
        System.out.println("  the web page:   make serve, then " + DEMO_SITE + "/");
        String demo = SubscriberId.of(aws.keys(), EmailAddress.parse(DEMO_SUBSCRIBER));
        Optional<Subscriber> subscriber = new SubscriberRepository(aws.clients().dynamoDb(), aws.physicalName("SubscribersTable")).find(demo);
        Links links = new Links(DEMO_SITE, new Tokens(aws.keys(), Clock.systemUTC()));
        System.out.println("  the demo subscriber's preferences, with the preview of the next digest (make serve):");
        System.out.println("                  " + links.preferences(demo));
        subscriber.ifPresent(s -> System.out.println("  their private feed (make serve):  " + links.feed(s, Links.FeedFormat.ATOM)));
        return 0;
    }

    /** The demo subscriber's choices: every kind of preference a reader has, so the demo mail shows each. */
    static final Preferences DEMO_PREFERENCES = new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY,
            List.of("agents", "diffusion", "speculative decoding", "tokenization"), 5, 0)
            .withExcludedTopics(List.of("robotics"))
            .withFollowedAuthors(List.of("Lena Fischer", "Tomas Alvarez"))
            .withHour(7, ZoneId.of("Europe/Berlin"));

    /**
     * The digest step: a confirmed demo subscriber with the demo choices, the planner's scheduled
     * run at that subscriber's hour on the morning after the list (when the list is closed), the
     * queue drained into the sender as Lambda's SQS poller would, and each mail that went out
     * written to out/ as .eml and .html.
     */
    private List<Path> digests(SamLocal sam, LocalDate day) throws IOException {
        var clients = aws.clients();
        var subscribers = new SubscriberRepository(clients.dynamoDb(), aws.physicalName("SubscribersTable"));
        var demo = EmailAddress.parse(DEMO_SUBSCRIBER);
        String id = SubscriberId.of(aws.keys(), demo);
        Instant now = Instant.now();
        // Written each run, so a store left by an older demo takes the demo's current choices.
        subscribers.find(id).ifPresentOrElse(
                old -> subscribers.update(old, new Subscriber(id, demo, Subscriber.Status.CONFIRMED, DEMO_PREFERENCES, old.createdAt(), now,
                        Optional.of(now), old.version() + 1, old.feedGeneration()), Optional.empty()),
                () -> subscribers.create(new Subscriber(id, demo, Subscriber.Status.CONFIRMED, DEMO_PREFERENCES, now, now,
                        Optional.of(now), 1), Optional.empty()));
        Preferences p = DEMO_PREFERENCES;
        ZonedDateTime hour = Schedule.of(p).slotOn(day.plusDays(1)).atZone(p.zone());
        System.out.println();
        System.out.println("== digests: demo subscriber " + DEMO_SUBSCRIBER + ": daily at " + hour.toLocalTime() + " in " + p.zone()
                + ", keywords " + String.join(", ", p.keywords()) + "; leaving out " + String.join(", ", p.excludedTopics())
                + "; following " + String.join(", ", p.followedAuthors()) + "; by mail and feed");
        Map<String, String> base = Map.of("PUBLIC_BASE_URL", DEMO_SITE);
        // The event the 15-minute schedule sends at that instant: the list of `day` has closed by then.
        SamLocal.Invocation plan = sam.invoke("PlanDigestsFunction",
                Json.MAPPER.writeValueAsBytes(Map.of("at", hour.toInstant().toString())), base);
        System.out.println("  PlanDigestsFunction {\"at\": \"" + hour.toInstant() + "\"} (" + hour + "): " + plan.response().strip());
        if (!plan.succeeded()) {
            System.err.print(plan.logs());
            return List.of();
        }
        Set<String> before = new HashSet<>();
        Outbox outbox = new Outbox(aws.endpoint());
        outbox.to(DEMO_SUBSCRIBER).forEach(m -> before.add(m.id()));
        QueuePoller poller = new QueuePoller(clients.sqs(), aws.queueUrl("DigestQueue"),
                "arn:aws:sqs:" + aws.region() + ":" + LocalAws.ACCOUNT + ":" + aws.physicalName("DigestQueue"));
        QueuePoller.Drained drained = poller.drain(2, event -> {
            SamLocal.Invocation sent = sam.invoke("SendDigestsFunction", event, base);
            System.out.print(sent.logs().lines().filter(l -> l.contains("digest")).map(l -> "  " + l + "\n").reduce("", String::concat));
            return sent.response();
        });
        System.out.println("  SendDigestsFunction: " + drained.messages() + " message(s) in " + drained.batches() + " batch(es), "
                + drained.failed() + " failed");
        List<Path> written = new ArrayList<>();
        Path out = root.resolve("out/digests");
        Files.createDirectories(out);
        int n = 0;
        for (Outbox.Mail mail : outbox.to(DEMO_SUBSCRIBER)) {
            if (before.contains(mail.id()) || !mail.raw()) {
                continue;
            }
            String name = day + "-" + (++n);
            Path eml = out.resolve(name + ".eml");
            Files.writeString(eml, mail.body());
            written.add(eml);
            Path html = out.resolve(name + ".html");
            Files.writeString(html, mail.part("text/html"));
            written.add(html);
            System.out.println("  sent: \"" + mail.subject() + "\"");
        }
        if (written.isEmpty()) {
            System.out.println("  no new mail: the demo subscriber already had this period's digest (at most one a period),"
                    + " or no paper matched; see out/digests/ for earlier ones");
        }
        return written;
    }

    private static boolean reachable(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(3000);
            connection.setReadTimeout(3000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status < 500;
        } catch (IOException e) {
            return false;
        }
    }

    static String sampleDay() throws IOException {
        try (InputStream in = LocalMain.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the sample day " + SAMPLE_RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
