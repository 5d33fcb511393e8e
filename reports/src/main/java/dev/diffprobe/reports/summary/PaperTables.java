package dev.diffprobe.reports.summary;

import dev.diffprobe.harness.run.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Regenerates the measured tables of RESULTS.md from a run's files, so that no figure is typed
 * by hand: the analogue of the paper's Table 3 from the binding suite's {@code summary.csv} (our
 * diffusion checkpoint) and the paper suite's (its contrastive twin), the weighting table
 * (Table 4) from the paper suite's weighting tasks, and the paper suite's {@code comparisons.csv}.
 * Each table replaces the text between {@code <!-- NAME:begin -->} and {@code <!-- NAME:end -->}
 * in the results file; the rest of the file is kept.
 *
 * <pre>
 * PaperTables --binding DIR --paper DIR --results FILE
 * </pre>
 * Each DIR is a suite's output directory (e.g. {@code probes/target/diffprobe/binding}).
 */
public final class PaperTables {
    static final int USAGE = 2;
    private static final String HELP = "usage: PaperTables --binding DIR --paper DIR --results FILE";

    /** The 20 tasks in the paper's Table 3 order. */
    static final List<String> BINDING_TASKS = List.of("Shape", "Color", "Shape_Color", "ShapeColor", "ColorShape",
            "Shape_Size", "ShapeSize", "SizeShape", "Shape_Position", "ShapePosition", "PositionShape", "Color_Size",
            "ColorSize", "SizeColor", "Color_Position", "ColorPosition", "PositionColor", "Size_Position",
            "SizePosition", "PositionSize");

    /**
     * The paper's Table 3 figures this project's documents carry (the controls); the other cells
     * are left to the reader of the paper rather than guessed.
     */
    static final Map<String, String[]> PAPER_TABLE3 = Map.of(
            "Shape", new String[] {"0.91", "0.85", "-"},
            "Color", new String[] {"0.85", "0.96", "-"});

    /** The weighting arms of paper.yaml and what each is. */
    static final List<String[]> WEIGHTINGS = List.of(
            new String[] {"heuristic", "heuristic", "exp(-7t), the paper's choice"},
            new String[] {"simple", "simple", "SNR(t): plain epsilon MSE"},
            new String[] {"vdm", "vdm", "-SNR'(t): the variational bound"},
            new String[] {"learned", "learned", "20 t-buckets fitted on labels: NOT zero-shot"});

    private PaperTables() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (args.length % 2 != 0 || !options.keySet().equals(java.util.Set.of("binding", "paper", "results"))) {
            err.println("PaperTables: " + HELP);
            return USAGE;
        }
        try {
            Map<String, CSVRecord> binding = summary(Path.of(options.get("binding")));
            Map<String, CSVRecord> paper = summary(Path.of(options.get("paper")));
            Path results = Path.of(options.get("results"));
            String text = Files.readString(results, StandardCharsets.UTF_8);
            text = replace(text, "table3", table3(binding, paper));
            text = replace(text, "table4", table4(paper));
            text = replace(text, "comparisons", comparisons(Path.of(options.get("paper")).resolve("comparisons.csv")));
            text = replace(text, "walltimes", wallTimes(binding, paper));
            AtomicFiles.writeString(results, text);
            out.println("updated " + results);
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("PaperTables: " + e.getMessage());
            return 1;
        }
    }

    static Map<String, CSVRecord> summary(Path dir) throws IOException {
        return rows(dir.resolve("summary.csv"), "task");
    }

    private static Map<String, CSVRecord> rows(Path csv, String key) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException(csv + " does not exist; run the suite first");
        }
        Map<String, CSVRecord> rows = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            for (CSVRecord row : parser) {
                rows.put(row.get(key), row);
            }
        }
        return rows;
    }

    static String table3(Map<String, CSVRecord> binding, Map<String, CSVRecord> paper) {
        StringBuilder md = new StringBuilder("| task | SD (paper) | Imagen (paper) | CLIP (paper) | "
                + checkpoint(binding) + " (diffusion) | " + checkpoint(paper, "-contrastive") + " (contrastive) |\n"
                + "|---|---|---|---|---|---|\n");
        for (String task : BINDING_TASKS) {
            String[] published = PAPER_TABLE3.getOrDefault(task, new String[] {"-", "-", "-"});
            md.append("| ").append(task).append(" | ").append(String.join(" | ", published)).append(" | ")
                    .append(cell(Optional.ofNullable(binding.get(task)))).append(" | ")
                    .append(cell(Optional.ofNullable(paper.get(task + "-contrastive")))).append(" |\n");
        }
        return md.toString();
    }

    static String table4(Map<String, CSVRecord> paper) {
        StringBuilder md = new StringBuilder("| weighting | w(t) | Shape | calls per example |\n|---|---|---|---|\n");
        for (String[] w : WEIGHTINGS) {
            Optional<CSVRecord> row = Optional.ofNullable(paper.get("Shape-" + w[1]));
            md.append("| ").append(w[0]).append(" | ").append(w[2]).append(" | ").append(cell(row)).append(" | ")
                    .append(row.map(r -> r.get("calls_per_example")).orElse("-")).append(" |\n");
        }
        return md.toString();
    }

    static String comparisons(Path csv) throws IOException {
        StringBuilder md = new StringBuilder("| comparison | claim | verdict | statistic |\n|---|---|---|---|\n");
        for (CSVRecord row : rows(csv, "comparison").values()) {
            md.append("| ").append(row.get("comparison")).append(" | ").append(row.get("claim")).append(" | ")
                    .append(row.get("verdict")).append(" | ").append(row.get("message").replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }

    static String wallTimes(Map<String, CSVRecord> binding, Map<String, CSVRecord> paper) {
        return String.format(Locale.ROOT, "| suite | tasks | examples | denoiser calls | task wall time |\n"
                        + "|---|---|---|---|---|\n| binding | %s |\n| paper | %s |\n",
                totals(binding), totals(paper));
    }

    private static String totals(Map<String, CSVRecord> rows) {
        long examples = 0;
        double calls = 0;
        double wall = 0;
        for (CSVRecord r : rows.values()) {
            long n = Long.parseLong(r.get("n"));
            examples += n;
            calls += n * Double.parseDouble(r.get("calls_per_example"));
            wall += Double.parseDouble(r.get("wall_s"));
        }
        return String.format(Locale.ROOT, "%d | %d | %.0f | %.0f s (this run's share; resumed examples count 0)",
                rows.size(), examples, calls, wall);
    }

    private static String cell(Optional<CSVRecord> row) {
        return row.map(r -> String.format(Locale.ROOT, "%.3f [%.3f, %.3f] n=%s", Double.parseDouble(r.get("accuracy")),
                Double.parseDouble(r.get("ci_low")), Double.parseDouble(r.get("ci_high")), r.get("n"))).orElse("-");
    }

    /** The checkpoint of the first binding task the summary has under its own name. */
    private static String checkpoint(Map<String, CSVRecord> rows) {
        return BINDING_TASKS.stream().filter(rows::containsKey).findFirst().map(t -> rows.get(t).get("checkpoint"))
                .orElse("?");
    }

    private static String checkpoint(Map<String, CSVRecord> rows, String suffix) {
        return rows.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).findFirst()
                .map(e -> e.getValue().get("checkpoint")).orElse("?");
    }

    static String replace(String text, String name, String table) {
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("the results file has no '" + begin + "' ... '" + end + "' section");
        }
        return text.substring(0, from + begin.length()) + "\n" + table + text.substring(to);
    }
}
