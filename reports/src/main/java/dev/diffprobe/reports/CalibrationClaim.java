package dev.diffprobe.reports;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.config.ReportSettings;
import dev.diffprobe.harness.run.Claim;
import dev.diffprobe.harness.run.Comparison;
import dev.diffprobe.harness.run.PairedClaims;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.harness.run.Verdict;
import dev.diffprobe.reports.calibration.CalibrationSplit;
import dev.diffprobe.reports.calibration.ExpectedCalibrationError;
import dev.diffprobe.reports.calibration.PlattScaling;
import dev.diffprobe.reports.calibration.TemperatureScaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The claim {@code better-calibrated}: the candidate's confidence has a lower expected calibration
 * error than the reference's, on the same held-out examples (the paper's Appendix E compares Platt
 * scaling of the number of denoiser calls with temperature scaling of mean scores).
 *
 * <p>Each side is calibrated the way its run allows: a pruned run by Platt scaling of its calls (its
 * mean scores rest on unequal numbers of rounds), any other by temperature scaling of its mean
 * scores. Both are fitted on the fit split ({@code reports.calibrationFit}) pooled over
 * the side's tasks and measured on the held-out examples both sides share. The verdict is a paired
 * bootstrap over those held-out examples ({@value #RESAMPLES} resamples, fixed seed, so a rerun
 * agrees): it passes when the one-sided lower (1 - alpha) basic-bootstrap bound of
 * ECE(reference) - ECE(candidate) is above 0.
 */
public final class CalibrationClaim implements Claim {
    static final int RESAMPLES = 2000;
    private static final long BOOTSTRAP_SEED = 0x5eedca1bL;

    private ReportSettings settings = ReportSettings.defaults();

    @Override
    public void configure(ReportSettings reportSettings) {
        this.settings = reportSettings;
    }

    @Override
    public String word() {
        return "better-calibrated";
    }

    @Override
    public String describe(Comparison comparison, double alpha) {
        return "better calibrated than " + String.join("+", comparison.reference())
                + " (held-out ECE, paired bootstrap, alpha " + alpha + ")";
    }

    @Override
    public Verdict judge(Comparison comparison, List<TaskOutcome> candidate, List<TaskOutcome> reference,
                         double alpha) {
        CalibrationSplit split = DiffProbeReporter.split(settings);
        Side cand = Side.of(candidate, split);
        Side ref = Side.of(reference, split);
        List<String> keys = new ArrayList<>(cand.heldOut.keySet());
        keys.retainAll(ref.heldOut.keySet());
        keys.sort(null);
        if (keys.size() < 2) {
            throw new IllegalArgumentException("candidate and reference share " + keys.size()
                    + " held-out examples; the calibrations cannot be compared");
        }
        int n = keys.size();
        double[] cConf = new double[n];
        boolean[] cRight = new boolean[n];
        double[] rConf = new double[n];
        boolean[] rRight = new boolean[n];
        for (int i = 0; i < n; i++) {
            Classification c = cand.heldOut.get(keys.get(i));
            Classification r = ref.heldOut.get(keys.get(i));
            cConf[i] = cand.confidence(c);
            cRight[i] = c.correct();
            rConf[i] = ref.confidence(r);
            rRight[i] = r.correct();
        }
        double cEce = ExpectedCalibrationError.of(cConf, cRight).value();
        double rEce = ExpectedCalibrationError.of(rConf, rRight).value();
        double[] differences = new double[RESAMPLES];
        SplittableRandom random = new SplittableRandom(BOOTSTRAP_SEED);
        double[] bc = new double[n];
        boolean[] bcr = new boolean[n];
        double[] br = new double[n];
        boolean[] brr = new boolean[n];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < n; i++) {
                int j = random.nextInt(n);
                bc[i] = cConf[j];
                bcr[i] = cRight[j];
                br[i] = rConf[j];
                brr[i] = rRight[j];
            }
            differences[b] = ExpectedCalibrationError.of(br, brr).value() - ExpectedCalibrationError.of(bc, bcr).value();
        }
        Arrays.sort(differences);
        // The basic bootstrap bound, 2d - q(1 - alpha): ECE is biased upward on a resample (repeated
        // examples crowd fewer bins), more so for the finer-grained confidence, so the percentile
        // bound would sit on the wrong side of a shifted distribution.
        double observed = rEce - cEce;
        double lower = 2 * observed - differences[Math.min(RESAMPLES - 1, (int) Math.ceil((1 - alpha) * RESAMPLES) - 1)];
        String message = String.format(Locale.ROOT, "%s: %s on %s: held-out ECE %.3f; %s on %s: %.3f;"
                        + " ECE difference %+.3f, one-sided %.0f%% basic bootstrap lower bound %+.3f (%d resamples of %d"
                        + " held-out examples; fitted on %d and %d)%s",
                comparison.name(), cand.method, String.join("+", comparison.candidate()), cEce, ref.method,
                String.join("+", comparison.reference()), rEce, observed, 100 * (1 - alpha), lower, RESAMPLES, n,
                cand.fitCount, ref.fitCount, PairedClaims.notZeroShot(candidate, reference));
        return new Verdict(word(), lower > 0, message);
    }

    /** One side's calibration, fitted on its fit split, and its held-out examples keyed by task and id. */
    private static final class Side {
        final String method;
        final Map<String, Classification> heldOut = new HashMap<>();
        final int fitCount;
        private final PlattScaling platt;
        private final TemperatureScaling temperature;

        private Side(String method, int fitCount, PlattScaling platt, TemperatureScaling temperature) {
            this.method = method;
            this.fitCount = fitCount;
            this.platt = platt;
            this.temperature = temperature;
        }

        static Side of(List<TaskOutcome> outcomes, CalibrationSplit split) {
            boolean pruned = outcomes.stream().allMatch(o -> "pruned".equals(o.classifierSettings().get("mode")));
            List<Classification> fit = new ArrayList<>();
            Map<String, Classification> heldOut = new HashMap<>();
            for (int t = 0; t < outcomes.size(); t++) {
                for (Classification c : outcomes.get(t).classifications()) {
                    if (c.error().isPresent()) {
                        continue;
                    }
                    if (split.isFit(c.exampleId())) {
                        fit.add(c);
                    } else {
                        heldOut.put(t + "/" + c.exampleId(), c);
                    }
                }
            }
            if (fit.isEmpty()) {
                throw new IllegalArgumentException("no example of " + outcomes.get(0).taskName()
                        + " falls in the calibration fit split");
            }
            Side side;
            if (pruned) {
                double[] calls = fit.stream().mapToDouble(Classification::denoiserCalls).toArray();
                boolean[] right = new boolean[fit.size()];
                for (int i = 0; i < right.length; i++) {
                    right[i] = fit.get(i).correct();
                }
                side = new Side("Platt (calls)", fit.size(), PlattScaling.fit(calls, right), null);
            } else {
                double[][] scores = fit.stream().map(Classification::meanScores).toArray(double[][]::new);
                int[] labels = fit.stream().mapToInt(Classification::label).toArray();
                side = new Side("Temperature (mean scores)", fit.size(), null, TemperatureScaling.fit(scores, labels));
            }
            side.heldOut.putAll(heldOut);
            return side;
        }

        double confidence(Classification c) {
            return platt != null ? platt.probabilities(new double[] {c.denoiserCalls()})[0]
                    : temperature.probabilities(c.meanScores())[c.predicted()];
        }
    }
}
