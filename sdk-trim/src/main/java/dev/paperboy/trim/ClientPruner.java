package dev.paperboy.trim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Removes the named methods from a client class (an operation no one calls), and the private
 * synthetic methods (lambda bodies) only they used. The JVM verifies every method of a class it
 * loads, so an operation left in the client would need its request and response classes present.
 * The class is written with a fresh constant pool, so it no longer names what the removed methods named.
 */
final class ClientPruner {
    private ClientPruner() {
    }

    static byte[] prune(byte[] classFile, Set<String> removedNames) {
        ClassReader reader = new ClassReader(classFile);
        Set<String> kept = keptMethods(reader, removedNames);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return kept.contains(name + descriptor) ? super.visitMethod(access, name, descriptor, signature, exceptions) : null;
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Every method not removed by name, except private synthetic ones that no kept method reaches. */
    private static Set<String> keptMethods(ClassReader reader, Set<String> removedNames) {
        String self = reader.getClassName();
        Map<String, Set<String>> selfCalls = new HashMap<>();
        Set<String> helpers = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                String method = name + descriptor;
                Set<String> calls = selfCalls.computeIfAbsent(method, key -> new HashSet<>());
                boolean helper = (access & Opcodes.ACC_PRIVATE) != 0 && (access & Opcodes.ACC_SYNTHETIC) != 0;
                if (helper) {
                    helpers.add(method);
                } else if (!removedNames.contains(name)) {
                    pending.add(method);
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String callee, String desc, boolean isInterface) {
                        if (owner.equals(self)) {
                            calls.add(callee + desc);
                        }
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String callee, String desc, Handle bootstrap, Object... arguments) {
                        for (Object argument : arguments) {
                            if (argument instanceof Handle handle && handle.getOwner().equals(self)) {
                                calls.add(handle.getName() + handle.getDesc());
                            }
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        Set<String> kept = new HashSet<>(pending);
        while (!pending.isEmpty()) {
            for (String callee : selfCalls.getOrDefault(pending.pop(), Set.of())) {
                if (helpers.contains(callee) && kept.add(callee)) {
                    pending.add(callee);
                }
            }
        }
        return kept;
    }
}
