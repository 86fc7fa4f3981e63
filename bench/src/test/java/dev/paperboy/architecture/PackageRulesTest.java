package dev.paperboy.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.implement;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The package rules of the layout (issue 13), held by the build: each package of shared uses only
 * those below it, no cycles, handlers call only their wiring and what it hands them. It lives in
 * bench because bench is built after shared and every function module and has them all on its test
 * class path; what it reads is their main classes (never tests).
 */
@AnalyzeClasses(packages = "dev.paperboy", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {
    /** The packages of shared, bottom first. */
    private static final String[] SHARED = {"dev.paperboy.json..", "dev.paperboy.keys..", "dev.paperboy.aws..", "dev.paperboy.metrics..",
            "dev.paperboy.paper..", "dev.paperboy.subscriber..", "dev.paperboy.source..", "dev.paperboy.fetch..", "dev.paperboy.render..",
            "dev.paperboy.templates..", "dev.paperboy.mail..", "dev.paperboy.digest..", "dev.paperboy.web.."};

    @ArchTest
    static final ArchRule eachPackageUsesOnlyThePackagesBelowIt = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("json").definedBy("dev.paperboy.json..")
            .layer("keys").definedBy("dev.paperboy.keys..")
            .layer("aws").definedBy("dev.paperboy.aws..")
            .layer("metrics").definedBy("dev.paperboy.metrics..")
            .layer("paper").definedBy("dev.paperboy.paper..")
            .layer("subscriber").definedBy("dev.paperboy.subscriber..")
            .layer("source").definedBy("dev.paperboy.source..")
            .layer("fetch").definedBy("dev.paperboy.fetch..")
            // The jte templates are compiled into dev.paperboy.templates: render's own files.
            .layer("render").definedBy("dev.paperboy.render..", "dev.paperboy.templates..")
            .layer("mail").definedBy("dev.paperboy.mail..")
            .layer("digest").definedBy("dev.paperboy.digest..")
            .layer("web").definedBy("dev.paperboy.web..")
            .whereLayer("json").mayNotAccessAnyLayer()
            .whereLayer("keys").mayOnlyAccessLayers("json")
            .whereLayer("aws").mayOnlyAccessLayers("keys", "json")
            .whereLayer("metrics").mayOnlyAccessLayers("aws", "json")
            .whereLayer("paper").mayOnlyAccessLayers(ground())
            .whereLayer("subscriber").mayOnlyAccessLayers(ground())
            .whereLayer("source").mayOnlyAccessLayers(with("paper"))
            .whereLayer("fetch").mayOnlyAccessLayers(with("source", "paper"))
            .whereLayer("render").mayOnlyAccessLayers(with("paper", "subscriber"))
            .whereLayer("mail").mayOnlyAccessLayers(with("render", "subscriber"))
            .whereLayer("digest").mayOnlyAccessLayers(with("mail", "render", "paper", "subscriber"))
            .whereLayer("web").mayOnlyAccessLayers(with("digest", "render", "subscriber", "paper"));

    @ArchTest
    static final ArchRule sharedHasNoCycles = slices().assignedFrom(packagesOfShared()).should().beFreeOfCycles();

    /** Wiring is per function: each function module builds its own graph once. */
    @ArchTest
    static final ArchRule wiringLivesInTheFunctionModules = noClasses().that().resideInAnyPackage(SHARED)
            .should().haveSimpleNameEndingWith("Wiring");

    /** web turns HTTP into calls; the clients it calls through are built by the function's wiring. */
    @ArchTest
    static final ArchRule webBuildsNoSdkClients = noClasses().that().resideInAPackage("dev.paperboy.web..")
            .should().callCodeUnitWhere(buildsAnSdkClient());

    @ArchTest
    static final ArchRule handlersCallOnlyTheirWiringAndTheUseCaseItHandsThem = classes().that(areHandlers())
            .should(HandlerReach.onlyTheirWiringTheUseCaseAndTheGroundFloor());

    private static String[] ground() {
        return new String[] {"json", "keys", "aws", "metrics"};
    }

    private static String[] with(String... layers) {
        String[] all = new String[layers.length + 4];
        System.arraycopy(layers, 0, all, 0, layers.length);
        System.arraycopy(ground(), 0, all, layers.length, 4);
        return all;
    }

    /** One slice per package of shared (dev.paperboy.<name>); every other class is left out. */
    private static SliceAssignment packagesOfShared() {
        DescribedPredicate<JavaClass> inShared = JavaClass.Predicates.resideInAnyPackage(SHARED);
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return inShared.test(javaClass) ? SliceIdentifier.of(javaClass.getPackageName().split("\\.")[2]) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of shared";
            }
        };
    }

    private static DescribedPredicate<JavaClass> areHandlers() {
        return resideInAPackage("dev.paperboy.functions..")
                .and(implement("com.amazonaws.services.lambda.runtime.RequestStreamHandler")
                        .or(implement("com.amazonaws.services.lambda.runtime.RequestHandler")))
                .as("Lambda handlers");
    }

    /** An SDK client's builder()/create(), any client builder's method, or a new AwsClients. */
    private static DescribedPredicate<JavaCall<?>> buildsAnSdkClient() {
        return DescribedPredicate.describe("build an AWS SDK client", call -> {
            JavaClass owner = call.getTargetOwner();
            return owner.isAssignableTo("software.amazon.awssdk.core.SdkClient") && (call.getName().equals("builder") || call.getName().equals("create"))
                    || owner.isAssignableTo("software.amazon.awssdk.core.client.builder.SdkClientBuilder")
                    || owner.getName().equals("dev.paperboy.aws.AwsClients") && call.getName().equals("<init>");
        });
    }
}
