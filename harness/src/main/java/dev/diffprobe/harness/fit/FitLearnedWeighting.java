package dev.diffprobe.harness.fit;

import dev.diffprobe.harness.classify.LearnedWeighting;
import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.models.Checkpoint;
import dev.diffprobe.models.DiffusionModel;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.binding.BindingTasks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits the paper's learned weighting for a checkpoint and saves it (see {@link LearnedWeighting}):
 *
 * <pre>
 * FitLearnedWeighting --model CHECKPOINT --out FILE [--tasks Shape,Color] [--examples 100]
 *                     [--seed 424242] [--rounds 20]
 * </pre>
 *
 * The held-out split is the named binding tasks built at {@code --seed}, which no suite evaluates
 * on (the suites use 20230315, their thresholds were calibrated at 7), {@code --examples} per task;
 * each example's candidates are scored for {@code --rounds} rounds. The result sees labels: a run
 * that uses it is not zero-shot.
 */
public final class FitLearnedWeighting {
    static final int USAGE = 2;
    static final long DEFAULT_SEED = 424242;
    private static final String HELP = "usage: FitLearnedWeighting --model CHECKPOINT --out FILE"
            + " [--tasks Shape,Color] [--examples 100] [--seed " + DEFAULT_SEED + "] [--rounds 20]";
    private static final List<String> OPTIONS = List.of("model", "out", "tasks", "examples", "seed", "rounds");

    private FitLearnedWeighting() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (i + 1 >= args.length || !OPTIONS.contains(key)) {
                err.println("FitLearnedWeighting: unexpected argument '" + args[i] + "'. " + HELP);
                return USAGE;
            }
            options.put(key, args[i + 1]);
        }
        if (!options.containsKey("model") || !options.containsKey("out")) {
            err.println("FitLearnedWeighting: --model and --out are required. " + HELP);
            return USAGE;
        }
        long seed;
        int examples;
        int rounds;
        try {
            seed = Long.parseLong(options.getOrDefault("seed", Long.toString(DEFAULT_SEED)));
            examples = Integer.parseInt(options.getOrDefault("examples", "100"));
            rounds = Integer.parseInt(options.getOrDefault("rounds", "20"));
        } catch (NumberFormatException e) {
            err.println("FitLearnedWeighting: --seed, --examples and --rounds take whole numbers. " + HELP);
            return USAGE;
        }
        if (examples < 1 || rounds < 1) {
            err.println("FitLearnedWeighting: --examples and --rounds must be >= 1. " + HELP);
            return USAGE;
        }
        List<String> tasks = List.of(options.getOrDefault("tasks", "Shape,Color").split(","));
        Path file = Path.of(options.get("out"));
        try {
            List<Example> heldOut = new ArrayList<>();
            for (String task : tasks) {
                heldOut.addAll(BindingTasks.named(task.strip(), seed, examples).examples());
            }
            long start = System.nanoTime();
            LearnedWeighting fitted;
            try (DiffusionModel model = Checkpoint.openDiffusion(options.get("model"),
                    Settings.fromSystemProperties().models())) {
                fitted = LearnedWeighting.fit(model, heldOut, seed, rounds);
            }
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            fitted.save(file, String.format(Locale.ROOT, "fitted on binding tasks %s, %d examples each, seed %d,"
                    + " %d rounds per candidate: FitLearnedWeighting --model %s --tasks %s --examples %d --seed %d"
                    + " --rounds %d", String.join(",", tasks), examples, seed, rounds, options.get("model"),
                    String.join(",", tasks), examples, seed, rounds));
            out.printf(Locale.ROOT, "wrote %s (%d held-out examples, %.0f s)%n", file, heldOut.size(),
                    (System.nanoTime() - start) / 1e9);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("FitLearnedWeighting: " + e.getMessage());
            return 1;
        }
    }
}
