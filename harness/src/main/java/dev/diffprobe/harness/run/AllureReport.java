package dev.diffprobe.harness.run;

import java.nio.file.Path;
import java.util.List;

/**
 * Labels the Allure result of the verdict test running on the calling thread. Allure's JUnit
 * Platform listener gives tests without a class source no suite label and no full name, so the
 * engine calls this from each verdict test. Without Allure on the class path, or with no Allure
 * test case running on this thread (a plain {@code main}), it does nothing.
 */
public final class AllureReport {
    private static final boolean AVAILABLE = present("io.qameta.allure.Allure");

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

    private static boolean present(String className) {
        try {
            Class.forName(className, false, AllureReport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
