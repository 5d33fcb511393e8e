package dev.diffprobe.harness.classify;

import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrunerTest {
    private final Pruner pruner = new Pruner(2e-3);

    @Test
    void pValuesAreCommonsMathsTwoSidedPairedTTest() {
        Random random = new Random(1);
        TTest tTest = new TTest();
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + random.nextInt(100);
            double[] a = new double[n];
            double[] b = new double[n];
            double shift = random.nextGaussian() * 0.3;
            for (int i = 0; i < n; i++) {
                b[i] = random.nextGaussian();
                a[i] = b[i] + shift + random.nextGaussian();
            }
            double p = tTest.pairedTTest(a, b);
            assertThat(pruner.pValue(a, b)).isEqualTo(p);
            assertThat(pruner.drops(a, b)).isEqualTo(p < 2e-3);
        }
    }

    @Test
    void identicalSeriesCannotBeToldApart() {
        double[] a = {1, 2, 3, 4};
        assertThat(pruner.pValue(a, a.clone())).isEqualTo(1.0);
        assertThat(pruner.drops(a, a.clone())).isFalse();
    }

    @Test
    void aConstantNonZeroDifferenceIsCertain() {
        double[] best = {1, 2, 3, 4};
        double[] worse = {1.5, 2.5, 3.5, 4.5};
        assertThat(pruner.pValue(worse, best)).isZero();
        assertThat(pruner.drops(worse, best)).isTrue();
    }

    @Test
    void fewerThanTwoPairsIsAnError() {
        assertThatThrownBy(() -> pruner.pValue(new double[] {1}, new double[] {2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
    }

    @Test
    void anytimeCutoffsSpendAtMostTheCutoffOverEveryLook() {
        Pruner anytime = new Pruner(0.05, Pruning.ANYTIME, 4, Integer.MAX_VALUE);
        double spent = 0;
        for (int n = 4; n < 1_000_000; n++) {
            spent += anytime.cutoffAt(n);
        }
        assertThat(spent).isLessThanOrEqualTo(0.05).isGreaterThan(0.0499);
        assertThat(anytime.cutoffAt(4)).isEqualTo(0.05 * 4 / 20);
        assertThat(new Pruner(0.05).cutoffAt(1000)).isEqualTo(0.05);
    }

    @Test
    void predictiveProbabilityFollowsTheEvidenceAndTheRoundsLeft() {
        Pruner predictive = new Pruner(0.01, Pruning.PREDICTIVE, 2, 20);
        double[] best = {1, 2, 3, 4, 5};
        double[] even = {1.1, 1.9, 3.1, 4.0, 4.9};
        assertThat(predictive.overtakeProbability(even, best)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        double[] worse = {1.5, 2.4, 3.6, 4.5, 5.5};
        double[] muchWorse = {2.5, 3.4, 4.6, 5.5, 6.5};
        double p = predictive.overtakeProbability(worse, best);
        assertThat(p).isLessThan(0.5);
        assertThat(predictive.overtakeProbability(muchWorse, best)).isLessThan(p);
        // fewer rounds left to catch up: less chance to overtake
        assertThat(new Pruner(0.01, Pruning.PREDICTIVE, 2, 6).overtakeProbability(worse, best)).isLessThan(p);
        // nothing left to run: the example ends now, nobody is dropped
        assertThat(new Pruner(0.01, Pruning.PREDICTIVE, 2, 5).overtakeProbability(worse, best)).isEqualTo(1.0);
        assertThat(predictive.drops(muchWorse, best)).isEqualTo(predictive.overtakeProbability(muchWorse, best) < 0.01);
    }

    @Test
    void predictiveProbabilityIsCalibratedWhenTheMeanIsUnknown() {
        // Mean differences drawn from a prior much wider than their standard error, the setting the
        // flat prior stands for: of the candidates given an overtake probability below 5%, about
        // that share (not more than 5% within sampling error) do overtake by maxScores.
        Pruner predictive = new Pruner(0.05, Pruning.PREDICTIVE, 2, 20);
        Random random = new Random(3);
        int flagged = 0;
        int overtook = 0;
        for (int trial = 0; trial < 40_000; trial++) {
            double mu = random.nextGaussian() * 2;
            double[] c = new double[6];
            double[] b = new double[6];
            double total = 0;
            for (int i = 0; i < 20; i++) {
                double d = mu + random.nextGaussian();
                if (i < 6) {
                    c[i] = d;
                }
                total += d;
            }
            if (predictive.overtakeProbability(c, b) < 0.05) {
                flagged++;
                overtook += total < 0 ? 1 : 0;
            }
        }
        double rate = (double) overtook / flagged;
        // binomial standard error at 5% and the flagged count (> 10,000 here) is below 0.0022
        assertThat(flagged).isGreaterThan(10_000);
        assertThat(rate).isLessThan(0.05 + 3 * Math.sqrt(0.05 * 0.95 / flagged));
    }

    @Test
    void pooledWithOneRivalIsPredictive() {
        double[] best = {1, 2, 3, 4, 5};
        double[][] rivals = {{1.5, 2.4, 3.6, 4.5, 5.5}, {1.1, 1.9, 3.1, 4.0, 4.9}, {2.5, 3.4, 4.6, 5.5, 6.5}};
        for (double cutoff : new double[] {0.5, 0.05, 0.01, 1e-4}) {
            Pruner predictive = new Pruner(cutoff, Pruning.PREDICTIVE, 2, 20);
            Pruner pooled = new Pruner(cutoff, Pruning.POOLED, 2, 20);
            for (double[] rival : rivals) {
                assertThat(pooled.dropsPooled(new double[][] {rival}, best)).containsExactly(predictive.drops(rival, best));
            }
        }
        assertThat(new Pruner(0.5, Pruning.POOLED, 2, 5).dropsPooled(rivals, best)).containsOnly(false);
    }

    @Test
    void pooledIsCalibratedAndDropsMoreThanPerCandidateAfterFewRounds() {
        // Nine rivals whose differences to the best share one variance, three rounds seen of 20:
        // of the rivals given an overtake probability below 5%, at most about that share overtake,
        // and pooling the variance drops more of them than the per-candidate rule does.
        Drops drops = drops(Pruning.POOLED, new Random(5), random -> {
            double sigma = Math.exp(random.nextGaussian());
            double[][] differences = new double[9][20];
            for (double[] rival : differences) {
                double mu = random.nextGaussian() * 2 * sigma;
                for (int i = 0; i < 20; i++) {
                    rival[i] = mu + sigma * random.nextGaussian();
                }
            }
            return differences;
        });
        assertThat(drops.pooled()).isGreaterThan(10_000).isGreaterThan(drops.alone());
        assertThat(drops.overtakeRate()).isLessThan(drops.calibrationLimit());
    }

    @Test
    void pooledStaysCalibratedWhenTheRivalsShareTheBestsScoresAndEachRoundsSpread() {
        Drops drops = drops(Pruning.POOLED, new Random(7), PrunerTest::sharedBestAndRoundSpread);
        assertThat(drops.pooled()).isGreaterThan(1_000);
        assertThat(drops.overtakeRate()).isLessThan(drops.calibrationLimit());
    }

    @Test
    void moderatedWithOneRivalIsPredictive() {
        double[] best = {1, 2, 3, 4, 5};
        double[][] rivals = {{1.5, 2.4, 3.6, 4.5, 5.5}, {1.1, 1.9, 3.1, 4.0, 4.9}, {2.5, 3.4, 4.6, 5.5, 6.5}};
        for (double cutoff : new double[] {0.5, 0.05, 0.01, 1e-4}) {
            Pruner predictive = new Pruner(cutoff, Pruning.PREDICTIVE, 2, 20);
            Pruner moderated = new Pruner(cutoff, Pruning.MODERATED, 2, 20);
            for (double[] rival : rivals) {
                assertThat(moderated.dropsPooled(new double[][] {rival}, best))
                        .containsExactly(predictive.drops(rival, best));
            }
        }
    }

    /**
     * Nine rivals, one of them (the true class behind a leading wrong one) with differences of mean
     * -0.3 sigma and ten times the others' spread: pooling the quiet rivals' variance makes it look
     * certain to lose, so the pooled rule drops it and it then overtakes far more often than the
     * cutoff allows; moderating gives it back much of its own variance. (The per-candidate rule,
     * with its own variance alone, drops it least of all, and the quiet rivals most: here the
     * noisy rival inflates the pooled variance.)
     */
    @Test
    void moderatedDropsANoisyRivalFarLessOftenThanPooling() {
        Function<Random, double[][]> example = random -> {
            double[][] differences = new double[9][20];
            for (int j = 0; j < 9; j++) {
                double sigma = j == 0 ? 10 : 1;
                double mu = j == 0 ? -0.3 * sigma : 2 + random.nextGaussian();
                for (int i = 0; i < 20; i++) {
                    differences[j][i] = mu + sigma * random.nextGaussian();
                }
            }
            return differences;
        };
        NoisyRival pooled = noisyRival(Pruning.POOLED, example);
        NoisyRival moderated = noisyRival(Pruning.MODERATED, example);
        assertThat(pooled.noisyDropped()).isGreaterThan(200);
        assertThat(pooled.noisyOvertakeRate()).isGreaterThan(0.5);
        assertThat(moderated.noisyDropped()).isLessThan(pooled.noisyDropped() / 2);
        NoisyRival alone = noisyRival(Pruning.PREDICTIVE, example);
        assertThat(alone.noisyDropped()).isLessThan(moderated.noisyDropped());
        assertThat(alone.quietDropped()).isGreaterThan(moderated.quietDropped());
    }

    @Test
    void moderatedIsCalibratedWhenTheRivalsShareTheBestsScoresAndEachRoundsSpread() {
        Drops drops = drops(Pruning.MODERATED, new Random(7), PrunerTest::sharedBestAndRoundSpread);
        assertThat(drops.pooled()).isGreaterThan(1_000).isGreaterThan(drops.alone());
        assertThat(drops.overtakeRate()).isLessThan(drops.calibrationLimit());
    }

    @Test
    void priorDegreesOfFreedomFollowTheScatterOfTheVariances() {
        assertThat(Pruner.priorDegreesOfFreedom(new double[] {2, 2, 2, 2}, 4)).isInfinite();
        assertThat(Pruner.priorDegreesOfFreedom(new double[] {1, 1, 1, 100}, 4)).isBetween(0.0, 2.0);
        assertThat(Pruner.priorDegreesOfFreedom(new double[] {3}, 4)).isZero();
        assertThat(Pruner.priorDegreesOfFreedom(new double[] {1, 0, 2}, 4)).isZero();
        for (double y : new double[] {0.01, 0.5, 3, 40}) {
            assertThat(Pruner.inverseTrigamma(org.apache.commons.math3.special.Gamma.trigamma(y)))
                    .isCloseTo(y, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, y)));
        }
    }

    /** Of 5,000 examples, after 3 of 20 rounds at cutoff 0.05: the noisy rival 0 and the quiet rest. */
    private record NoisyRival(int noisyDropped, int noisyOvertook, int quietDropped) {
        double noisyOvertakeRate() {
            return (double) noisyOvertook / noisyDropped;
        }
    }

    private static NoisyRival noisyRival(Pruning rule, Function<Random, double[][]> example) {
        Random random = new Random(11);
        Pruner pruner = new Pruner(0.05, rule, 2, 20);
        int noisyDropped = 0;
        int noisyOvertook = 0;
        int quietDropped = 0;
        double[] best = new double[3];
        for (int trial = 0; trial < 5_000; trial++) {
            double[][] differences = example.apply(random);
            double[][] seen = new double[differences.length][];
            for (int j = 0; j < differences.length; j++) {
                seen[j] = Arrays.copyOf(differences[j], 3);
            }
            boolean[] drop = new boolean[seen.length];
            if (pruner.pooled()) {
                drop = pruner.dropsPooled(seen, best);
            } else {
                for (int j = 0; j < seen.length; j++) {
                    drop[j] = pruner.drops(seen[j], best);
                }
            }
            if (drop[0]) {
                noisyDropped++;
                noisyOvertook += Arrays.stream(differences[0]).sum() < 0 ? 1 : 0;
            }
            for (int j = 1; j < differences.length; j++) {
                quietDropped += drop[j] ? 1 : 0;
            }
        }
        return new NoisyRival(noisyDropped, noisyOvertook, quietDropped);
    }

    /** Of 5,000 examples, the rivals each rule drops after 3 of 20 rounds at cutoff 0.05, and how many overtook by 20. */
    private record Drops(int pooled, int overtook, int alone) {
        double overtakeRate() {
            return (double) overtook / pooled;
        }

        /** The cutoff plus three binomial standard errors at the number dropped. */
        double calibrationLimit() {
            return 0.05 + 3 * Math.sqrt(0.05 * 0.95 / pooled);
        }
    }

    private static Drops drops(Pruning rule, Random random, Function<Random, double[][]> example) {
        Pruner pooled = new Pruner(0.05, rule, 2, 20);
        Pruner predictive = new Pruner(0.05, Pruning.PREDICTIVE, 2, 20);
        int flagged = 0;
        int overtook = 0;
        int flaggedAlone = 0;
        double[] best = new double[3];
        for (int trial = 0; trial < 5_000; trial++) {
            double[][] differences = example.apply(random);
            double[][] seen = new double[differences.length][];
            for (int j = 0; j < differences.length; j++) {
                seen[j] = Arrays.copyOf(differences[j], 3);
            }
            boolean[] drop = pooled.dropsPooled(seen, best);
            for (int j = 0; j < differences.length; j++) {
                if (drop[j]) {
                    flagged++;
                    overtook += Arrays.stream(differences[j]).sum() < 0 ? 1 : 0;
                }
                flaggedAlone += predictive.drops(seen[j], best) ? 1 : 0;
            }
        }
        return new Drops(flagged, overtook, flaggedAlone);
    }

    @Test
    void pooledDegreesOfFreedomRangeFromOneRivalsToAllRivals() {
        double[] best = {0, 0, 0, 0, 0, 0};
        double[][] lockstep = {{1, 3, 0, 2, 5, 1}, {2, 6, 0, 4, 10, 2}, {3, 9, 0, 6, 15, 3}};
        assertThat(Pruner.pooledDegreesOfFreedom(lockstep, best, means(lockstep))).isEqualTo(5.0);
        Random random = new Random(11);
        double total = 0;
        for (int trial = 0; trial < 2_000; trial++) {
            double[][] independent = new double[8][12];
            for (double[] rival : independent) {
                for (int i = 0; i < rival.length; i++) {
                    rival[i] = random.nextGaussian();
                }
            }
            double df = Pruner.pooledDegreesOfFreedom(independent, new double[12], means(independent));
            assertThat(df).isBetween(11.0, 88.0);
            total += df;
        }
        // Independent rivals: near m (n - 1) = 88 on average (the kappa estimate is clamped at 0).
        assertThat(total / 2_000).isGreaterThan(60.0);
        double shared = 0;
        for (int trial = 0; trial < 2_000; trial++) {
            double[] bestScores = new double[12];
            for (int i = 0; i < 12; i++) {
                bestScores[i] = random.nextGaussian();
            }
            double[][] rivals = new double[8][12];
            for (double[] rival : rivals) {
                for (int i = 0; i < rival.length; i++) {
                    rival[i] = random.nextGaussian();
                }
            }
            shared += Pruner.pooledDegreesOfFreedom(rivals, bestScores, means(rivals, bestScores));
        }
        // Differences sharing the best's scores correlate with rho = 1/2, their variances with
        // 1/4: 88 / (1 + 7 / 4) = 32 degrees of freedom, not 88.
        assertThat(shared / 2_000).isBetween(20.0, 45.0);
    }

    private static double[] means(double[][] series) {
        return means(series, new double[series[0].length]);
    }

    private static double[] means(double[][] series, double[] best) {
        double[] means = new double[series.length];
        for (int j = 0; j < series.length; j++) {
            for (int i = 0; i < best.length; i++) {
                means[j] += (series[j][i] - best[i]) / best.length;
            }
        }
        return means;
    }

    /**
     * The classifier's case: every rival's difference contains the best's score of the round,
     * and a round at quiet t is quiet for all of them.
     */
    private static double[][] sharedBestAndRoundSpread(Random random) {
        double[] spread = new double[20];
        double[] bestNoise = new double[20];
        for (int i = 0; i < 20; i++) {
            spread[i] = Math.exp(0.5 * random.nextGaussian());
            bestNoise[i] = random.nextGaussian();
        }
        double[][] differences = new double[9][20];
        for (double[] rival : differences) {
            double mu = random.nextGaussian();
            for (int i = 0; i < 20; i++) {
                rival[i] = mu + spread[i] * (random.nextGaussian() - bestNoise[i]);
            }
        }
        return differences;
    }
}
