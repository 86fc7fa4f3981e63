package dev.paperboy.trim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Trims a function's AWS SDK service jars (dynamodb, s3, sesv2, sqs: most of each is request,
 * response and shape classes for hundreds of operations) to what the function can reach:
 * <ol>
 * <li>the operations it calls are those its code (and every other jar) invokes on a service's
 *     client interface; the other operations are removed from the client interfaces and their
 *     implementations;</li>
 * <li>a service class is kept if anything kept names it: code outside the service jars, a kept
 *     service class, or a service-loader file (repeated until the operations called stop growing,
 *     since a kept default method may call another operation).</li>
 * </ol>
 * Other jars are not touched. Usage: {@code SdkTrim <target/lib> <target/classes>}; it rewrites the
 * service jars in target/lib in place, so copy-dependencies must copy them afresh on every build
 * (and a build whose inputs did not change gets the last output again, from target/sdk-trim).
 */
public final class SdkTrim {
    private static final String SERVICES = "software/amazon/awssdk/services/";
    private static final String AWS_CLIENT = "software/amazon/awssdk/awscore/AwsClient";
    /** The SDK's warm-up providers build a client and call an operation; used only through SdkWarmUp. */
    private static final String WARM_UP = "software/amazon/awssdk/core/warmup/";
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+");

    /** One service class: where it lives and its bytes (rewritten, for a pruned client). */
    private record ServiceClass(Jar jar, byte[] bytes) {}

    /** What one run kept and removed, per jar. */
    record Result(Map<Path, Kept> jars, Map<String, Set<String>> operations) {}

    record Kept(int classesBefore, int classesAfter) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SdkTrim <lib directory> <classes directory>");
        }
        long start = System.nanoTime();
        Path lib = Path.of(args[0]);
        TrimCache cache = new TrimCache(lib, Path.of(args[1]));
        if (cache.restore()) {
            System.out.printf("sdk-trim: inputs unchanged, the last trimmed jars reused (%d ms)%n", (System.nanoTime() - start) / 1_000_000);
            return;
        }
        Map<Path, Long> before = sizes(lib);
        Result result = trim(lib, Path.of(args[1]));
        cache.save(List.copyOf(result.jars().keySet()));
        // One line for the build's output; what was kept, jar by jar and operation by operation, in a file.
        List<String> report = new ArrayList<>();
        long sizeBefore = 0;
        long sizeAfter = 0;
        for (var jar : result.jars().entrySet()) {
            long after = Files.size(jar.getKey());
            sizeBefore += before.get(jar.getKey());
            sizeAfter += after;
            report.add(String.format(Locale.ROOT, "%s %.2f MB -> %.2f MB, %d -> %d classes", jar.getKey().getFileName(),
                    before.get(jar.getKey()) / 1048576.0, after / 1048576.0,
                    jar.getValue().classesBefore(), jar.getValue().classesAfter()));
        }
        result.operations().forEach((client, operations) ->
                report.add(client.substring(client.lastIndexOf('/') + 1) + " keeps " + operations));
        Path reportFile = lib.resolveSibling("sdk-trim").resolve("report.txt");
        Files.write(reportFile, report);
        System.out.printf(Locale.ROOT, "sdk-trim: %d SDK service jars %.2f MB -> %.2f MB in %d ms (%s)%n", result.jars().size(),
                sizeBefore / 1048576.0, sizeAfter / 1048576.0, (System.nanoTime() - start) / 1_000_000, reportFile);
    }

    static Result trim(Path lib, Path classes) throws IOException {
        List<Jar> serviceJars = new ArrayList<>();
        Map<String, ServiceClass> service = new HashMap<>();
        List<byte[]> outside = new ArrayList<>();
        for (Path path : jars(lib)) {
            Jar jar = Jar.read(path);
            boolean isService = jar.entries().stream().anyMatch(entry -> entry.isClass() && entry.name().startsWith(SERVICES));
            if (isService) {
                serviceJars.add(jar);
            }
            for (Jar.Entry entry : jar.entries()) {
                if (entry.isClass() && isService) {
                    service.put(entry.className(), new ServiceClass(jar, entry.bytes()));
                } else if (entry.isClass()) {
                    outside.add(entry.bytes());
                }
            }
        }
        if (Files.isDirectory(classes)) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(file -> file.toString().endsWith(".class")).toList()) {
                    outside.add(Files.readAllBytes(file));
                }
            }
        }
        if (serviceJars.isEmpty()) {
            return new Result(Map.of(), Map.of());
        }

        // What code outside the service jars names and calls; most classes cannot name a service at all.
        byte[] servicesText = "awssdk/services/".getBytes(StandardCharsets.UTF_8);
        byte[] servicesDotted = "awssdk.services.".getBytes(StandardCharsets.UTF_8);
        byte[] warmUpText = WARM_UP.getBytes(StandardCharsets.UTF_8);
        Set<String> roots = new HashSet<>();
        Set<ClassRefs.Call> calls = new HashSet<>();
        boolean warmUpUsed = false;
        for (byte[] bytes : outside) {
            boolean ours = !new ClassReader(bytes).getClassName().startsWith("software/amazon/awssdk/");
            boolean namesWarmUp = ours && ClassRefs.mentions(bytes, warmUpText);
            if (namesWarmUp || ClassRefs.mentions(bytes, servicesText) || ClassRefs.mentions(bytes, servicesDotted)) {
                ClassRefs refs = ClassRefs.of(bytes);
                roots.addAll(refs.classes());
                calls.addAll(refs.calls());
                warmUpUsed |= namesWarmUp && refs.classes().stream().anyMatch(name -> name.startsWith(WARM_UP));
            }
        }
        Set<String> droppedServiceFiles = new HashSet<>();
        for (Jar jar : serviceJars) {
            for (Jar.Entry entry : jar.entries()) {
                if (entry.name().startsWith("META-INF/services/")) {
                    if (!warmUpUsed && entry.name().substring("META-INF/services/".length()).replace('.', '/').startsWith(WARM_UP)) {
                        droppedServiceFiles.add(entry.name());
                        continue;
                    }
                    Matcher names = CLASS_NAME.matcher(new String(entry.bytes(), StandardCharsets.UTF_8));
                    while (names.find()) {
                        roots.add(names.group().replace('.', '/'));
                    }
                }
            }
        }

        Clients clients = Clients.of(service);
        Map<String, Set<String>> used = new HashMap<>();
        clients.record(calls, used);
        Map<String, byte[]> pruned;
        Set<String> reached;
        Map<String, ClassRefs> refsCache = new HashMap<>();
        while (true) {
            pruned = clients.prune(used);
            reached = reach(roots, service, pruned, refsCache, clients.unusedRequests(used));
            Set<ClassRefs.Call> serviceCalls = new HashSet<>();
            for (String name : reached) {
                serviceCalls.addAll(refs(name, service, pruned, refsCache).calls());
            }
            if (!clients.record(serviceCalls, used)) {
                break;
            }
        }

        Map<Path, Kept> kept = new LinkedHashMap<>();
        for (Jar jar : serviceJars) {
            Set<String> keep = reached;
            Map<String, byte[]> replaced = pruned;
            jar.rewrite(entry -> entry.isClass() ? keep.contains(entry.className()) : !droppedServiceFiles.contains(entry.name()),
                    entry -> entry.isClass() ? replaced.getOrDefault(entry.className(), entry.bytes()) : entry.bytes());
            int classesBefore = (int) jar.entries().stream().filter(Jar.Entry::isClass).count();
            int classesAfter = (int) jar.entries().stream().filter(entry -> entry.isClass() && keep.contains(entry.className())).count();
            kept.put(jar.path(), new Kept(classesBefore, classesAfter));
        }
        Map<String, Set<String>> operations = new LinkedHashMap<>();
        used.forEach((client, names) -> operations.put(client, new TreeSet<>(names)));
        return new Result(kept, operations);
    }

    /**
     * Every service class that the roots name, and that those name, and so on; except the request
     * classes of operations not called, as named by the endpoint resolver (below).
     */
    private static Set<String> reach(Set<String> roots, Map<String, ServiceClass> service, Map<String, byte[]> pruned,
                                     Map<String, ClassRefs> refsCache, Set<String> unusedRequests) {
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        for (String root : roots) {
            if (service.containsKey(root) && reached.add(root)) {
                pending.add(root);
            }
        }
        while (!pending.isEmpty()) {
            String from = pending.pop();
            boolean resolver = isEndpointResolver(from);
            for (String name : refs(from, service, pruned, refsCache).classes()) {
                if (resolver && unusedRequests.contains(name)) {
                    continue;
                }
                if (service.containsKey(name) && reached.add(name)) {
                    pending.add(name);
                }
            }
        }
        return reached;
    }

    /**
     * The generated endpoint resolver (endpoints/internal/XEndpointResolverUtils) names the request
     * class of every operation with endpoint parameters, but only as {@code switch (operationName)
     * { case "GetObject": setContextParams(params, (GetObjectRequest) request); ... }} and in the
     * one method per request that the case calls. The JVM resolves a class named by a cast or a
     * call when that instruction first runs, and the verifier needs no class to check a cast
     * followed by a call taking that same type: so a branch for an operation never called never
     * loads its request class, and neither it nor its shapes need to be there.
     */
    private static boolean isEndpointResolver(String name) {
        return name.contains("/endpoints/internal/") && name.endsWith("EndpointResolverUtils");
    }

    private static ClassRefs refs(String name, Map<String, ServiceClass> service, Map<String, byte[]> pruned,
                                  Map<String, ClassRefs> refsCache) {
        byte[] rewritten = pruned.get(name);
        return rewritten != null ? ClassRefs.of(rewritten) : refsCache.computeIfAbsent(name, key -> ClassRefs.of(service.get(key).bytes()));
    }

    private static List<Path> jars(Path lib) throws IOException {
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static Map<Path, Long> sizes(Path lib) throws IOException {
        Map<Path, Long> sizes = new HashMap<>();
        for (Path jar : jars(lib)) {
            sizes.put(jar, Files.size(jar));
        }
        return sizes;
    }

    /**
     * The service client interfaces (those extending AwsClient), each one's operations (its
     * instance methods that take or return the service's model, paginator or waiter types, and
     * its static factories), and
     * the service classes implementing each (the default client, delegating clients).
     */
    private record Clients(Map<String, ServiceClass> service, Map<String, Set<String>> operations, Map<String, String> clientOf) {
        static Clients of(Map<String, ServiceClass> service) {
            Map<String, String[]> supertypes = new HashMap<>();
            Map<String, Set<String>> operations = new HashMap<>();
            service.forEach((name, serviceClass) -> {
                ClassReader reader = new ClassReader(serviceClass.bytes());
                List<String> parents = new ArrayList<>(List.of(reader.getInterfaces()));
                if (reader.getSuperName() != null) {
                    parents.add(reader.getSuperName());
                }
                supertypes.put(name, parents.toArray(String[]::new));
                if ((reader.getAccess() & Opcodes.ACC_INTERFACE) != 0 && List.of(reader.getInterfaces()).contains(AWS_CLIENT)) {
                    operations.put(name, operationsOf(reader));
                }
            });
            Map<String, String> clientOf = new HashMap<>();
            for (String name : service.keySet()) {
                String client = clientOf(name, supertypes, operations.keySet(), new HashSet<>());
                if (client != null) {
                    clientOf.put(name, client);
                }
            }
            return new Clients(service, operations, clientOf);
        }

        private static String clientOf(String name, Map<String, String[]> supertypes, Set<String> clients, Set<String> seen) {
            if (clients.contains(name)) {
                return name;
            }
            for (String parent : supertypes.getOrDefault(name, new String[0])) {
                if (seen.add(parent)) {
                    String client = clientOf(parent, supertypes, clients, seen);
                    if (client != null) {
                        return client;
                    }
                }
            }
            return null;
        }

        private static Set<String> operationsOf(ClassReader reader) {
            String pkg = reader.getClassName().substring(0, reader.getClassName().lastIndexOf('/') + 1);
            List<String> typed = List.of("L" + pkg + "model/", "L" + pkg + "paginators/", "L" + pkg + "waiters/");
            Set<String> operations = new HashSet<>();
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    boolean operation = (access & Opcodes.ACC_STATIC) == 0 && typed.stream().anyMatch(descriptor::contains);
                    // create() and builder(): a client no one builds (S3's async one, named by its
                    // S3 Express code) needs none of its builder's classes.
                    boolean factory = (access & Opcodes.ACC_STATIC) != 0 && descriptor.contains("L" + pkg);
                    if (operation || factory) {
                        operations.add(name);
                    }
                    return null;
                }
            }, ClassReader.SKIP_CODE);
            return operations;
        }

        /** Adds the operations these calls reach to {@code used}; whether any was new. */
        boolean record(Set<ClassRefs.Call> calls, Map<String, Set<String>> used) {
            boolean grew = false;
            for (ClassRefs.Call call : calls) {
                String client = clientOf.get(call.owner());
                if (client != null && operations.get(client).contains(call.name())) {
                    grew |= used.computeIfAbsent(client, key -> new HashSet<>()).add(call.name());
                }
            }
            return grew;
        }

        /** The request classes (model/XRequest) of the operations not in {@code used}. */
        Set<String> unusedRequests(Map<String, Set<String>> used) {
            Set<String> requests = new HashSet<>();
            operations.forEach((client, names) -> {
                String model = client.substring(0, client.lastIndexOf('/') + 1) + "model/";
                for (String name : names) {
                    if (!used.getOrDefault(client, Set.of()).contains(name)) {
                        requests.add(model + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Request");
                    }
                }
            });
            return requests;
        }

        /** Each client and implementation, without the operations not in {@code used}. */
        Map<String, byte[]> prune(Map<String, Set<String>> used) {
            Map<String, byte[]> pruned = new HashMap<>();
            clientOf.forEach((name, client) -> {
                Set<String> removed = new HashSet<>(operations.get(client));
                removed.removeAll(used.getOrDefault(client, Set.of()));
                pruned.put(name, ClientPruner.prune(service.get(name).bytes(), removed));
            });
            return pruned;
        }
    }
}
