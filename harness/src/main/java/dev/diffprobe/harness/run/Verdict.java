package dev.diffprobe.harness.run;

/**
 * The judgement of one check on a task ({@code accuracy}, {@code chance}, {@code regression}...):
 * whether it passed, and the message a failing test shows, with the figures behind it.
 */
public record Verdict(String check, boolean passed, String message) {
}
