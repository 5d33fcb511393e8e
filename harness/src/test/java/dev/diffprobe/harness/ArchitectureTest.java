package dev.diffprobe.harness;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The dependency directions of DESIGN.md: the classifier core, the run layer and the statistics
 * know nothing of JUnit (a plain main drives them); models knows nothing of tasks or the
 * harness; clevr-gen depends on no other module; only the engine uses its internals.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.diffprobe");
    }

    @Test
    void classifierRunAndStatisticsDoNotDependOnJUnit() {
        noClasses().that().resideInAnyPackage("dev.diffprobe.harness.classify..", "dev.diffprobe.harness.run..",
                        "dev.diffprobe.harness.stats..")
                .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "dev.diffprobe.harness.engine..")
                .check(classes);
    }

    @Test
    void modelsKnowNothingOfTasksOrHarness() {
        noClasses().that().resideInAPackage("dev.diffprobe.models..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.diffprobe.tasks..", "dev.diffprobe.harness..")
                .check(classes);
    }

    @Test
    void clevrGenDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.diffprobe.clevr..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.diffprobe.tasks..", "dev.diffprobe.models..",
                        "dev.diffprobe.harness..", "dev.diffprobe.reports..")
                .check(classes);
    }

    @Test
    void tasksKnowNothingOfModelsOrHarness() {
        noClasses().that().resideInAPackage("dev.diffprobe.tasks..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.diffprobe.models..", "dev.diffprobe.harness..")
                .check(classes);
    }

    @Test
    void engineInternalsAreUsedOnlyByTheEngine() {
        noClasses().that().resideOutsideOfPackage("dev.diffprobe.harness.engine..")
                .should().dependOnClassesThat().resideInAPackage("dev.diffprobe.harness.engine.internal..")
                .check(classes);
    }

    /**
     * Settings are read in one place, {@code harness.config}, from configuration parameters or
     * system properties. The JVM facts and third-party switches read elsewhere are listed here.
     */
    @Test
    void onlyTheSettingsReaderReadsSystemProperties() {
        noClasses().that().resideOutsideOfPackage("dev.diffprobe.harness.config..")
                // DJL's offline and thread switches, set only when the user has not set them
                .and().doNotHaveFullyQualifiedName("dev.diffprobe.models.TorchRuntime")
                // the JVM's temporary directory, for the default checkpoint cache
                .and().doNotHaveFullyQualifiedName("dev.diffprobe.models.ModelSettings")
                // the Java vendor and version in the Allure environment
                .and().doNotHaveFullyQualifiedName("dev.diffprobe.harness.engine.internal.SuiteAllure")
                .should().callMethod(System.class, "getProperty", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class, String.class)
                .orShould().callMethod(System.class, "getProperties")
                .check(classes);
    }
}
