package dev.diffprobe.harness.engine.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of task a suite may declare, as spelled in suite YAML. */
public enum TaskType {
    /** One of the paper's 20 CLEVR attribute-binding tasks, built from clevr-gen scenes. */
    BINDING("binding"),
    /** A classification dataset read from the data root (zero-shot or in-domain). */
    DATASET("dataset"),
    /** Geirhos et al.'s Cue-Conflict stimuli: shape accuracy and shape bias. */
    CUE_CONFLICT("cue-conflict");

    private final String word;

    TaskType(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<TaskType> fromWord(String word) {
        return Arrays.stream(values()).filter(t -> t.word.equals(word)).findFirst();
    }

    public static String words() {
        return Arrays.stream(values()).map(TaskType::word).collect(Collectors.joining(", "));
    }
}
