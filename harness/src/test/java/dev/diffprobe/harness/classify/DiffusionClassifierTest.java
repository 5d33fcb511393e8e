package dev.diffprobe.harness.classify;

import dev.diffprobe.models.TextEmbedding;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class DiffusionClassifierTest {
    private static final long SEED = 42;

    private static ClassifierSettings.Builder settings() {
        return ClassifierSettings.builder().setSeed(SEED);
    }

    private static Map<String, Classification> classify(FakeDiffusionModel model, ClassifierSettings settings,
                                                        List<Example> examples) {
        Map<String, Classification> results = new TreeMap<>();
        new DiffusionClassifier(model, settings).classify(examples, c -> {
            assertThat(results.put(c.exampleId(), c)).as("one result per example").isNull();
        });
        assertThat(results).hasSize(examples.size());
        return results;
    }

    @Test
    void trueClassWinsWithThePapersDefaults() {
        FakeTask task = new FakeTask(4, 0.5);
        List<Example> examples = task.examples(12);
        Map<String, Classification> results = classify(task.model(16, 0.3), settings().build(), examples);
        for (Classification c : results.values()) {
            assertThat(c.error()).isEmpty();
            assertThat(c.predicted()).as(c.exampleId()).isEqualTo(c.label());
            assertThat(c.droppedAtRound()[c.label()]).isEqualTo(-1);
            long expectedCalls = Arrays.stream(c.scoreCounts()).sum();
            assertThat(c.denoiserCalls()).isEqualTo(expectedCalls);
            for (int k = 0; k < 4; k++) {
                if (k != c.label()) {
                    assertThat(c.droppedAtRound()[k]).isBetween(ClassifierSettings.DEFAULT_MIN_SCORES,
                            ClassifierSettings.DEFAULT_MAX_SCORES);
                    assertThat(c.scoreCounts()[k]).isEqualTo(c.droppedAtRound()[k]);
                }
            }
            assertThat(c.softmax()[c.label()]).isEqualTo(Arrays.stream(c.softmax()).max().getAsDouble());
            assertThat(Arrays.stream(c.softmax()).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void aLargeGapIsPrunedAfterExactlyMinScoresRounds() {
        // With w = exp(-t) the wrong classes' paired differences are w(t) delta^2 > 0 with a
        // coefficient of variation of 0.29: t is about 15 at 20 rounds, p about 1e-11.
        FakeTask task = new FakeTask(3, 1.0);
        ClassifierSettings s = settings().optWeighting(Weighting.heuristic(1)).build();
        Map<String, Classification> results = classify(task.model(8, 0), s, task.examples(9));
        for (Classification c : results.values()) {
            assertThat(c.predicted()).isEqualTo(c.label());
            for (int k = 0; k < 3; k++) {
                assertThat(c.droppedAtRound()[k]).isEqualTo(k == c.label() ? -1 : 20);
                assertThat(c.scoreCounts()[k]).isEqualTo(20);
            }
            assertThat(c.denoiserCalls()).isEqualTo(60);
        }
    }

    @Test
    void droppingFollowsCommonsMathPairedTTestRoundByRound() {
        FakeTask task = new FakeTask(2, 0.15);
        ClassifierSettings s = settings().optMaxScores(300).build();
        Map<String, Map<Integer, double[]>> series = new HashMap<>();
        ScoreListener record = (id, round, candidate, t, error, weight) -> series.computeIfAbsent(id, k -> new HashMap<>())
                .computeIfAbsent(candidate, k -> new double[300])[round] = weight * error;
        Map<String, Classification> results = new TreeMap<>();
        new DiffusionClassifier(task.model(8, 0.4), s, record).classify(task.examples(20),
                c -> results.put(c.exampleId(), c));
        TTest tTest = new TTest();
        int dropped = 0;
        for (Classification c : results.values()) {
            double[] s0 = series.get(c.exampleId()).get(0);
            double[] s1 = series.get(c.exampleId()).get(1);
            int end = Arrays.stream(c.scoreCounts()).max().getAsInt();
            int expectedDrop = -1;
            int expectedLoser = -1;
            for (int n = s.minScores(); n <= end && expectedDrop < 0; n++) {
                double[] a = Arrays.copyOf(s0, n);
                double[] b = Arrays.copyOf(s1, n);
                double p = tTest.pairedTTest(a, b);
                assertThat(new Pruner(s.cutoffPval()).pValue(a, b)).isEqualTo(p);
                if (p < s.cutoffPval()) {
                    expectedDrop = n;
                    expectedLoser = mean(a) <= mean(b) ? 1 : 0;
                }
            }
            if (expectedDrop < 0) {
                assertThat(c.droppedAtRound()).containsExactly(-1, -1);
                assertThat(end).isEqualTo(300);
            } else {
                dropped++;
                assertThat(c.droppedAtRound()[expectedLoser]).isEqualTo(expectedDrop);
                assertThat(c.droppedAtRound()[1 - expectedLoser]).isEqualTo(-1);
                assertThat(c.predicted()).isEqualTo(1 - expectedLoser);
            }
        }
        assertThat(dropped).as("examples decided before max scores").isGreaterThan(0);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    @Test
    void sharedNoiseLowersTheVarianceOfScoreDifferencesAndPruningSavesCalls() {
        // A small gap and a noisy denoiser (gamma 0.8): most of each error is the noise term that
        // all candidates share when they share eps, as with real denoisers.
        FakeTask task = new FakeTask(2, 0.1);
        List<Example> examples = task.examples(10);
        Map<Mode, SummaryStatistics> differences = new HashMap<>();
        Map<Mode, Long> calls = new HashMap<>();
        for (Mode mode : Mode.values()) {
            Map<String, double[][]> scores = new HashMap<>();
            ScoreListener record = (id, round, candidate, t, error, weight) ->
                    scores.computeIfAbsent(id, k -> new double[2][200])[candidate][round] = weight * error;
            List<Classification> results = new ArrayList<>();
            new DiffusionClassifier(task.model(16, 0.8), settings().optMode(mode).optMaxScores(200).build(), record)
                    .classify(examples, results::add);
            SummaryStatistics stats = new SummaryStatistics();
            for (Classification c : results) {
                double[][] s = scores.get(c.exampleId());
                int n = Math.min(c.scoreCounts()[0], c.scoreCounts()[1]);
                for (int r = 0; r < n; r++) {
                    stats.addValue(s[1 - c.label()][r] - s[c.label()][r]);
                }
            }
            differences.put(mode, stats);
            calls.put(mode, results.stream().mapToLong(Classification::denoiserCalls).sum());
        }
        assertThat(differences.get(Mode.SHARED).getVariance())
                .isLessThan(differences.get(Mode.NAIVE).getVariance() / 2);
        assertThat(calls.get(Mode.NAIVE)).isEqualTo(10L * 2 * 200);
        assertThat(calls.get(Mode.SHARED)).isEqualTo(10L * 2 * 200);
        assertThat(calls.get(Mode.PRUNED)).isLessThan(calls.get(Mode.SHARED) / 2);
    }

    @Test
    void aNonFiniteOutputFailsItsExampleByNameAndTheOthersGoOn() {
        FakeTask task = new FakeTask(2, 0.5);
        Map<String, float[]> means = new HashMap<>(task.means);
        means.put("broken", task.means.get(FakeTask.prompt(1)));
        FakeDiffusionModel model = new FakeDiffusionModel(FakeTask.RESOLUTION, 8, 0.2, means, "broken");
        List<Example> examples = new ArrayList<>(task.examples(4));
        examples.add(1, new Example("nan", r -> FakeTask.image(0, 0.5),
                List.of(Candidate.of(FakeTask.prompt(0)), Candidate.of("broken")), 0, Map.of()));
        Map<String, Classification> results = classify(model, settings().build(), examples);
        assertThat(results.get("nan").predicted()).isEqualTo(-1);
        assertThat(results.get("nan").error()).hasValueSatisfying(e ->
                assertThat(e).matches("NonFiniteOutput: denoiser returned NaN for prompt 'broken' at t=0\\.\\d{4}"));
        assertThat(results.values()).filteredOn(c -> !c.exampleId().equals("nan"))
                .allSatisfy(c -> assertThat(c.correct()).isTrue());
    }

    @Test
    void anUnreadableImageFailsItsExampleWithTheMessage() {
        FakeTask task = new FakeTask(2, 0.5);
        List<Example> examples = new ArrayList<>(task.examples(3));
        examples.add(new Example("corrupt", r -> {
            throw new IOException("corrupt.png: not a PNG file");
        }, task.candidates(), 1, Map.of()));
        Map<String, Classification> results = classify(task.model(8, 0.2), settings().build(), examples);
        assertThat(results.get("corrupt").error())
                .hasValue("ImageUnreadable: example corrupt: corrupt.png: not a PNG file");
        assertThat(results.values()).filteredOn(c -> c.error().isEmpty()).hasSize(3);
    }

    @Test
    void oneCandidateIsPredictedWithoutADenoiserCall() {
        FakeTask task = new FakeTask(2, 0.5);
        FakeDiffusionModel model = task.model(8, 0.2);
        Map<String, Classification> results = classify(model, settings().build(), List.of(new Example("only",
                r -> FakeTask.image(0, 0.5), List.of(Candidate.of(FakeTask.prompt(0))), 0, Map.of())));
        Classification c = results.get("only");
        assertThat(c.predicted()).isZero();
        assertThat(c.denoiserCalls()).isZero();
        assertThat(c.softmax()).containsExactly(1.0);
        assertThat(model.batchSizes).isEmpty();
    }

    @Test
    void candidatesWithIdenticalPromptsAreScoredOnceShareTheirScoresAndEitherCountsAsTheTrueClass() {
        FakeTask task = new FakeTask(2, 0.5);
        FakeDiffusionModel model = task.model(8, 0.2);
        List<Candidate> withTwin = List.of(Candidate.of(FakeTask.prompt(0)), Candidate.of(FakeTask.prompt(1)),
                new Candidate("again", List.of(FakeTask.prompt(1))));
        List<Example> examples = new ArrayList<>();
        for (int label : new int[] {0, 1, 2}) {
            examples.add(new Example("x" + label, r -> FakeTask.image(Math.min(label, 1), 0.5), withTwin, label,
                    Map.of()));
        }
        Map<String, Classification> results = classify(model, settings().build(), examples);
        Map<String, Classification> distinct = classify(task.model(8, 0.2), settings().build(), examples.stream()
                .map(e -> new Example(e.id(), e.image(), withTwin.subList(0, 2), Math.min(e.label(), 1), Map.of()))
                .toList());
        assertThat(model.textEncodings.get(FakeTask.prompt(1))).as("the shared prompt is encoded once").isEqualTo(1);
        for (Example e : examples) {
            Classification c = results.get(e.id());
            Classification alone = distinct.get(e.id());
            assertThat(c.error()).isEmpty();
            assertThat(c.label()).isEqualTo(e.label());
            assertThat(c.correct()).as("%s: the winning prompt is the true class's", e.id()).isTrue();
            assertThat(c.predicted()).isEqualTo(e.label());
            assertThat(c.meanScores()).containsExactly(alone.meanScores()[0], alone.meanScores()[1],
                    alone.meanScores()[1]);
            assertThat(c.scoreCounts()).containsExactly(alone.scoreCounts()[0], alone.scoreCounts()[1],
                    alone.scoreCounts()[1]);
            assertThat(c.denoiserCalls()).as("no call for the twin").isEqualTo(alone.denoiserCalls());
            assertThat(c.softmax()).containsExactly(alone.softmax()[0], alone.softmax()[1] / 2,
                    alone.softmax()[1] / 2);
        }
    }

    @Test
    void aWrongAnswerAmongTwinsIsReportedAsTheFirstOfThem() {
        FakeTask task = new FakeTask(2, 0.5);
        List<Candidate> withTwin = List.of(Candidate.of(FakeTask.prompt(0)), Candidate.of(FakeTask.prompt(1)),
                new Candidate("again", List.of(FakeTask.prompt(1))));
        Example mislabelled = new Example("m", r -> FakeTask.image(1, 0.5), withTwin, 0, Map.of());
        Classification c = classify(task.model(8, 0.2), settings().build(), List.of(mislabelled)).get("m");
        assertThat(c.predicted()).isEqualTo(1);
        assertThat(c.correct()).isFalse();
    }

    @Test
    void differentPromptsThatEncodeIdenticallyFailTheExampleByName() {
        FakeTask task = new FakeTask(2, 0.5);
        FakeDiffusionModel model = new FakeDiffusionModel(FakeTask.RESOLUTION, 8, 0.2, task.means, null) {
            @Override
            public TextEmbedding encodeText(String prompt) {
                return super.encodeText(prompt.equals("alias") ? FakeTask.prompt(0) : prompt);
            }
        };
        Example twins = new Example("twins", r -> FakeTask.image(0, 0.5), List.of(Candidate.of(FakeTask.prompt(0)),
                Candidate.of("alias")), 0, Map.of());
        Map<String, Classification> results = classify(model, settings().build(), List.of(twins));
        assertThat(results.get("twins").error()).hasValue("IndistinguishableCandidates: example twins: candidates '"
                + FakeTask.prompt(0) + "' and 'alias' encode to the same text embeddings");
        assertThat(model.batchSizes).isEmpty();
    }

    @Test
    void scoresDependOnlyOnSeedAndIdNotOnOrderBatchOrWindow() {
        FakeTask task = new FakeTask(3, 0.2);
        List<Example> examples = task.examples(15);
        for (Mode mode : Mode.values()) {
            ClassifierSettings a = settings().optMode(mode).optMaxScores(60).optStratified(mode == Mode.SHARED).build();
            ClassifierSettings b = settings().optMode(mode).optMaxScores(60).optStratified(mode == Mode.SHARED)
                    .optBatchSize(5).optWindow(2).build();
            List<Example> shuffled = new ArrayList<>(examples);
            Collections.shuffle(shuffled, new Random(3));
            Map<String, Classification> first = classify(task.model(16, 0.5), a, examples);
            Map<String, Classification> second = classify(task.model(16, 0.5), b, shuffled);
            for (String id : first.keySet()) {
                Classification x = first.get(id);
                Classification y = second.get(id);
                assertThat(y.predicted()).isEqualTo(x.predicted());
                assertThat(y.meanScores()).containsExactly(x.meanScores());
                assertThat(y.scoreCounts()).containsExactly(x.scoreCounts());
                assertThat(y.droppedAtRound()).containsExactly(x.droppedAtRound());
                assertThat(y.softmax()).containsExactly(x.softmax());
                assertThat(y.denoiserCalls()).isEqualTo(x.denoiserCalls());
            }
            ClassifierSettings otherSeed = ClassifierSettings.builder().setSeed(SEED + 1).optMode(mode)
                    .optMaxScores(60).build();
            Map<String, Classification> third = classify(task.model(16, 0.5), otherSeed, examples);
            assertThat(third.get("ex-0").meanScores()).isNotEqualTo(first.get("ex-0").meanScores());
        }
    }

    @Test
    void aTwoWayTaskFillsEveryBatchAndEncodesEachPromptAndImageOnce() {
        FakeTask task = new FakeTask(2, 0.3);
        FakeDiffusionModel model = task.model(16, 0.3);
        DiffusionClassifier classifier = new DiffusionClassifier(model,
                settings().optMode(Mode.SHARED).optMaxScores(5).build());
        classifier.classify(task.examples(40), c -> { });
        assertThat(model.batchSizes).hasSize(25).containsOnly(16);
        assertThat(model.imageEncodings).isEqualTo(40);
        assertThat(model.textEncodings).containsOnly(Map.entry(FakeTask.prompt(0), 1), Map.entry(FakeTask.prompt(1), 1));
        assertThat(classifier.stats()).isEqualTo(new BatchStats(25, 400, 400, classifier.stats().modelNanos()));
    }

    @Test
    void prunedLookAheadDiscardsResultsOfDroppedCandidatesButKeepsTheNumbers() {
        FakeTask task = new FakeTask(4, 0.3);
        List<Example> examples = task.examples(3);
        FakeDiffusionModel wide = task.model(64, 0.3);
        DiffusionClassifier ahead = new DiffusionClassifier(wide, settings().build());
        Map<String, Classification> withLookAhead = new TreeMap<>();
        ahead.classify(examples, c -> withLookAhead.put(c.exampleId(), c));
        Map<String, Classification> stepwise = classify(task.model(4, 0.3), settings().optWindow(1).build(), examples);
        for (String id : stepwise.keySet()) {
            assertThat(withLookAhead.get(id).meanScores()).containsExactly(stepwise.get(id).meanScores());
            assertThat(withLookAhead.get(id).droppedAtRound()).containsExactly(stepwise.get(id).droppedAtRound());
        }
        BatchStats stats = ahead.stats();
        assertThat(stats.usefulImages()).isEqualTo(
                withLookAhead.values().stream().mapToLong(Classification::denoiserCalls).sum());
        assertThat(stats.images()).isGreaterThanOrEqualTo(stats.usefulImages());
        assertThat(stats.meanBatch()).isGreaterThan(4);
    }

    @Test
    void speculativeLookAheadStaysWithinItsShareOfTheCallsWhateverTheTail() {
        for (int examples : new int[] {1, 3, 12}) {
            FakeTask task = new FakeTask(4, 0.3);
            DiffusionClassifier ahead = new DiffusionClassifier(task.model(64, 0.3),
                    settings().optMinScores(3).optMaxScores(40).build());
            Map<String, Classification> results = new TreeMap<>();
            ahead.classify(task.examples(examples), c -> results.put(c.exampleId(), c));
            Map<String, Classification> stepwise = classify(task.model(4, 0.3), settings().optWindow(1)
                    .optMinScores(3).optMaxScores(40).build(), task.examples(examples));
            for (String id : stepwise.keySet()) {
                assertThat(results.get(id).meanScores()).containsExactly(stepwise.get(id).meanScores());
            }
            BatchStats stats = ahead.stats();
            assertThat(stats.images() - stats.usefulImages()).as("discarded images of %d computed, %d examples",
                    stats.images(), examples).isLessThanOrEqualTo((long) (DiffusionClassifier.SPECULATION_BUDGET
                    * stats.images()));
        }
    }

    @Test
    void anEnsembleScoresTheMeanOverItsPromptsAndCountsEveryCall() {
        FakeTask task = new FakeTask(3, 0.5);
        Candidate right = new Candidate("zero", List.of(FakeTask.prompt(0), FakeTask.prompt(0)));
        Candidate mixed = new Candidate("one-two", List.of(FakeTask.prompt(1), FakeTask.prompt(2)));
        Example example = new Example("ens", r -> FakeTask.image(0, 0.5), List.of(right, mixed), 0, Map.of());
        Map<Integer, List<Double>> errors = new HashMap<>();
        ClassifierSettings s = settings().optMode(Mode.SHARED).optMaxScores(10).build();
        List<Classification> results = new ArrayList<>();
        new DiffusionClassifier(task.model(8, 0), s, (id, round, candidate, t, error, weight) ->
                errors.computeIfAbsent(candidate, k -> new ArrayList<>()).add(error)).classify(List.of(example),
                results::add);
        Classification c = results.get(0);
        assertThat(c.predicted()).isZero();
        assertThat(c.denoiserCalls()).isEqualTo(2 * 10 + 2 * 10);
        // gamma = 0: the error is exactly the mean squared colour distance, averaged over prompts.
        double d1 = meanSquaredDistance(task.means.get(FakeTask.prompt(0)), task.means.get(FakeTask.prompt(1)));
        double d2 = meanSquaredDistance(task.means.get(FakeTask.prompt(0)), task.means.get(FakeTask.prompt(2)));
        assertThat(errors.get(0)).containsOnly(0.0);
        assertThat(errors.get(1)).allSatisfy(e -> assertThat(e).isCloseTo((d1 + d2) / 2,
                org.assertj.core.data.Offset.offset(1e-6)));
    }

    private static double meanSquaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s / a.length;
    }

    @Test
    void aModelExceptionFailsTheExamplesOfThatBatchByName() {
        FakeTask task = new FakeTask(2, 0.5);
        FakeDiffusionModel model = new FakeDiffusionModel(FakeTask.RESOLUTION, 8, 0, task.means, null) {
            @Override
            public float[][] predictX0(List<float[]> xt, float[] t, List<dev.diffprobe.models.TextEmbedding> cond) {
                throw new IllegalStateException("native error");
            }
        };
        Map<String, Classification> results = classify(model, settings().build(), task.examples(3));
        assertThat(results.values()).allSatisfy(c ->
                assertThat(c.error()).hasValue("ModelError: IllegalStateException: native error"));
    }

    @Test
    void aDenoiserOutputOfTheWrongShapeFailsTheExamplesAsModelOutputShape() {
        FakeTask task = new FakeTask(2, 0.5);
        FakeDiffusionModel model = new FakeDiffusionModel(FakeTask.RESOLUTION, 8, 0, task.means, null) {
            @Override
            public float[][] predictX0(List<float[]> xt, float[] t, List<dev.diffprobe.models.TextEmbedding> cond) {
                throw new dev.diffprobe.models.ModelOutputShapeException("denoiser of checkpoint fake returned"
                        + " (2, 3, 8, 8) for a batch of " + xt.size() + ", expected (" + xt.size() + ", 3, 8, 8)");
            }
        };
        Map<String, Classification> results = classify(model, settings().build(), task.examples(3));
        assertThat(results.values()).allSatisfy(c -> assertThat(c.error()).hasValueSatisfying(e ->
                assertThat(e).startsWith("ModelOutputShape: denoiser of checkpoint fake returned (2, 3, 8, 8)")));
    }

    @Test
    void everyRoundsTIsDrawnInsideTheSettingsRange() {
        FakeTask task = new FakeTask(3, 0.5);
        List<Double> ts = new java.util.ArrayList<>();
        ScoreListener record = (id, round, candidate, t, error, weight) -> ts.add(t);
        ClassifierSettings s = settings().optMode(Mode.SHARED).optMaxScores(50).optTMin(0.4).optTMax(0.9).build();
        new DiffusionClassifier(task.model(16, 0.3), s, record).classify(task.examples(4), c -> { });
        assertThat(ts).hasSize(4 * 50 * 3).allSatisfy(t -> assertThat(t).isBetween(0.4, 0.9));
        assertThat(ts.stream().mapToDouble(Double::doubleValue).min().getAsDouble()).isLessThan(0.45);
        assertThat(ts.stream().mapToDouble(Double::doubleValue).max().getAsDouble()).isGreaterThan(0.85);
    }
}
