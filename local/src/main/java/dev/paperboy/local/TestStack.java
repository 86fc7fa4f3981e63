package dev.paperboy.local;

import dev.paperboy.keys.Keys;
import dev.paperboy.testkit.Checkout;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The template's tables and buckets on the local AWS under a prefix of their own, so that each
 * test class works on fresh resources and test runs never see each other's data. The local AWS is
 * the JVM's {@link MotoContainer}, started by the first provision.
 */
public record TestStack(Path root, Template template, LocalAws aws, Map<String, String> parameters) {

    public static TestStack provision() {
        Path root = repoRoot();
        Template template = Template.load(root.resolve("template.yaml"));
        LocalAws aws = new LocalAws(MotoContainer.shared().endpoint(), LocalAws.REGION,
                "t" + UUID.randomUUID().toString().substring(0, 8) + "-");
        Map<String, String> parameters = Map.of();
        new Provisioner(template, aws, parameters).provision();
        return new TestStack(root, template, aws, parameters);
    }

    public String name(String logicalId) {
        return aws.physicalName(logicalId);
    }

    /** The keys the functions read from this stack's secret. */
    public Keys keys() {
        return aws.keys();
    }

    /** The functions as `sam local` runs them, against this stack, on the Docker network of the JVM's local AWS. */
    public SamLocal sam() {
        MotoContainer moto = MotoContainer.shared();
        return new SamLocal(root, template, aws, parameters, new DockerNetwork(moto.networkName(), moto.networkEndpoint()),
                java.util.Optional.empty());
    }

    public LocalInvoker invoker() {
        return new LocalInvoker(root, template, aws, parameters);
    }

    /** The bundled sample day's papers (local/src/main/resources/sample/), listed on each of these days. */
    public void storeSampleDay(java.time.LocalDate... days) {
        try {
            byte[] sample = LocalMain.sampleDay().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var papers = new dev.paperboy.paper.PaperRepository(aws.clients().dynamoDb(), name("PapersTable"), java.time.Clock.systemUTC());
            for (java.time.LocalDate day : days) {
                papers.saveDay(day, new dev.paperboy.source.DailyPapersParser().parse(day, sample).papers(), true);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The checkout this stack's template is read from. */
    public static Path repoRoot() {
        return Checkout.root();
    }
}
