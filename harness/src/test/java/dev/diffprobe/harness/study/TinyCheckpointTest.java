package dev.diffprobe.harness.study;

import dev.diffprobe.harness.classify.BatchStats;
import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.classify.DiffusionClassifier;
import dev.diffprobe.models.Checkpoint;
import dev.diffprobe.models.Checkpoints;
import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.models.ModelSettings;
import dev.diffprobe.tasks.Example;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Algorithm 1 on the project's own tiny checkpoint: 4 single-object colour scenes (8-way), the
 * paper's settings except min and max scores ({@value #MIN_SCORES}, {@value #MAX_SCORES}), which
 * keep the test under 500 denoiser calls (under a minute on the loaded 2-core machine). What is asserted holds for any working checkpoint: no
 * errors, calls and pruning rounds within Algorithm 1's bounds, and the same numbers when the
 * examples run again in another order and batch size. "The same" allows for libtorch's CPU
 * kernels, whose output for one image changes in the last bits with the batch around it (about
 * 1e-9 relative on mean scores, measured): the (t, eps) stream is identical, so decisions agree
 * unless a p-value lies within that noise of the cutoff. The fake-model tests check bitwise
 * equality. Accuracy is left to the suites: 8 examples cannot carry a meaningful test of it.
 */
class TinyCheckpointTest {
    /** Another checkpoint (directory or embedded name) for this test, e.g. a candidate before it is committed. */
    private static final String CHECKPOINT = System.getProperty("diffprobe.testCheckpoint", Checkpoint.DEFAULT);
    private static final int MIN_SCORES = 5;
    private static final int MAX_SCORES = 10;
    private static DiffusionModel model;
    private static List<Example> examples;

    @BeforeAll
    static void open() {
        boolean embedded = TinyCheckpointTest.class.getClassLoader()
                .getResource(Checkpoints.RESOURCE_ROOT + CHECKPOINT + "/model.yaml") != null;
        if (embedded || Files.isDirectory(Path.of(CHECKPOINT))) {
            model = Checkpoint.openDiffusion(CHECKPOINT, ModelSettings.defaults());
            examples = ColourTask.build(8, StudyOptions.DEFAULT_SCENE_SEED, model.resolution()).examples().subList(0, 4);
        }
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    private static Map<String, Classification> classify(List<Example> examples, int batch) {
        ClassifierSettings settings = ClassifierSettings.builder().setSeed(3).optMinScores(MIN_SCORES).optMaxScores(MAX_SCORES)
                .optBatchSize(batch).build();
        Map<String, Classification> results = new TreeMap<>();
        DiffusionClassifier classifier = new DiffusionClassifier(model, settings);
        classifier.classify(examples, c -> results.put(c.exampleId(), c));
        BatchStats stats = classifier.stats();
        assertThat(stats.usefulImages()).isEqualTo(results.values().stream()
                .mapToLong(Classification::denoiserCalls).sum());
        return results;
    }

    @Test
    void algorithmOneRunsWithinItsBoundsAndRepeats() {
        assumeTrue(model != null, "checkpoint " + CHECKPOINT + " is not committed yet (no "
                + Checkpoints.RESOURCE_ROOT + CHECKPOINT + "/model.yaml on the classpath)");
        int batch = Math.min(32, model.maxBatch());
        Map<String, Classification> first = classify(examples, batch);
        assertThat(first).hasSize(4);
        for (Classification c : first.values()) {
            assertThat(c.error()).as(c.exampleId()).isEmpty();
            assertThat(c.denoiserCalls()).isBetween(8L * MIN_SCORES, 8L * MAX_SCORES);
            assertThat(c.droppedAtRound()[c.predicted()]).isEqualTo(-1);
            for (int k = 0; k < 8; k++) {
                int dropped = c.droppedAtRound()[k];
                assertThat(dropped == -1 || (dropped >= MIN_SCORES && dropped <= MAX_SCORES)).as("round %d", dropped)
                        .isTrue();
                assertThat(Double.isFinite(c.meanScores()[k])).isTrue();
            }
        }
        List<Example> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(5));
        Map<String, Classification> again = classify(shuffled.subList(0, 2), batch / 2);
        for (String id : again.keySet()) {
            double[] expected = first.get(id).meanScores();
            double[] actual = again.get(id).meanScores();
            for (int k = 0; k < expected.length; k++) {
                assertThat(actual[k]).as(id).isCloseTo(expected[k], within(1e-6 * Math.abs(expected[k])));
            }
            assertThat(again.get(id).droppedAtRound()).as(id).containsExactly(first.get(id).droppedAtRound());
            assertThat(again.get(id).predicted()).as(id).isEqualTo(first.get(id).predicted());
        }
    }
}
