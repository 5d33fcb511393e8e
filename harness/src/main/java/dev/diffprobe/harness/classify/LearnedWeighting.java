package dev.diffprobe.harness.classify;

import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.models.NoiseSchedule;
import dev.diffprobe.tasks.Example;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The paper's learned weighting (Appendix B): t is split into {@value #BUCKETS} equal buckets,
 * each candidate of an example is described by its {@value #BUCKETS} per-bucket MEAN
 * reconstruction errors, and a multiclass logistic regression over the candidates,
 * P(k) = softmax_k(-sum_b w_b * meanError_k[b]), is fitted on a labelled held-out split. The
 * fitted w_b is then w(t) on bucket b. Because it sees labels it is NOT zero-shot
 * ({@link #zeroShot()} is false) and is used only when asked for.
 *
 * <p>A bucket an example never drew a t in gets error 0 for every candidate: the weights are shared
 * by the candidates, so such a bucket adds the same to every logit and drops out of the softmax.
 *
 * <p>File: CSV {@code t_low,t_high,weight}, one row per bucket, after {@code #} comment lines; the
 * line {@code # checkpoint: <fingerprint>} names the checkpoint the weights were fitted for, and a
 * classifier refuses them on any other ({@link #checkFor}).
 */
public final class LearnedWeighting implements Weighting {
    /** Number of t-buckets, as in the paper. */
    public static final int BUCKETS = 20;
    /** L2 penalty on the weights of the standardised features: keeps a separable split bounded. */
    public static final double L2 = 1e-3;

    private static final String CHECKPOINT_LINE = "# checkpoint: ";
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader("t_low", "t_high", "weight").setSkipHeaderRecord(true).setCommentMarker('#').get();
    private static final int MAX_NEWTON_STEPS = 100;

    private final double[] weights;
    private final String source;
    private final Optional<String> checkpoint;

    LearnedWeighting(double[] weights, String source, Optional<String> checkpoint) {
        if (weights.length != BUCKETS) {
            throw new IllegalArgumentException("a learned weighting has " + BUCKETS + " weights, got " + weights.length);
        }
        this.weights = weights.clone();
        this.source = source;
        this.checkpoint = checkpoint;
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

    /** The fingerprint of the checkpoint these weights were fitted on, when the file names one. */
    public Optional<String> checkpoint() {
        return checkpoint;
    }

    /**
     * Refuses weights fitted on another checkpoint: another model's errors have another scale per
     * bucket, so its weights would silently mis-weight this one.
     *
     * @throws SettingException naming {@value ClassifierSettings#WEIGHTING_FILE} and both fingerprints
     */
    public void checkFor(String name, String fingerprint) {
        checkpoint.filter(c -> !c.equals(fingerprint)).ifPresent(c -> {
            throw new SettingException(ClassifierSettings.WEIGHTING_FILE, source, "was fitted on checkpoint " + c
                    + ", not on " + name + " (" + fingerprint + "); fit it again for this checkpoint"
                    + " (harness/README.md, 'Learned weighting')");
        });
    }

    /**
     * Reads a weighting file.
     *
     * @throws SettingException naming {@value ClassifierSettings#WEIGHTING_FILE}, the file and what is wrong
     */
    public static LearnedWeighting load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw bad(file, "cannot be read: " + e.getMessage());
        }
        Optional<String> checkpoint = text.lines().filter(l -> l.startsWith(CHECKPOINT_LINE))
                .map(l -> l.substring(CHECKPOINT_LINE.length()).strip()).findFirst();
        double[] w = new double[BUCKETS];
        try (CSVParser parser = FORMAT.parse(new StringReader(text))) {
            List<CSVRecord> rows = parser.getRecords();
            if (rows.size() != BUCKETS) {
                throw bad(file, "has " + rows.size() + " buckets, expected " + BUCKETS);
            }
            for (int b = 0; b < BUCKETS; b++) {
                CSVRecord row = rows.get(b);
                double low = Double.parseDouble(row.get("t_low"));
                double weight = Double.parseDouble(row.get("weight"));
                if (Math.abs(low - (double) b / BUCKETS) > 1e-9 || !Double.isFinite(weight)) {
                    throw bad(file, "line " + row.getRecordNumber() + " of the table: bucket " + b
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
        return new LearnedWeighting(w, file.getFileName().toString(), checkpoint);
    }

    private static SettingException bad(Path file, String detail) {
        return new SettingException(ClassifierSettings.WEIGHTING_FILE, file, detail);
    }

    /** Writes the weights with the checkpoint line and a description of the fit as comments. */
    public void save(Path file, String fittedOn) throws IOException {
        List<String> comments = new ArrayList<>();
        comments.add("Learned weighting (Clark & Jaini, Appendix B: 20 t-buckets): fitted on labelled data, NOT zero-shot.");
        comments.add(fittedOn);
        checkpoint.ifPresent(c -> comments.add(CHECKPOINT_LINE.substring(2) + c));
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter out = new CSVPrinter(writer, FORMAT.builder().setSkipHeaderRecord(false)
                     .setHeaderComments(comments.toArray(Object[]::new)).setRecordSeparator('\n').get())) {
            for (int b = 0; b < BUCKETS; b++) {
                out.printRecord((double) b / BUCKETS, (double) (b + 1) / BUCKETS, weights[b]);
            }
        }
    }

    /**
     * One labelled example as the regression sees it: {@code meanErrors[k][b]} is candidate k's
     * mean error over the rounds whose t fell in bucket b (0 where none did).
     */
    public record Features(double[][] meanErrors, int label) {
        public Features {
            if (meanErrors.length < 2 || label < 0 || label >= meanErrors.length) {
                throw new IllegalArgumentException("features need at least two candidates and a label among them,"
                        + " got " + meanErrors.length + " candidates, label " + label);
            }
            for (double[] row : meanErrors) {
                if (row.length != BUCKETS) {
                    throw new IllegalArgumentException("each candidate has " + BUCKETS + " bucket means, got " + row.length);
                }
            }
        }
    }

    /**
     * Fits the weighting for {@code model} on labelled held-out examples: every candidate of every
     * example is scored for {@code rounds} rounds with shared noise, stratified t and unit weighting,
     * the errors are averaged per bucket, and the regression above is solved.
     *
     * @throws IllegalArgumentException when an example fails (its error is named) or there is nothing to fit
     */
    public static LearnedWeighting fit(DiffusionModel model, List<Example> heldOut, long seed, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("learned weighting: rounds must be >= 1, got " + rounds);
        }
        ClassifierSettings settings = ClassifierSettings.builder().setSeed(seed).optMode(Mode.SHARED)
                .optMaxScores(rounds).optStratified(true).optWeighting(Weighting.heuristic(0)).build();
        Map<String, Example> byId = new HashMap<>();
        heldOut.forEach(e -> byId.put(e.id(), e));
        Map<String, double[][]> sums = new HashMap<>();
        Map<String, int[][]> counts = new HashMap<>();
        ScoreListener collect = (id, round, candidate, t, error, weight) -> {
            int k = byId.get(id).candidates().size();
            sums.computeIfAbsent(id, x -> new double[k][BUCKETS])[candidate][bucket(t)] += error;
            counts.computeIfAbsent(id, x -> new int[k][BUCKETS])[candidate][bucket(t)]++;
        };
        List<String> failures = new ArrayList<>();
        new DiffusionClassifier(model, settings, collect).classify(heldOut, c -> c.error().ifPresent(failures::add));
        if (!failures.isEmpty()) {
            throw new IllegalArgumentException("learned weighting: " + failures.size()
                    + " held-out examples failed, first: " + failures.get(0));
        }
        List<Features> features = new ArrayList<>();
        for (Example e : heldOut) {
            double[][] sum = sums.get(e.id());
            if (sum == null) {
                continue; // one candidate: nothing was scored, nothing to learn
            }
            int[][] n = counts.get(e.id());
            double[][] mean = new double[sum.length][BUCKETS];
            for (int k = 0; k < sum.length; k++) {
                for (int b = 0; b < BUCKETS; b++) {
                    mean[k][b] = n[k][b] == 0 ? 0 : sum[k][b] / n[k][b];
                }
            }
            features.add(new Features(mean, e.label()));
        }
        return new LearnedWeighting(solve(features), "fitted on " + features.size() + " examples",
                Optional.of(model.fingerprint()));
    }

    /**
     * The multiclass logistic regression: minimises the mean of -log softmax(-w . f)_label plus
     * {@value #L2}/2 ||v||^2, where v are the weights of features scaled to unit spread per bucket
     * (so the penalty treats buckets alike and the Newton system stays well conditioned). The loss is
     * convex, so Newton's method with step halving reaches its one minimum. Package-private for tests.
     */
    static double[] solve(List<Features> data) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("learned weighting: no labelled example with two or more candidates to fit on");
        }
        double[] scale = spread(data);
        List<double[][]> g = new ArrayList<>(data.size());
        for (Features f : data) {
            double[][] scaled = new double[f.meanErrors().length][BUCKETS];
            for (int k = 0; k < scaled.length; k++) {
                for (int b = 0; b < BUCKETS; b++) {
                    scaled[k][b] = -f.meanErrors()[k][b] / scale[b];
                }
            }
            g.add(scaled);
        }
        double[] v = new double[BUCKETS];
        double loss = loss(v, g, data);
        for (int step = 0; step < MAX_NEWTON_STEPS; step++) {
            double[] gradient = new double[BUCKETS];
            double[][] hessian = new double[BUCKETS][BUCKETS];
            derivatives(v, g, data, gradient, hessian);
            double[] direction;
            try {
                direction = new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false)).getSolver()
                        .solve(new ArrayRealVector(gradient)).toArray();
            } catch (NonPositiveDefiniteMatrixException e) {
                throw new IllegalStateException("learned weighting: the Hessian is not positive definite", e);
            }
            double decrease = dot(gradient, direction);
            if (decrease < 1e-14) {
                break;
            }
            double size = 1;
            double[] next = new double[BUCKETS];
            double nextLoss;
            do {
                for (int b = 0; b < BUCKETS; b++) {
                    next[b] = v[b] - size * direction[b];
                }
                nextLoss = loss(next, g, data);
                size /= 2;
            } while (nextLoss > loss && size > 1e-12);
            if (nextLoss > loss) {
                break;
            }
            v = next;
            loss = nextLoss;
        }
        double[] w = new double[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) {
            w[b] = v[b] / scale[b];
        }
        return w;
    }

    /** Per bucket, the root mean square of the errors about each example's mean over its candidates; 1 if none. */
    private static double[] spread(List<Features> data) {
        double[] sq = new double[BUCKETS];
        long n = 0;
        for (Features f : data) {
            double[][] e = f.meanErrors();
            for (int b = 0; b < BUCKETS; b++) {
                double mean = 0;
                for (double[] candidate : e) {
                    mean += candidate[b] / e.length;
                }
                for (double[] candidate : e) {
                    sq[b] += (candidate[b] - mean) * (candidate[b] - mean);
                }
            }
            n += e.length;
        }
        double[] scale = new double[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) {
            scale[b] = sq[b] > 0 ? Math.sqrt(sq[b] / n) : 1;
        }
        return scale;
    }

    private static double loss(double[] v, List<double[][]> g, List<Features> data) {
        double sum = 0;
        for (int i = 0; i < g.size(); i++) {
            double[] logits = logits(v, g.get(i));
            sum += logSumExp(logits) - logits[data.get(i).label()];
        }
        return sum / g.size() + L2 / 2 * dot(v, v);
    }

    private static void derivatives(double[] v, List<double[][]> g, List<Features> data, double[] gradient,
                                    double[][] hessian) {
        int n = g.size();
        for (int i = 0; i < n; i++) {
            double[][] gi = g.get(i);
            double[] p = softmax(logits(v, gi));
            double[] expected = new double[BUCKETS];
            for (int k = 0; k < gi.length; k++) {
                for (int b = 0; b < BUCKETS; b++) {
                    expected[b] += p[k] * gi[k][b];
                }
            }
            double[] truth = gi[data.get(i).label()];
            for (int b = 0; b < BUCKETS; b++) {
                gradient[b] += (expected[b] - truth[b]) / n;
            }
            for (int k = 0; k < gi.length; k++) {
                for (int a = 0; a < BUCKETS; a++) {
                    double da = gi[k][a] - expected[a];
                    for (int b = 0; b < BUCKETS; b++) {
                        hessian[a][b] += p[k] * da * (gi[k][b] - expected[b]) / n;
                    }
                }
            }
        }
        for (int a = 0; a < BUCKETS; a++) {
            for (int b = 0; b < a; b++) {
                // equal up to rounding; Cholesky insists on exact symmetry
                double mean = (hessian[a][b] + hessian[b][a]) / 2;
                hessian[a][b] = mean;
                hessian[b][a] = mean;
            }
        }
        for (int b = 0; b < BUCKETS; b++) {
            gradient[b] += L2 * v[b];
            hessian[b][b] += L2;
        }
    }

    private static double[] logits(double[] v, double[][] gi) {
        double[] z = new double[gi.length];
        for (int k = 0; k < gi.length; k++) {
            z[k] = dot(v, gi[k]);
        }
        return z;
    }

    private static double[] softmax(double[] z) {
        double lse = logSumExp(z);
        double[] p = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - lse);
        }
        return p;
    }

    private static double logSumExp(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : z) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (double x : z) {
            sum += Math.exp(x - max);
        }
        return max + Math.log(sum);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
