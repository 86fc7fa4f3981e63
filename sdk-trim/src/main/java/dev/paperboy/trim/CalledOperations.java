package dev.paperboy.trim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The AWS SDK operations a Lambda handler can call: {@link SdkTrim}'s question (which operations
 * a function's code invokes on a service client), asked of the code the handler can reach rather
 * than of every class on its classpath. SdkTrim must keep what any class of the zip names (the
 * shared module holds every function's code), so its list for the fetch function has PutItem and
 * DeleteItem; the function's IAM policy needs only what its handler can run.
 * <p>
 * Method-level rapid type analysis over the project's own classes (those under the given package
 * prefix): from the handler's constructor, static initialiser and every method it implements for
 * Lambda's runtime, follow static and special calls; a virtual or interface call reaches the
 * matching method of every project class instantiated by reached code; a lambda or method
 * reference reaches its target where it is created; a project object handed to the JDK or a
 * library (a Runnable, a Consumer, CRaC's Resource) has every method that overrides a
 * non-project type's method reached. Calls into the SDK are not followed: a call on a service
 * client is mapped to its operation by the request type in the client method's signature, so
 * {@code queryPaginator} is Query and {@code getObjectAsBytes} is GetObject, whatever the SDK
 * does inside. Reflection is not followed (our code uses it only through Jackson, which calls no
 * AWS service).
 * <p>
 * Work done only for SnapStart priming is told apart: methods returning one of the given priming
 * types build priming steps, whose calls may be denied (Priming tolerates AccessDenied), so an
 * operation reached only through them is {@link Result#primingOnly()}.
 */
public final class CalledOperations {
    private static final String SERVICES = "software/amazon/awssdk/services/";
    private static final String AWS_CLIENT = "software/amazon/awssdk/awscore/AwsClient";
    private static final Pattern REQUEST = Pattern.compile("services/([a-z0-9]+)/model/([A-Za-z0-9]+)Request[;$]");

    /** One service operation: the SDK's service package (dynamodb, s3, sesv2, sqs) and the operation (Query). */
    public record Operation(String service, String name) implements Comparable<Operation> {
        @Override
        public int compareTo(Operation other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return service + ":" + name;
        }
    }

    /** A call made by reached code to a class outside the project: its owner (internal name) and method name. */
    public record Call(String owner, String name) {
    }

    /**
     * @param called      the operations the handler's work can call
     * @param callers     for each of those, the project classes whose code makes the call (a
     *                    repository class stands for its table)
     * @param primingOnly the operations only SnapStart priming calls
     * @param calls       every call reached code makes outside the project (to tell, say, raw mail from simple)
     */
    public record Result(SortedSet<Operation> called, Map<Operation, Set<String>> callers, SortedSet<Operation> primingOnly, Set<Call> calls) {
        public boolean calls(String owner, String method) {
            return calls.contains(new Call(owner, method));
        }
    }

    private final Function<String, Optional<byte[]>> classBytes;
    private final String projectPrefix;
    private final Set<String> primingTypes;
    private final Map<String, Optional<ClassInfo>> classes = new HashMap<>();

    /**
     * @param classBytes    a class file by internal name, if the class exists
     * @param projectPrefix the internal-name prefix of the project's classes, e.g. {@code dev/paperboy/}
     * @param primingTypes  internal names of the types that priming-building methods return
     */
    public CalledOperations(Function<String, Optional<byte[]>> classBytes, String projectPrefix, Set<String> primingTypes) {
        this.classBytes = classBytes;
        this.projectPrefix = projectPrefix;
        this.primingTypes = Set.copyOf(primingTypes);
    }

    /** Reads classes through a class loader (a function module's test class path is its zip's class path). */
    public static Function<String, Optional<byte[]>> from(ClassLoader loader) {
        return name -> {
            try (InputStream in = loader.getResourceAsStream(name + ".class")) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** The operations reachable from a Lambda handler class (binary name, e.g. {@code a.b.Handler}). */
    public Result ofHandler(String handlerClass) {
        String handler = handlerClass.replace('.', '/');
        if (info(handler).isEmpty()) {
            throw new IllegalArgumentException("no class " + handlerClass + " on the class path");
        }
        Reach work = new Reach(true);
        work.fromHandler(handler);
        Reach everything = new Reach(false);
        everything.fromHandler(handler);
        SortedSet<Operation> primingOnly = new TreeSet<>(everything.operations.keySet());
        primingOnly.removeAll(work.operations.keySet());
        Map<Operation, Set<String>> callers = new HashMap<>();
        work.operations.forEach((operation, classes) -> callers.put(operation, Set.copyOf(classes)));
        return new Result(new TreeSet<>(work.operations.keySet()), Map.copyOf(callers), primingOnly, Set.copyOf(everything.calls));
    }

    /** One reachability run; with {@code skipPriming}, methods that build priming steps are not entered. */
    private final class Reach {
        private final boolean skipPriming;
        private final Set<MethodRef> reached = new HashSet<>();
        private final Deque<MethodRef> pending = new ArrayDeque<>();
        private final Set<String> initialized = new HashSet<>();
        private final Set<String> instantiated = new HashSet<>();
        private final Set<MethodRef> virtualCalls = new HashSet<>();
        /** Each operation and the project classes whose code calls it. */
        private final Map<Operation, Set<String>> operations = new HashMap<>();
        private final Set<Call> calls = new HashSet<>();
        /** The class of the method being read: the caller of what it calls. */
        private String current;

        Reach(boolean skipPriming) {
            this.skipPriming = skipPriming;
        }

        void fromHandler(String handler) {
            // Lambda's runtime builds the handler with its no-argument constructor and calls the
            // interface method it implements (RequestHandler, RequestStreamHandler).
            instantiate(handler);
            reach(new MethodRef(handler, "<init>", "()V"));
            drain();
        }

        private void drain() {
            while (!pending.isEmpty()) {
                MethodRef method = pending.pop();
                ClassInfo owner = info(method.owner()).orElseThrow();
                MethodInfo body = owner.methods().get(method.name() + method.descriptor());
                if (body == null) {
                    continue;
                }
                if (skipPriming && primingTypes.contains(Type.getReturnType(method.descriptor()).getInternalName())) {
                    continue;
                }
                current = method.owner();
                body.instructions().forEach(this::visit);
            }
        }

        private void visit(Instruction instruction) {
            switch (instruction) {
                case Instruction.New created -> {
                    if (isProject(created.type())) {
                        instantiate(created.type());
                    }
                }
                case Instruction.StaticField field -> {
                    if (isProject(field.owner())) {
                        initialize(field.owner());
                    }
                }
                case Instruction.Invoke invoke -> invoke(invoke);
            }
        }

        private void invoke(Instruction.Invoke invoke) {
            if (!isProject(invoke.owner())) {
                external(invoke.owner(), invoke.name(), invoke.descriptor());
                return;
            }
            MethodRef target = new MethodRef(invoke.owner(), invoke.name(), invoke.descriptor());
            if (invoke.dispatch()) {
                if (virtualCalls.add(target)) {
                    for (String type : List.copyOf(instantiated)) {
                        dispatch(target, type);
                    }
                }
                // A call on an abstract type nobody we see instantiates (a lambda, say) still has
                // its default or inherited body.
                resolve(invoke.owner(), invoke.name(), invoke.descriptor()).ifPresent(this::reach);
            } else {
                if (invoke.isStatic()) {
                    initialize(invoke.owner());
                }
                resolve(invoke.owner(), invoke.name(), invoke.descriptor()).ifPresent(this::reach);
            }
        }

        private void external(String owner, String name, String descriptor) {
            calls.add(new Call(owner, name));
            if (owner.startsWith(SERVICES) && isClient(owner)) {
                operation(owner, name, descriptor).ifPresent(op -> operations.computeIfAbsent(op, key -> new HashSet<>()).add(current));
            }
        }

        private void instantiate(String type) {
            if (!instantiated.add(type)) {
                return;
            }
            initialize(type);
            for (MethodRef call : List.copyOf(virtualCalls)) {
                dispatch(call, type);
            }
            // Whatever the JDK or a library may call back: the methods overriding a non-project type's.
            Set<String> outside = outsideMethods(type);
            for (String ancestor : projectAncestry(type)) {
                for (String key : info(ancestor).orElseThrow().methods().keySet()) {
                    if (outside.contains(key)) {
                        int split = key.indexOf('(');
                        resolve(type, key.substring(0, split), key.substring(split)).ifPresent(this::reach);
                    }
                }
            }
        }

        private void initialize(String type) {
            if (!isProject(type) || !initialized.add(type)) {
                return;
            }
            info(type).ifPresent(info -> {
                reach(new MethodRef(type, "<clinit>", "()V"));
                info.superName().ifPresent(this::initialize);
            });
        }

        private void dispatch(MethodRef call, String type) {
            if (isSubtype(type, call.owner())) {
                resolve(type, call.name(), call.descriptor()).ifPresent(this::reach);
            }
        }

        private void reach(MethodRef method) {
            if (reached.add(method)) {
                pending.add(method);
            }
        }
    }

    /** The method a call resolves to: declared in the type or a project superclass, else a default method. */
    private Optional<MethodRef> resolve(String type, String name, String descriptor) {
        String key = name + descriptor;
        for (String current = type; current != null && isProject(current); ) {
            Optional<ClassInfo> info = info(current);
            if (info.isEmpty()) {
                return Optional.empty();
            }
            MethodInfo method = info.get().methods().get(key);
            if (method != null && !method.isAbstract()) {
                return Optional.of(new MethodRef(current, name, descriptor));
            }
            current = info.get().superName().orElse(null);
        }
        for (String ancestor : projectAncestry(type)) {
            MethodInfo method = info(ancestor).orElseThrow().methods().get(key);
            if (method != null && !method.isAbstract() && info(ancestor).orElseThrow().isInterface()) {
                return Optional.of(new MethodRef(ancestor, name, descriptor));
            }
        }
        return Optional.empty();
    }

    /** The type and every project supertype of it, classes and interfaces. */
    private Set<String> projectAncestry(String type) {
        Set<String> ancestry = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(type));
        while (!pending.isEmpty()) {
            String current = pending.pop();
            if (isProject(current) && ancestry.add(current)) {
                info(current).ifPresent(info -> {
                    info.superName().ifPresent(pending::add);
                    pending.addAll(info.interfaces());
                });
            }
        }
        return ancestry;
    }

    private boolean isSubtype(String type, String ancestor) {
        return projectAncestry(type).contains(ancestor);
    }

    /** name+descriptor of every method declared by a non-project supertype of the type, at any depth. */
    private Set<String> outsideMethods(String type) {
        Set<String> methods = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(type));
        while (!pending.isEmpty()) {
            String current = pending.pop();
            if (!seen.add(current)) {
                continue;
            }
            info(current).ifPresent(info -> {
                if (!isProject(current)) {
                    info.methods().forEach((key, method) -> {
                        if (!method.isStatic()) {
                            methods.add(key);
                        }
                    });
                }
                info.superName().ifPresent(pending::add);
                pending.addAll(info.interfaces());
            });
        }
        return methods;
    }

    private boolean isClient(String owner) {
        return info(owner).map(info -> info.isInterface() && info.interfaces().contains(AWS_CLIENT)).orElse(false);
    }

    /** The operation a client method performs: the request type its signature names (QueryRequest: Query). */
    private Optional<Operation> operation(String client, String name, String descriptor) {
        MethodInfo method = info(client).orElseThrow().methods().get(name + descriptor);
        if (method == null) {
            return Optional.empty();
        }
        Matcher request = REQUEST.matcher(descriptor + " " + method.signature());
        return request.find() ? Optional.of(new Operation(request.group(1), request.group(2))) : Optional.empty();
    }

    private boolean isProject(String type) {
        return type.startsWith(projectPrefix);
    }

    private Optional<ClassInfo> info(String type) {
        return classes.computeIfAbsent(type, name -> classBytes.apply(name).map(bytes -> ClassInfo.read(bytes, isProject(name))));
    }

    private record MethodRef(String owner, String name, String descriptor) {
    }

    /** What the analysis needs of one instruction. */
    private sealed interface Instruction {
        record New(String type) implements Instruction {
        }

        record StaticField(String owner) implements Instruction {
        }

        /** @param dispatch a virtual or interface call, resolved on the receiver's class */
        record Invoke(String owner, String name, String descriptor, boolean dispatch, boolean isStatic) implements Instruction {
        }
    }

    private record MethodInfo(int access, String signature, List<Instruction> instructions) {
        boolean isAbstract() {
            return (access & Opcodes.ACC_ABSTRACT) != 0;
        }

        boolean isStatic() {
            return (access & Opcodes.ACC_STATIC) != 0;
        }
    }

    private record ClassInfo(int access, Optional<String> superName, List<String> interfaces, Map<String, MethodInfo> methods) {
        boolean isInterface() {
            return (access & Opcodes.ACC_INTERFACE) != 0;
        }

        /** A project class with its instructions; any other class with its method declarations only. */
        static ClassInfo read(byte[] bytes, boolean withCode) {
            ClassReader reader = new ClassReader(bytes);
            Map<String, MethodInfo> methods = new HashMap<>();
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    List<Instruction> instructions = new ArrayList<>();
                    methods.put(name + descriptor, new MethodInfo(access, signature == null ? "" : signature, instructions));
                    return withCode ? new Recorder(instructions) : null;
                }
            }, withCode ? ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES : ClassReader.SKIP_CODE);
            return new ClassInfo(reader.getAccess(), Optional.ofNullable(reader.getSuperName()), List.of(reader.getInterfaces()), methods);
        }
    }

    private static final class Recorder extends MethodVisitor {
        private final Collection<Instruction> instructions;

        Recorder(Collection<Instruction> instructions) {
            super(Opcodes.ASM9);
            this.instructions = instructions;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            if (opcode == Opcodes.NEW) {
                instructions.add(new Instruction.New(type));
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if (opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC) {
                instructions.add(new Instruction.StaticField(owner));
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            boolean dispatch = opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE;
            instructions.add(new Instruction.Invoke(owner, name, descriptor, dispatch, opcode == Opcodes.INVOKESTATIC));
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            for (Object argument : arguments) {
                if (argument instanceof Handle handle) {
                    if (handle.getTag() == Opcodes.H_NEWINVOKESPECIAL) {
                        instructions.add(new Instruction.New(handle.getOwner()));
                    }
                    // A lambda or method reference: its target counts as called where it is made.
                    instructions.add(handleCall(handle));
                }
            }
        }

        private static Instruction.Invoke handleCall(Handle handle) {
            boolean virtual = handle.getTag() == Opcodes.H_INVOKEVIRTUAL || handle.getTag() == Opcodes.H_INVOKEINTERFACE;
            return new Instruction.Invoke(handle.getOwner(), handle.getName(), handle.getDesc(), virtual, handle.getTag() == Opcodes.H_INVOKESTATIC);
        }
    }
}
