package dev.diffprobe.harness.classify;

import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.models.NoiseSchedule;
import dev.diffprobe.tasks.Example;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's learned weighting: w(t) constant on each of {@value #BUCKETS} equal t-buckets,
 * the 20 weights fitted by logistic regression on a labelled held-out split. Because it sees
 * labels it is NOT zero-shot ({@link #zeroShot()} is false) and is used only when asked for.
 *
 * <p>Fit: with unit weighting and shared noise, each held-out example and each wrong candidate j
 * gives one feature vector f, f_b = the sum over rounds with t in bucket b of
 * (error_j - error_true) / rounds. The classifier picks the true class over j exactly when
 * w . f > 0, so w minimises the mean logistic loss log(1 + exp(-w . f)) plus
 * {@value #L2}/2 ||w||^2 (on features scaled to unit RMS, which keeps the problem
 * well-conditioned and the fit bounded when the data are separable). The weights are then
 * scaled to a largest magnitude of 1; neither argmin nor the t-test depends on that scale.
 *
 * <p>File: CSV with header {@code t_low,t_high,weight} and one row per bucket, {@code #} comments.
 */
public final class LearnedWeighting implements Weighting {
    /** Number of t-buckets, as in the paper. */
    public static final int BUCKETS = 20;
    /** L2 penalty on the scaled weights. */
    public static final double L2 = 1e-3;

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader("t_low", "t_high", "weight").setSkipHeaderRecord(true).setCommentMarker('#').get();

    private final double[] weights;
    private final String source;

    LearnedWeighting(double[] weights, String source) {
        this.weights = weights.clone();
        this.source = source;
    }

    static int bucket(double t) {
        return Math.min(BUCKETS - 1, Math.max(0, (int) (t * BUCKETS)));
    }

    @Override
    public double weight(double t, NoiseSchedule schedule) {
        return weights[bucket(t)];
    }

    @Override
    public String name() {
        return "learned(" + source + ")";
    }

    @Override
    public boolean zeroShot() {
        return false;
    }

    public double[] weights() {
        return weights.clone();
    }

    /**
     * Reads a weighting file.
     *
     * @throws SettingException naming {@value ClassifierSettings#WEIGHTING_FILE}, the file and what is wrong
     */
    public static LearnedWeighting load(Path file) {
        double[] w = new double[BUCKETS];
        try (Reader reader = Files.newBufferedReader(file); CSVParser parser = FORMAT.parse(reader)) {
            List<CSVRecord> rows = parser.getRecords();
            if (rows.size() != BUCKETS) {
                throw bad(file, "has " + rows.size() + " buckets, expected " + BUCKETS);
            }
            for (int b = 0; b < BUCKETS; b++) {
                CSVRecord row = rows.get(b);
                double low = Double.parseDouble(row.get("t_low"));
                double weight = Double.parseDouble(row.get("weight"));
                if (Math.abs(low - (double) b / BUCKETS) > 1e-9 || !Double.isFinite(weight)) {
                    throw bad(file, "line " + parser.getCurrentLineNumber() + ": bucket " + b
                            + " must start at t=" + (double) b / BUCKETS + " with a finite weight");
                }
                w[b] = weight;
            }
        } catch (IOException e) {
            throw bad(file, "cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (e instanceof SettingException s) {
                throw s;
            }
            throw bad(file, e.getMessage());
        }
        return new LearnedWeighting(w, file.getFileName().toString());
    }

    private static SettingException bad(Path file, String detail) {
        return new SettingException(ClassifierSettings.WEIGHTING_FILE, file, detail);
    }

    public void save(Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file); CSVPrinter out = new CSVPrinter(writer, FORMAT.builder()
                .setSkipHeaderRecord(false).setHeaderComments(
                        "Learned weighting (Clark & Jaini, 20 t-buckets): fitted on labelled data, NOT zero-shot.")
                .get())) {
            for (int b = 0; b < BUCKETS; b++) {
                out.printRecord((double) b / BUCKETS, (double) (b + 1) / BUCKETS, weights[b]);
            }
        }
    }

    /**
     * Fits the weighting on labelled held-out examples: every candidate of every example is
     * scored for {@code rounds} rounds with shared noise and unit weighting, then the logistic
     * regression above is solved.
     */
    public static LearnedWeighting fit(DiffusionModel model, List<Example> heldOut, long seed, int rounds) {
        ClassifierSettings settings = ClassifierSettings.builder().setSeed(seed).optMode(Mode.SHARED)
                .optMaxScores(rounds).optWeighting(Weighting.heuristic(0)).build();
        Map<String, double[][]> features = new HashMap<>();
        Map<String, Example> byId = new HashMap<>();
        heldOut.forEach(e -> byId.put(e.id(), e));
        ScoreListener collect = (id, round, candidate, t, error, weight) ->
                features.computeIfAbsent(id, k -> new double[byId.get(k).candidates().size()][BUCKETS])
                        [candidate][bucket(t)] += error / rounds;
        List<String> failures = new ArrayList<>();
        new DiffusionClassifier(model, settings, collect).classify(heldOut, c -> c.error().ifPresent(failures::add));
        if (!failures.isEmpty()) {
            throw new IllegalStateException("learned weighting: " + failures.size() + " held-out examples failed, first: "
                    + failures.get(0));
        }
        List<double[]> rows = new ArrayList<>();
        for (Example e : heldOut) {
            double[][] f = features.get(e.id());
            for (int j = 0; j < f.length; j++) {
                if (j != e.label()) {
                    double[] d = new double[BUCKETS];
                    for (int b = 0; b < BUCKETS; b++) {
                        d[b] = f[j][b] - f[e.label()][b];
                    }
                    rows.add(d);
                }
            }
        }
        return new LearnedWeighting(solve(rows), "fitted on " + heldOut.size() + " examples");
    }

    /** Logistic regression of "the true class wins" on the bucket features; package-private for tests. */
    static double[] solve(List<double[]> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("learned weighting: no (example, wrong candidate) pairs to fit on");
        }
        double[] scale = new double[BUCKETS];
        for (double[] r : rows) {
            for (int b = 0; b < BUCKETS; b++) {
                scale[b] += r[b] * r[b];
            }
        }
        for (int b = 0; b < BUCKETS; b++) {
            scale[b] = scale[b] > 0 ? Math.sqrt(scale[b] / rows.size()) : 1;
        }
        double[][] g = new double[rows.size()][BUCKETS];
        for (int i = 0; i < rows.size(); i++) {
            for (int b = 0; b < BUCKETS; b++) {
                g[i][b] = rows.get(i)[b] / scale[b];
            }
        }
        ObjectiveFunction loss = new ObjectiveFunction(v -> {
            double sum = 0;
            for (double[] gi : g) {
                sum += softplus(-dot(v, gi));
            }
            return sum / g.length + L2 / 2 * dot(v, v);
        });
        ObjectiveFunctionGradient gradient = new ObjectiveFunctionGradient(v -> {
            double[] grad = new double[BUCKETS];
            for (double[] gi : g) {
                double s = -sigmoid(-dot(v, gi)) / g.length;
                for (int b = 0; b < BUCKETS; b++) {
                    grad[b] += s * gi[b];
                }
            }
            for (int b = 0; b < BUCKETS; b++) {
                grad[b] += L2 * v[b];
            }
            return grad;
        });
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-12, 1e-12));
        double[] v = optimizer.optimize(loss, gradient, GoalType.MINIMIZE, new InitialGuess(new double[BUCKETS]),
                new MaxEval(100_000), new MaxIter(10_000)).getPoint();
        double[] w = new double[BUCKETS];
        double max = 0;
        for (int b = 0; b < BUCKETS; b++) {
            w[b] = v[b] / scale[b];
            max = Math.max(max, Math.abs(w[b]));
        }
        if (max == 0) {
            Arrays.fill(w, 1);
            return w;
        }
        for (int b = 0; b < BUCKETS; b++) {
            w[b] /= max;
        }
        return w;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double softplus(double z) {
        return z > 30 ? z : Math.log1p(Math.exp(z));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
