package dev.diffprobe.harness.classify;

/**
 * Why one example cannot be classified; the message starts with the error's name (e.g.
 * {@code NonFiniteOutput: ...}), which journals and verdicts show as is.
 */
final class ExampleFailure extends Exception {
    ExampleFailure(String name, String detail) {
        super(name + ": " + detail, null, false, false);
    }
}
