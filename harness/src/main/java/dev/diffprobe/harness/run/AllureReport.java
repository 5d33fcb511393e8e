package dev.diffprobe.harness.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * DiffProbe's part of the Allure report. It labels the Allure result of the verdict test running
 * on the calling thread (Allure's JUnit Platform listener gives tests without a class source no
 * suite label and no full name, so the engine calls this from each verdict test); it empties the
 * results folder for a run and writes its {@code categories.json}; it adds the run's environment;
 * it attaches a suite's files to the suite's tear-down step. Without Allure on the class path, or
 * with no Allure test case or step running on this thread (a plain {@code main}), it does nothing.
 */
public final class AllureReport {
    private static final boolean AVAILABLE = present("io.qameta.allure.Allure");
    /** Allure's JUnit Platform listener: with it on the class path, a run writes Allure results. */
    private static final boolean WRITING = AVAILABLE && present("io.qameta.allure.junitplatform.AllureJunitPlatform");

    /** The parent-suite label every DiffProbe result shares in Allure's Suites view. */
    public static final String PARENT_SUITE = "DiffProbe";

    private AllureReport() {
    }

    /**
     * Adds labels parentSuite, suite (the suite), subSuite and feature (the task), framework; the
     * full name {@code suite.task.check}; parameters checkpoint, n, seed, weighting (and the
     * baseline checkpoint in regression mode); and the given files as attachments, typically the
     * task's journals, the suite summary and what reporters wrote.
     */
    public static void annotate(TaskOutcome outcome, String check, List<Path> attachments) {
        if (AVAILABLE) {
            AllureCalls.annotate(outcome, check, attachments);
        }
    }

    /** Whether this run writes Allure results (Allure's JUnit Platform listener is on the class path). */
    public static boolean writing() {
        return WRITING;
    }

    /**
     * Makes the Allure results folder hold this run alone: deletes what earlier runs left in it
     * except {@code history/} (where the trend of earlier reports is put before a report is
     * made), and writes {@code categories.json} ({@link FailureCategory}).
     */
    public static void startRun(Path results) {
        if (WRITING) {
            AllureCalls.startRun(results);
        }
    }

    /**
     * Adds entries to {@code environment.properties} in the results folder, the Environment
     * widget of the report's overview; entries of earlier suites of the run stay.
     */
    public static void environment(Path results, Map<String, String> entries) {
        if (WRITING) {
            AllureCalls.environment(results, entries);
        }
    }

    /** Attaches files to the Allure fixture running on this thread (a suite's tear-down), if one is. */
    public static void attachToFixture(List<Path> files) {
        if (WRITING) {
            AllureCalls.attachToCurrent(files);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, AllureReport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
