package dev.diffprobe.harness.run;

/**
 * The judgement of one check on a task ({@code accuracy}, {@code chance}, {@code regression}...):
 * its status and the message its test shows, with the figures behind it.
 */
public record Verdict(String check, Status status, String message) {

    /**
     * How a verdict reads. Only {@link #FAILED} fails a test; {@link #AT_CHANCE} (a task declared
     * {@code expect: chance} that stayed there) is reported as an aborted test, so that it is
     * neither a failure nor a silent pass; {@link #NEWS} (such a task significantly above chance)
     * passes and says so.
     */
    public enum Status {
        PASSED, FAILED, AT_CHANCE, NEWS
    }

    public Verdict(String check, boolean passed, String message) {
        this(check, passed ? Status.PASSED : Status.FAILED, message);
    }

    /** Whether the verdict lets the build pass: everything but {@link Status#FAILED}. */
    public boolean passed() {
        return status != Status.FAILED;
    }
}
