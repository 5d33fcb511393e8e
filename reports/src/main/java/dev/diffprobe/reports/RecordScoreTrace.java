package dev.diffprobe.reports;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.classify.DiffusionClassifier;
import dev.diffprobe.harness.config.DiffProbeSettings;
import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.run.FileNames;
import dev.diffprobe.models.Checkpoint;
import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;
import dev.diffprobe.tasks.binding.BindingTasks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the per-round scores of the first few examples of a binding task into
 * {@code <out>/<task>.trace.csv}, the file {@link DiffProbeReporter} draws score-versus-t plots
 * from when it lies beside the task's journal. The journal keeps only mean scores, and the run
 * layer records no trace, so this command re-runs those few examples with a score listener.
 * With the suite's seed, examples count and classifier settings the classifier draws the same
 * (t, eps) per example id as the run did, so the trace shows the run's own scores.
 *
 * <pre>
 * RecordScoreTrace --model CHECKPOINT --task NAME --seed SEED --examples N --out SUITE_OUTPUT_DIR
 *                  [--traces K] [--classifier key=value]...
 * </pre>
 * {@code --examples} is the suite's examples per task (the task is built as the suite builds
 * it); {@code --traces} how many of its first examples to record (default
 * {@value ReportSettings#DEFAULT_TRACE_PLOTS}).
 */
public final class RecordScoreTrace {

    static final int USAGE = 2;
    private static final String HELP = "usage: RecordScoreTrace --model CHECKPOINT --task NAME --seed SEED "
            + "--examples N --out SUITE_OUTPUT_DIR [--traces K] [--classifier key=value]...";

    private RecordScoreTrace() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String[]> classifier = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length || !args[i].startsWith("--")) {
                err.println("RecordScoreTrace: unexpected argument '" + args[i] + "'. " + HELP);
                return USAGE;
            }
            String key = args[i].substring(2);
            String value = args[i + 1];
            if (key.equals("classifier")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    err.println("RecordScoreTrace: --classifier '" + value + "' is not key=value. " + HELP);
                    return USAGE;
                }
                classifier.add(new String[] {value.substring(0, eq), value.substring(eq + 1)});
            } else if (List.of("model", "task", "seed", "examples", "out", "traces").contains(key)) {
                options.put(key, value);
            } else {
                err.println("RecordScoreTrace: unknown option '--" + key + "'. " + HELP);
                return USAGE;
            }
        }
        for (String required : List.of("model", "task", "seed", "examples", "out")) {
            if (!options.containsKey(required)) {
                err.println("RecordScoreTrace: --" + required + " is required. " + HELP);
                return USAGE;
            }
        }
        long seed;
        int examples;
        int traces;
        try {
            seed = Long.parseLong(options.get("seed"));
            examples = Integer.parseInt(options.get("examples"));
            traces = Integer.parseInt(options.getOrDefault("traces", Integer.toString(DiffProbeSettings.DEFAULT_TRACE_PLOTS)));
        } catch (NumberFormatException e) {
            err.println("RecordScoreTrace: --seed, --examples and --traces take whole numbers. " + HELP);
            return USAGE;
        }
        if (examples < 1 || traces < 1) {
            err.println("RecordScoreTrace: --examples and --traces must be >= 1. " + HELP);
            return USAGE;
        }
        try {
            Path file = record(options.get("model"), options.get("task"), seed, examples, traces, classifier,
                    Path.of(options.get("out")));
            out.println("wrote " + file);
            return 0;
        } catch (RuntimeException e) {
            err.println("RecordScoreTrace: " + e.getMessage());
            return USAGE;
        }
    }

    private static Path record(String model, String taskName, long seed, int examples, int traces,
                               List<String[]> classifier, Path outDir) {
        Task task = BindingTasks.named(taskName, seed, examples);
        List<Example> first = task.examples().subList(0, Math.min(traces, task.examples().size()));
        ClassifierSettings.Builder settings = ClassifierSettings.builder();
        classifier.forEach(kv -> settings.opt(kv[0], kv[1]));
        Path file = outDir.resolve(FileNames.of(task.name()) + ScoreTrace.SUFFIX);
        try (DiffusionModel diffusion = Checkpoint.openDiffusion(model, Settings.fromSystemProperties().models());
             ScoreTraceFile trace = new ScoreTraceFile(file)) {
            List<Classification> results = new ArrayList<>();
            new DiffusionClassifier(diffusion, settings.setSeed(seed).build(), trace).classify(first, results::add);
            for (Classification c : results) {
                if (c.error().isPresent()) {
                    throw new ReportException("example " + c.exampleId() + " failed: " + c.error().get());
                }
            }
        }
        return file;
    }
}
