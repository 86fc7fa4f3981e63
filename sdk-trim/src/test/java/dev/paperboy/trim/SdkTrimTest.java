package dev.paperboy.trim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A made-up service shaped like the SDK's (client interface, default client with lambdas, model
 * classes, an endpoint resolver switching on the operation name), compiled here, trimmed for an
 * app that calls one convenience method, then run in a fresh class loader: the JVM verifies the
 * trimmed classes there, so a class the trimmer wrongly removed fails the run.
 */
class SdkTrimTest {
    private static final String FOO = "software/amazon/awssdk/services/foo/";
    private static final Map<String, String> SERVICE = Map.of(
            "software/amazon/awssdk/services/foo/FooClient.java", """
                    package software.amazon.awssdk.services.foo;
                    import software.amazon.awssdk.services.foo.model.*;
                    public interface FooClient extends software.amazon.awssdk.awscore.AwsClient {
                        static FooClient create() { return new DefaultFooClient(); }
                        default GetResponse get(GetRequest request) { throw new UnsupportedOperationException(); }
                        default PutResponse put(PutRequest request) { throw new UnsupportedOperationException(); }
                        default String getText(String key) { return get(new GetRequest(key)).text(); }
                    }""",
            "software/amazon/awssdk/services/foo/DefaultFooClient.java", """
                    package software.amazon.awssdk.services.foo;
                    import software.amazon.awssdk.services.foo.model.*;
                    import software.amazon.awssdk.services.foo.endpoints.internal.FooEndpointResolverUtils;
                    final class DefaultFooClient implements FooClient {
                        public GetResponse get(GetRequest r) { return call(() -> new GetResponse("got " + FooEndpointResolverUtils.params("Get", r))); }
                        public PutResponse put(PutRequest r) { return call(() -> new PutResponse(new Item(FooEndpointResolverUtils.params("Put", r)))); }
                        private static <T> T call(java.util.function.Supplier<T> body) { return body.get(); }
                    }""",
            "software/amazon/awssdk/services/foo/endpoints/internal/FooEndpointResolverUtils.java", """
                    package software.amazon.awssdk.services.foo.endpoints.internal;
                    import software.amazon.awssdk.services.foo.model.*;
                    public final class FooEndpointResolverUtils {
                        public static String params(String operation, Object request) {
                            switch (operation) {
                                case "Get": return of((GetRequest) request);
                                case "Put": return of((PutRequest) request);
                                default: return "";
                            }
                        }
                        private static String of(GetRequest request) { return request.key(); }
                        private static String of(PutRequest request) { return request.key(); }
                    }""",
            "software/amazon/awssdk/services/foo/model/GetRequest.java",
            "package software.amazon.awssdk.services.foo.model; public record GetRequest(String key) {}",
            "software/amazon/awssdk/services/foo/model/GetResponse.java",
            "package software.amazon.awssdk.services.foo.model; public record GetResponse(String text) {}",
            "software/amazon/awssdk/services/foo/model/PutRequest.java",
            "package software.amazon.awssdk.services.foo.model; public record PutRequest(String key) {}",
            "software/amazon/awssdk/services/foo/model/PutResponse.java",
            "package software.amazon.awssdk.services.foo.model; public record PutResponse(Item item) {}",
            "software/amazon/awssdk/services/foo/model/Item.java",
            "package software.amazon.awssdk.services.foo.model; public record Item(String key) {}");

    @TempDir
    static Path dir;
    static Path lib;
    static Path app;

    @BeforeAll
    static void buildServiceAndApp() throws IOException {
        Path sources = dir.resolve("src");
        write(sources, Map.of("software/amazon/awssdk/awscore/AwsClient.java",
                "package software.amazon.awssdk.awscore; public interface AwsClient {}"));
        write(sources, SERVICE);
        write(sources, Map.of("app/App.java", """
                package app;
                public class App implements java.util.function.Supplier<String> {
                    public String get() { return software.amazon.awssdk.services.foo.FooClient.create().getText("k"); }
                }"""));
        Path classes = dir.resolve("all");
        compile(sources, classes);
        lib = Files.createDirectories(dir.resolve("lib"));
        app = dir.resolve("app-classes");
        jar(classes, "software/amazon/awssdk/awscore/", lib.resolve("core.jar"));
        jar(classes, FOO, lib.resolve("foo.jar"));
        copy(classes, "app/", app);
        SdkTrim.trim(lib, app);
    }

    @Test
    void keepsTheOperationsCalledThroughADefaultMethodAndWhatTheyNeed() throws IOException {
        Set<String> kept = names(lib.resolve("foo.jar"));
        assertTrue(kept.containsAll(List.of(FOO + "FooClient.class", FOO + "DefaultFooClient.class",
                FOO + "model/GetRequest.class", FOO + "model/GetResponse.class",
                FOO + "endpoints/internal/FooEndpointResolverUtils.class")), kept.toString());
    }

    @Test
    void dropsAnOperationNoOneCallsAndTheClassesOnlyItNeeds() throws IOException {
        Set<String> kept = names(lib.resolve("foo.jar"));
        for (String gone : List.of("model/PutRequest.class", "model/PutResponse.class", "model/Item.class")) {
            assertFalse(kept.contains(FOO + gone), gone + " kept");
        }
    }

    @Test
    void theTrimmedServiceStillVerifiesAndRuns() throws Exception {
        URL[] classpath = {app.toUri().toURL(), lib.resolve("core.jar").toUri().toURL(), lib.resolve("foo.jar").toUri().toURL()};
        try (URLClassLoader loader = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader())) {
            @SuppressWarnings("unchecked")
            Supplier<String> main = (Supplier<String>) loader.loadClass("app.App").getConstructor().newInstance();
            assertEquals("got k", main.get());
            Class<?> client = loader.loadClass("software.amazon.awssdk.services.foo.DefaultFooClient");
            assertFalse(Arrays.stream(client.getDeclaredMethods()).anyMatch(method -> method.getName().equals("put")));
        }
    }

    private static void write(Path root, Map<String, String> files) throws IOException {
        for (var file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
    }

    private static void compile(Path sources, Path out) throws IOException {
        List<String> arguments;
        try (Stream<Path> files = Files.walk(sources)) {
            arguments = Stream.concat(Stream.of("-d", out.toString(), "--release", "21"),
                    files.filter(file -> file.toString().endsWith(".java")).map(Path::toString)).toList();
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new)));
    }

    private static void jar(Path classes, String prefix, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path path : files.filter(Files::isRegularFile).toList()) {
                String name = classes.relativize(path).toString().replace('\\', '/');
                if (name.startsWith(prefix)) {
                    out.putNextEntry(new JarEntry(name));
                    out.write(Files.readAllBytes(path));
                    out.closeEntry();
                }
            }
        }
    }

    private static void copy(Path classes, String prefix, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(classes.resolve(prefix))) {
            for (Path path : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(classes.relativize(path));
                Files.createDirectories(target.getParent());
                Files.copy(path, target);
            }
        }
    }

    private static Set<String> names(Path jar) throws IOException {
        return Jar.read(jar).entries().stream().map(Jar.Entry::name).collect(Collectors.toSet());
    }
}
