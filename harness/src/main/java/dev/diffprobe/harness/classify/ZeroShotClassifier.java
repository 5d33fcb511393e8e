package dev.diffprobe.harness.classify;

import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Classifies examples by their candidates. Results go to {@code sink} as each example finishes
 * (in any order, on the calling thread), so that a journal can flush them at once and a killed
 * run loses nothing finished. A failing example yields {@link Classification#failed}; it never
 * aborts the others.
 */
public interface ZeroShotClassifier {
    void classify(List<Example> examples, Consumer<Classification> sink);

    /**
     * Why this classifier's model cannot tell the task's candidates apart (see
     * {@link Expressibility}), found without running the model; empty when it can, or when the
     * classifier has no tokenizer to ask.
     */
    default Optional<String> cannotExpress(Task task) {
        return Optional.empty();
    }
}
