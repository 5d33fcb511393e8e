package dev.diffprobe.reports.calibration;

import dev.diffprobe.harness.classify.Classification;

import java.util.ArrayList;
import java.util.List;

/**
 * A confidence measure fitted on the fit split of a task's examples and judged, by its ECE, on
 * the held-out rest. Failed examples (no prediction) take part in neither.
 *
 * @param method       "Platt (calls)" or "Temperature (mean scores)"
 * @param fitted       the fitted map, in words, e.g. {@code P(correct) = sigmoid(-0.002 * calls + 3.1)}
 * @param fitCount     examples the map was fitted on
 * @param heldOut      the held-out reliability: its ECE and bins, over {@code heldOut.bins()} counts
 */
public record Calibration(String method, String fitted, int fitCount, ExpectedCalibrationError heldOut) {

    public static final String PLATT = "Platt (calls)";
    public static final String TEMPERATURE = "Temperature (mean scores)";

    public int heldOutCount() {
        return heldOut.bins().stream().mapToInt(ReliabilityBin::count).sum();
    }

    /** Platt scaling of the number of denoiser calls. */
    public static Calibration platt(List<Classification> results, CalibrationSplit split) {
        Sides sides = Sides.of(results, split);
        PlattScaling platt = PlattScaling.fit(calls(sides.fit), correct(sides.fit));
        double[] confidence = platt.probabilities(calls(sides.heldOut));
        return new Calibration(PLATT, platt.toString(), sides.fit.size(),
                ExpectedCalibrationError.of(confidence, correct(sides.heldOut)));
    }

    /**
     * Temperature scaling of the softmax of negated mean scores; the confidence of an example is
     * the probability of its predicted class. Use results of an unpruned (shared-noise) run.
     */
    public static Calibration temperature(List<Classification> results, CalibrationSplit split) {
        Sides sides = Sides.of(results, split);
        double[][] fitScores = sides.fit.stream().map(Classification::meanScores).toArray(double[][]::new);
        int[] fitLabels = sides.fit.stream().mapToInt(Classification::label).toArray();
        TemperatureScaling scaling = TemperatureScaling.fit(fitScores, fitLabels);
        double[] confidence = sides.heldOut.stream()
                .mapToDouble(c -> scaling.probabilities(c.meanScores())[c.predicted()])
                .toArray();
        return new Calibration(TEMPERATURE, scaling.toString(), sides.fit.size(),
                ExpectedCalibrationError.of(confidence, correct(sides.heldOut)));
    }

    private static double[] calls(List<Classification> results) {
        return results.stream().mapToDouble(Classification::denoiserCalls).toArray();
    }

    private static boolean[] correct(List<Classification> results) {
        boolean[] correct = new boolean[results.size()];
        for (int i = 0; i < correct.length; i++) {
            correct[i] = results.get(i).correct();
        }
        return correct;
    }

    private record Sides(List<Classification> fit, List<Classification> heldOut) {
        static Sides of(List<Classification> results, CalibrationSplit split) {
            List<Classification> fit = new ArrayList<>();
            List<Classification> heldOut = new ArrayList<>();
            for (Classification c : results) {
                if (c.error().isPresent()) {
                    continue;
                }
                (split.isFit(c.exampleId()) ? fit : heldOut).add(c);
            }
            if (fit.isEmpty() || heldOut.isEmpty()) {
                throw new IllegalArgumentException("calibration needs examples on both sides of the split (fit "
                        + fit.size() + ", held out " + heldOut.size() + ", fit fraction "
                        + split.fitFraction() + ")");
            }
            return new Sides(fit, heldOut);
        }
    }
}
