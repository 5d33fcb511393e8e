package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.run.Expectation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One task of a suite as its YAML declares it. {@code source} names what the task is built from
 * (a binding task such as ShapeColor, a dataset such as mnist); {@code checkpoint} is set only
 * when the task runs on a checkpoint other than the suite's (a model put beside it);
 * {@code aboveChance} whether the task gets the binomial-test verdict against chance, and
 * {@code expect} how that verdict reads; {@code chance} the accuracy a guess gets;
 * {@code classifier} the task's own classifier settings, put over the suite's and {@code -D}'s
 * (what the task is about, e.g. the weighting of one arm of an ablation);
 * {@code line} is where the task starts in the file, for messages.
 */
public record TaskSpec(String name, TaskType type, String source, Optional<String> split, int examples,
                       Optional<String> template, Optional<String> checkpoint, Thresholds thresholds,
                       boolean aboveChance, Expectation expect, double chance, Map<String, String> classifier,
                       List<String> tags, int line) {
    public TaskSpec {
        classifier = Map.copyOf(classifier);
        tags = List.copyOf(tags);
    }
}
