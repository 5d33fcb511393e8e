package dev.diffprobe.harness.classify;

import dev.diffprobe.tasks.Example;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replaying a pruning rule on the scores of a shared-noise run gives exactly what the classifier
 * gives in pruned mode: the estimator study relies on it.
 */
class EliminationReplayTest {
    @Test
    void replayOfSharedScoresEqualsThePrunedClassifier() {
        FakeTask task = new FakeTask(5, 0.12);
        List<Example> examples = task.examples(15);
        int rounds = 16;
        for (Pruning rule : Pruning.values()) {
            for (TimeSampling sampling : TimeSampling.values()) {
                ClassifierSettings.Builder common = ClassifierSettings.builder().setSeed(9).optPruning(rule)
                        .optTimeSampling(sampling).optStratified(sampling == TimeSampling.WEIGHTED)
                        .optMinScores(3).optCutoffPval(rule == Pruning.ANYTIME ? 0.2 : 0.01);
                Map<String, double[][]> scores = new HashMap<>();
                new DiffusionClassifier(task.model(7, 0.4), common.optMode(Mode.SHARED).optMaxScores(rounds).build(),
                        (id, round, c, t, error, w) -> scores.computeIfAbsent(id, x -> new double[5][rounds])[c][round]
                                = w * error).classify(examples, c -> { });
                ClassifierSettings pruned = common.optMode(Mode.PRUNED).optMaxScores(rounds).build();
                Map<String, Classification> direct = new HashMap<>();
                new DiffusionClassifier(task.model(7, 0.4), pruned).classify(examples, c -> direct.put(c.exampleId(), c));
                int dropped = 0;
                for (Example e : examples) {
                    Elimination replay = new Elimination(5, pruned);
                    double[] round = new double[5];
                    while (!replay.done()) {
                        for (int c = 0; c < 5; c++) {
                            round[c] = scores.get(e.id())[c][replay.completed()];
                        }
                        replay.addRound(round);
                    }
                    Classification c = direct.get(e.id());
                    String what = rule + "/" + sampling + " " + e.id();
                    assertThat(replay.best()).as(what).isEqualTo(c.predicted());
                    assertThat(replay.counts()).as(what).containsExactly(c.scoreCounts());
                    assertThat(replay.droppedAt()).as(what).containsExactly(c.droppedAtRound());
                    assertThat(replay.means()).as(what).containsExactly(c.meanScores());
                    for (int d : c.droppedAtRound()) {
                        dropped += d >= 0 ? 1 : 0;
                    }
                }
                assertThat(dropped).as(rule + "/" + sampling + ": the comparison must see pruning happen").isPositive();
            }
        }
    }
}
