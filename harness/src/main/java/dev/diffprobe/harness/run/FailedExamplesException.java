package dev.diffprobe.harness.run;

/**
 * A task whose examples failed beyond the share the run allows: its verdicts are not judged.
 * Not an assertion failure, so that JUnit, Surefire and Allure report it as an error ("broken"),
 * apart from a checkpoint that ran and scored low.
 */
public final class FailedExamplesException extends RuntimeException {
    public FailedExamplesException(String message) {
        super(message);
    }
}
