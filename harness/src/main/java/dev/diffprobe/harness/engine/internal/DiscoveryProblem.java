package dev.diffprobe.harness.engine.internal;

/**
 * The failure of a {@link DiscoveryProblemDescriptor}. Without a stack trace: the message says
 * everything, and the engine's frames say nothing about the user's suite or settings.
 */
public final class DiscoveryProblem extends RuntimeException {
    DiscoveryProblem(String message) {
        super(message, null, false, false);
    }
}
