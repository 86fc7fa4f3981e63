package dev.paperboy.bench;

import dev.paperboy.local.Template;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Each function's deployable package as `make build` leaves it (functions/X/target/X.zip, what
 * `sam build` unpacks): its size against the 10 MB target, and the jars and classes in it (the
 * function's own classes plus those in lib/*.jar). Reading zips takes well under a second, so
 * the smoke run measures the same.
 */
final class Artifacts implements Measurement {
    static final double TARGET_MB = 10;

    record Package(String function, String codeUri, long bytes, double megabytes, boolean withinTarget, int jars,
                   int classes) {}

    @Override
    public String name() {
        return "artifacts";
    }

    @Override
    public Report run(Context context) throws IOException {
        Template template = Template.load(context.repoRoot().resolve("template.yaml"));
        List<Package> packages = new ArrayList<>();
        for (var resource : template.resources().entrySet()) {
            if (!"AWS::Serverless::Function".equals(resource.getValue().get("Type"))) {
                continue;
            }
            String codeUri = template.string(template.functionProperties(resource.getKey()), "CodeUri").orElseThrow();
            Path module = context.repoRoot().resolve(codeUri);
            Path zip = module.resolve("target").resolve(module.getFileName() + ".zip");
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException(resource.getKey() + " is not packaged: no " + zip + " (run `make build`)");
            }
            packages.add(measure(resource.getKey(), codeUri, zip));
        }
        List<Row> rows = packages.stream().map(p -> new Row(
                "package " + p.codeUri().substring(p.codeUri().lastIndexOf('/') + 1) + ", MB (jars/classes)",
                String.format(Locale.ROOT, "%.2f %s (%d/%d)", p.megabytes(), p.withinTarget() ? "ok" : "OVER", p.jars(), p.classes()),
                String.format(Locale.ROOT, "<= %.0f", TARGET_MB))).toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("targetMegabytes", TARGET_MB);
        details.put("megabyte", "1048576 bytes");
        details.put("allWithinTarget", packages.stream().allMatch(Package::withinTarget));
        details.put("packages", packages);
        return new Report(rows, details);
    }

    static Package measure(String function, String codeUri, Path zip) throws IOException {
        int jars = 0;
        int classes = 0;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".jar")) {
                    jars++;
                    try (InputStream in = file.getInputStream(entry)) {
                        classes += classesIn(in);
                    }
                } else if (isClass(entry.getName())) {
                    classes++;
                }
            }
        }
        long bytes = Files.size(zip);
        double megabytes = Math.round(bytes / 1048576.0 * 100) / 100.0;
        return new Package(function, codeUri, bytes, megabytes, bytes <= TARGET_MB * 1048576, jars, classes);
    }

    private static int classesIn(InputStream jar) throws IOException {
        int classes = 0;
        ZipInputStream in = new ZipInputStream(jar);
        for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
            if (isClass(entry.getName())) {
                classes++;
            }
        }
        return classes;
    }

    private static boolean isClass(String name) {
        return name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class");
    }
}
