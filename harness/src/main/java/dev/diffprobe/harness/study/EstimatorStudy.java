package dev.diffprobe.harness.study;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.classify.DiffusionClassifier;
import dev.diffprobe.harness.classify.Mode;
import dev.diffprobe.harness.classify.SettingException;
import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.stats.Interval;
import dev.diffprobe.harness.stats.McNemarTest;
import dev.diffprobe.harness.stats.WilsonInterval;
import dev.diffprobe.models.Checkpoint;
import dev.diffprobe.models.CheckpointException;
import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.tasks.Task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares classifier rules (estimators of t, elimination rules, budgets) with a baseline rule,
 * normally the paper's Algorithm 1, on the same examples: accuracy with its Wilson interval, mean
 * denoiser calls per example, and a paired McNemar test against the baseline. Each distinct
 * sampling of (t, eps) is recorded once as shared-noise {@link Traces}; every pruned or shared rule
 * is then a {@link Replay} of them, and {@code --verify n} runs the real classifier for every rule
 * on the first n examples and reports whether its predictions and calls equal the replay's.
 * Naive rules, and factorised ones (a K-way attribute task asked one attribute at a time), are
 * classified directly. harness/README.md has the command and recorded tables.
 */
public final class EstimatorStudy {
    private final EstimatorOptions options;
    private final DiffusionModel model;
    private final List<String> lines = new ArrayList<>();
    private final List<String> csv = new ArrayList<>();
    private final Map<Integer, Map<String, double[]>> growth = new LinkedHashMap<>();

    private EstimatorStudy(EstimatorOptions options, DiffusionModel model) {
        this.options = options;
        this.model = model;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        EstimatorOptions options;
        try {
            options = EstimatorOptions.parse(args);
        } catch (StudyOptions.UsageException | SettingException e) {
            System.err.println("estimator study: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.from() != null) {
            try {
                new EstimatorStudy(options, null).run();
            } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                System.err.println("estimator study: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        try (DiffusionModel model = Checkpoint.openDiffusion(options.checkpoint(),
                Settings.fromSystemProperties().models())) {
            new EstimatorStudy(options, model).run();
        } catch (CheckpointException | IOException | UncheckedIOException | IllegalArgumentException
                 | IllegalStateException e) {
            System.err.println("estimator study: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() throws IOException {
        Files.createDirectories(options.out());
        csv.add("task,rule,n,correct,accuracy,lower,upper,calls_per_example,calls_ratio_vs_baseline,lost,gained,"
                + "mcnemar_p,verified");
        lines.add(model == null ? "replayed from " + options.from() + ", run seed " + options.seed()
                : "checkpoint " + model.name() + " (fingerprint " + model.fingerprint() + "), run seed " + options.seed());
        lines.add("");
        lines.add("| task | rule | n | accuracy [95% Wilson] | calls/example | vs baseline | lost/gained | McNemar p |");
        lines.add("|---|---|---|---|---|---|---|---|");
        for (String name : options.tasks()) {
            Task task = model == null ? null : StudyTasks.build(name, options, model.resolution());
            runTask(name, task);
            write();
        }
        if (growth.size() >= 2) {
            GrowthReport.write(growth, options.out(), lines);
        }
        write();
        lines.forEach(System.out::println);
    }

    private void runTask(String name, Task task) throws IOException {
        // "binding:Color" names a file "binding-Color-...": a colon is no file-name character everywhere.
        String file = name.replace(':', '-');
        Map<String, Traces> traces = new LinkedHashMap<>();
        Map<String, List<Replay.Outcome>> outcomes = new LinkedHashMap<>();
        for (EstimatorOptions.Rule rule : options.rules()) {
            ClassifierSettings s = rule.settings(options.seed(), options.batch());
            List<Replay.Outcome> result;
            Path saved = options.out().resolve(file + "-outcomes-" + rule.name() + ".csv");
            if ((s.mode() == Mode.NAIVE || rule.factorised()) && options.from() != null) {
                result = readOutcomes(options.from().resolve(saved.getFileName()));
            } else if (rule.factorised()) {
                progress(name + ": " + rule.name() + " (one attribute at a time, classified directly)");
                result = factorised(name, task, rule);
            } else if (s.mode() == Mode.NAIVE) {
                progress(name + ": " + rule.name() + " (naive, classified directly)");
                result = direct(task, s);
            } else {
                String key = samplingKey(s);
                Traces t = traces.get(key);
                if (t == null && options.from() != null) {
                    t = Traces.read(options.from().resolve(file + "-traces-" + key + ".csv"), key);
                    traces.put(key, t);
                }
                if (t == null) {
                    int rounds = options.rules().stream().map(r -> r.settings(options.seed(), options.batch()))
                            .filter(r -> r.mode() != Mode.NAIVE && samplingKey(r).equals(key))
                            .mapToInt(ClassifierSettings::maxScores).max()
                            .orElseThrow();
                    progress(name + ": recording " + key + " traces, " + rounds + " rounds x "
                            + task.examples().get(0).candidates().size() + " candidates x " + task.examples().size()
                            + " examples");
                    t = Traces.record(model, task, rule.traceSettings(options.seed(), options.batch(), rounds), key);
                    t.write(options.out().resolve(file + "-traces-" + key + ".csv"));
                    Traces.BatchRun r = t.run();
                    progress(String.format(Locale.ROOT, "  %.0f s, %d images (%.1f/s), %.0f%% in predictX0, mean batch %.1f,"
                            + " discarded look-ahead %d images", r.seconds(), r.images(), r.images() / r.seconds(),
                            100 * r.modelSeconds() / r.seconds(), r.meanBatch(), r.images() - r.usefulImages()));
                    traces.put(key, t);
                }
                result = Replay.run(t, s);
            }
            writeOutcomes(result, saved);
            outcomes.put(rule.name(), result);
        }
        String baseline = options.rules().get(0).name();
        List<Replay.Outcome> base = outcomes.get(baseline);
        double baseCalls = meanCalls(base);
        Map<String, String> verified = verify(task, outcomes);
        for (Map.Entry<String, List<Replay.Outcome>> e : outcomes.entrySet()) {
            List<Replay.Outcome> o = e.getValue();
            int n = o.size();
            int correct = (int) o.stream().filter(Replay.Outcome::correct).count();
            int lost = 0;
            int gained = 0;
            for (int i = 0; i < n; i++) {
                boolean b = base.get(i).correct();
                boolean r = o.get(i).correct();
                lost += b && !r ? 1 : 0;
                gained += !b && r ? 1 : 0;
            }
            double p = McNemarTest.pTwoSided(lost, gained);
            Interval ci = WilsonInterval.of(correct, n);
            double calls = meanCalls(o);
            lines.add(String.format(Locale.ROOT, "| %s | %s | %d | %.3f [%.3f, %.3f] | %.1f | %s | %d/%d | %s |", name,
                    e.getKey(), n, (double) correct / n, ci.lower(), ci.upper(), calls,
                    e.getKey().equals(baseline) ? "baseline" : String.format(Locale.ROOT, "%.2fx fewer", baseCalls / calls),
                    lost, gained, e.getKey().equals(baseline) ? "-" : String.format(Locale.ROOT, "%.3g", p)));
            csv.add(String.format(Locale.ROOT, "%s,%s,%d,%d,%.4f,%.4f,%.4f,%.2f,%.3f,%d,%d,%.4g,%s", name, e.getKey(), n,
                    correct, (double) correct / n, ci.lower(), ci.upper(), calls, baseCalls / calls, lost, gained, p,
                    verified.getOrDefault(e.getKey(), "")));
            if (StudyTasks.candidates(name) > 0) {
                growth.computeIfAbsent(StudyTasks.candidates(name), k -> new LinkedHashMap<>())
                        .put(e.getKey(), new double[] {calls, (double) correct / n});
            }
        }
        if (!verified.isEmpty()) {
            lines.add("");
            lines.add(name + ", real classifier on the first " + options.verify() + " examples against the replay: "
                    + verified);
            lines.add("");
        }
    }

    /** Runs each replayed rule through the classifier itself on the first examples; the others were never replayed. */
    private Map<String, String> verify(Task task, Map<String, List<Replay.Outcome>> outcomes) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        if (task == null || options.verify() == 0) {
            return verdicts;
        }
        int n = Math.min(options.verify(), task.examples().size());
        if (n == 0) {
            return verdicts;
        }
        Task head = new Task(task.name(), task.description(), task.examples().subList(0, n), task.chance());
        for (EstimatorOptions.Rule rule : options.rules()) {
            ClassifierSettings s = rule.settings(options.seed(), options.batch());
            if (s.mode() == Mode.NAIVE || rule.factorised()) {
                continue;
            }
            List<Replay.Outcome> direct = direct(head, s);
            List<Replay.Outcome> replayed = outcomes.get(rule.name()).subList(0, n);
            int same = 0;
            for (int i = 0; i < n; i++) {
                same += direct.get(i).predicted() == replayed.get(i).predicted()
                        && direct.get(i).calls() == replayed.get(i).calls() ? 1 : 0;
            }
            verdicts.put(rule.name(), same + "/" + n + " equal");
        }
        return verdicts;
    }

    private List<Replay.Outcome> direct(Task task, ClassifierSettings s) {
        Map<String, Classification> byId = new LinkedHashMap<>();
        DiffusionClassifier classifier = new DiffusionClassifier(model, s);
        long start = System.nanoTime();
        classifier.classify(task.examples(), c -> byId.put(c.exampleId(), c));
        double seconds = (System.nanoTime() - start) / 1e9;
        var stats = classifier.stats();
        progress(String.format(Locale.ROOT, "  %s on %d examples: %.0f s, %d images (%.1f/s), %.0f%% in predictX0, mean batch"
                        + " %.1f, discarded look-ahead %d images (%.1f%%)", s.mode().word(), task.examples().size(), seconds,
                stats.images(), stats.images() / seconds, 100 * stats.modelNanos() / 1e9 / seconds, stats.meanBatch(),
                stats.images() - stats.usefulImages(),
                100.0 * (stats.images() - stats.usefulImages()) / Math.max(1, stats.images())));
        List<Replay.Outcome> list = new ArrayList<>();
        for (var e : task.examples()) {
            Classification c = byId.get(e.id());
            if (c.error().isPresent()) {
                throw new IllegalStateException("example " + e.id() + " failed: " + c.error().get());
            }
            list.add(new Replay.Outcome(e.id(), e.label(), c.predicted(), c.denoiserCalls()));
        }
        return list;
    }

    /**
     * One classification per attribute, the K-way answer their combination: right only when every
     * attribute is, and as costly as all of them together.
     */
    private List<Replay.Outcome> factorised(String name, Task task, EstimatorOptions.Rule rule) {
        List<AttributeTask.Part> parts = AttributeTask.parts(StudyTasks.candidates(name));
        int n = task.examples().size();
        String[][] words = new String[n][parts.size()];
        long[] calls = new long[n];
        for (int j = 0; j < parts.size(); j++) {
            Task part = AttributeTask.part(task, parts, j);
            List<Replay.Outcome> o = direct(part, rule.settings(options.seed(), options.batch(), parts.get(j)));
            for (int i = 0; i < n; i++) {
                words[i][j] = part.examples().get(i).candidates().get(o.get(i).predicted()).name();
                calls[i] += o.get(i).calls();
            }
        }
        List<Replay.Outcome> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var e = task.examples().get(i);
            String answer = String.join(" ", words[i]);
            int predicted = -1;
            for (int c = 0; c < e.candidates().size() && predicted < 0; c++) {
                predicted = e.candidates().get(c).name().equals(answer) ? c : -1;
            }
            list.add(new Replay.Outcome(e.id(), e.label(), predicted, calls[i]));
        }
        return list;
    }

    private static void writeOutcomes(List<Replay.Outcome> outcomes, Path csv) throws IOException {
        List<String> rows = new ArrayList<>(List.of("example,label,predicted,calls"));
        outcomes.forEach(o -> rows.add(o.id() + "," + o.label() + "," + o.predicted() + "," + o.calls()));
        Files.write(csv, rows);
    }

    private static List<Replay.Outcome> readOutcomes(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            throw new IllegalArgumentException("--from: " + csv + " is missing (naive rules are classified, not replayed)");
        }
        List<Replay.Outcome> list = new ArrayList<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] f = line.split(",");
            list.add(new Replay.Outcome(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3])));
        }
        return list;
    }

    /**
     * What fixes a rule's (t, eps) draws, so that rules with the same key replay one recording:
     * rules that draw t over another range must not share traces.
     */
    static String samplingKey(ClassifierSettings s) {
        String key = s.timeSampling().word() + (s.stratified() ? "+stratified" : "");
        if (s.tMin() != ClassifierSettings.DEFAULT_T_MIN || s.tMax() != 1 - ClassifierSettings.DEFAULT_T_MIN) {
            key += "+t" + s.tMin() + "-" + s.tMax();
        }
        return key;
    }

    private static double meanCalls(List<Replay.Outcome> outcomes) {
        return outcomes.stream().mapToLong(Replay.Outcome::calls).average().orElse(0);
    }

    private void write() throws IOException {
        Files.write(options.out().resolve("table.csv"), csv);
        Files.write(options.out().resolve("summary.md"), lines);
    }

    private static void progress(String line) {
        System.err.println("[estimator study] " + line);
    }
}
