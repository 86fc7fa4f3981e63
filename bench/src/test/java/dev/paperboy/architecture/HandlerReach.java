package dev.paperboy.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.ThrowsDeclaration;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a handler may reach: its own package (its module's wiring), the use case the wiring hands it
 * (the types the wiring's methods and fields give out, with their nested types and the types of
 * their public signatures), the ground floor (json, aws, metrics), Lambda's types, Jackson (the
 * event is JSON) and the JDK.
 */
final class HandlerReach {
    private static final List<String> ALWAYS = List.of("java.", "com.amazonaws.services.lambda.runtime.", "com.fasterxml.jackson.",
            "dev.paperboy.json.", "dev.paperboy.aws.", "dev.paperboy.metrics.");

    private HandlerReach() {
    }

    static ArchCondition<JavaClass> onlyTheirWiringTheUseCaseAndTheGroundFloor() {
        return new ArchCondition<>("use only their own module's wiring, the use case it hands them, the ground floor and Lambda's types") {
            @Override
            public void check(JavaClass handler, ConditionEvents events) {
                Set<String> handed = handedBy(handler);
                for (Dependency dependency : handler.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    if (!target.isPrimitive() && !allowed(handler, target, handed)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static boolean allowed(JavaClass handler, JavaClass target, Set<String> handed) {
        String name = target.getName();
        return target.getPackageName().equals(handler.getPackageName())
                || ALWAYS.stream().anyMatch(name::startsWith)
                || handed.contains(name)
                || handed.stream().anyMatch(useCase -> name.startsWith(useCase + "$"));
    }

    /** The names of the types the wirings beside the handler give out, and the types of those types' public signatures. */
    private static Set<String> handedBy(JavaClass handler) {
        Set<JavaClass> useCases = new HashSet<>();
        for (JavaClass wiring : handler.getPackage().getClasses()) {
            if (wiring.getSimpleName().endsWith("Wiring")) {
                wiring.getMethods().forEach(method -> useCases.add(method.getRawReturnType()));
                wiring.getFields().forEach(field -> useCases.add(field.getRawType()));
            }
        }
        Set<String> names = new HashSet<>();
        for (JavaClass useCase : useCases) {
            if (!useCase.getPackageName().startsWith("dev.paperboy.")) {
                continue;
            }
            names.add(useCase.getName());
            for (JavaCodeUnit unit : useCase.getCodeUnits()) {
                if (unit.getModifiers().contains(JavaModifier.PUBLIC)) {
                    names.add(unit.getRawReturnType().getBaseComponentType().getName());
                    unit.getRawParameterTypes().forEach(type -> names.add(type.getBaseComponentType().getName()));
                    for (ThrowsDeclaration<?> thrown : unit.getThrowsClause()) {
                        names.add(thrown.getRawType().getName());
                    }
                }
            }
        }
        return names;
    }
}
