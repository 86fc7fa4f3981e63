package dev.paperboy.trim;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.TypePath;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * What one class file mentions: every class name anywhere in it (descriptors, signatures,
 * instructions, stack map frames, annotations, and string constants that spell a class name, for
 * the few classes loaded by name; not debug tables), and every method it calls. Deliberately generous: a class the
 * JVM might load while verifying or running a kept class must be kept.
 */
record ClassRefs(Set<String> classes, Set<Call> calls) {
    /** A call site's target: the owner named in the instruction (or method handle), and the method name. */
    record Call(String owner, String name) {}

    static ClassRefs of(byte[] classFile) {
        Set<String> classes = new HashSet<>();
        Set<Call> calls = new HashSet<>();
        Remapper recorder = new Remapper() {
            @Override
            public String map(String internalName) {
                classes.add(internalName);
                return internalName;
            }

            @Override
            public Object mapValue(Object value) {
                if (value instanceof String text && text.length() < 300 && text.indexOf(' ') < 0) {
                    classes.add(text.replace('.', '/'));
                }
                return super.mapValue(value);
            }
        };
        ClassVisitor callRecorder = new ClassVisitor(Opcodes.ASM9, new ClassRemapper(new Sink(), recorder)) {
            private String self;

            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                self = name;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            /**
             * javac lists every nested class a class mentions (each request's Builder, in a client);
             * the JVM reads only a class's own entries (its members, its enclosing class), so
             * only those count.
             */
            @Override
            public void visitInnerClass(String name, String outerName, String innerName, int access) {
                if (name.equals(self) || self.equals(outerName)) {
                    super.visitInnerClass(name, outerName, innerName, access);
                }
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                        calls.add(new Call(owner, method));
                        super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String method, String desc, Handle bootstrap, Object... arguments) {
                        for (Object argument : arguments) {
                            if (argument instanceof Handle handle) {
                                calls.add(new Call(handle.getOwner(), handle.getName()));
                            }
                        }
                        super.visitInvokeDynamicInsn(method, desc, bootstrap, arguments);
                    }
                };
            }
        };
        new ClassReader(classFile).accept(callRecorder, ClassReader.SKIP_DEBUG);
        return new ClassRefs(classes, calls);
    }

    /** Whether the bytes can mention {@code text} at all: a cheap filter before a full scan. */
    static boolean mentions(byte[] classFile, byte[] text) {
        outer:
        for (int i = 0; i <= classFile.length - text.length; i++) {
            for (int j = 0; j < text.length; j++) {
                if (classFile[i + j] != text[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Visits everything and keeps nothing: ClassRemapper only looks inside what its delegate visits. */
    private static final class Sink extends ClassVisitor {
        private static final AnnotationVisitor ANNOTATION = new AnnotationVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String name, String descriptor) {
                return this;
            }

            @Override
            public AnnotationVisitor visitArray(String name) {
                return this;
            }
        };
        private static final MethodVisitor METHOD = new MethodVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotationDefault() {
                return ANNOTATION;
            }

            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                return ANNOTATION;
            }

            @Override
            public AnnotationVisitor visitParameterAnnotation(int parameter, String descriptor, boolean visible) {
                return ANNOTATION;
            }
        };
        private static final FieldVisitor FIELD = new FieldVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                return ANNOTATION;
            }
        };

        Sink() {
            super(Opcodes.ASM9);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return ANNOTATION;
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String descriptor, boolean visible) {
            return ANNOTATION;
        }

        @Override
        public RecordComponentVisitor visitRecordComponent(String name, String descriptor, String signature) {
            return new RecordComponentVisitor(Opcodes.ASM9) {
            };
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            return FIELD;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            return METHOD;
        }
    }
}
