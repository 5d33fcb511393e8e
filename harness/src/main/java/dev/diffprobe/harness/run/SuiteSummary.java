package dev.diffprobe.harness.run;

import dev.diffprobe.harness.stats.PairedComparison;
import dev.diffprobe.tasks.cue.CueConflictScore;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The end-of-suite table: per task n (and, in the CSV, the correct count), accuracy with its 95% Wilson interval, chance and the
 * binomial p-value against it, threshold, verdict, denoiser calls per example and wall time;
 * on a checkpoint with held-out compositions the accuracy on seen and unseen examples;
 * in regression mode also the baseline's accuracy, the discordant counts, the difference with
 * its interval and the McNemar p-value; with a Cue-Conflict task, its shape accuracy and shape bias
 * beside the human observers' shape bias from the data. Printed, and written as {@code summary.csv} and
 * {@code summary.md} in the suite's output directory.
 */
public final class SuiteSummary {
    private static final List<String> COLUMNS = List.of("task", "checkpoint", "n", "accuracy", "ci_low", "ci_high",
            "chance", "p_vs_chance", "threshold", "verdict", "calls_per_example", "wall_s", "failures", "errors");
    private static final List<String> BASELINE_COLUMNS = List.of("baseline", "baseline_accuracy", "lost", "gained",
            "difference", "difference_low", "difference_high", "mcnemar_p_worse", "mcnemar_p_two_sided");
    private static final List<String> CUE_CONFLICT_COLUMNS = List.of("shape_accuracy", "shape_bias",
            "human_shape_bias");

    /** Accuracy on seen and on held-out ("unseen") compositions, when a task's checkpoint declares some. */
    private static final List<String> COMPOSITION_COLUMNS = List.of("seen_n", "seen_correct", "seen_accuracy",
            "unseen_n", "unseen_correct", "unseen_accuracy", "unseen_ci_low", "unseen_ci_high", "unseen_p_vs_chance");

    /** In place of a figure that a task whose examples failed beyond the allowed share does not have. */
    private static final String NOT_JUDGED = "n/a";

    private final String suite;
    private final List<SummaryRow> rows;
    private final boolean regression;
    private final boolean compositions;
    private final boolean cueConflict;
    private final Optional<CueConflictScore> humans;

    public SuiteSummary(String suite, List<SummaryRow> rows) {
        this(suite, rows, Optional.empty());
    }

    /** @param humans the human observers' Cue-Conflict score, shown beside each Cue-Conflict task's */
    public SuiteSummary(String suite, List<SummaryRow> rows, Optional<CueConflictScore> humans) {
        this.suite = suite;
        this.rows = List.copyOf(rows);
        this.regression = rows.stream().anyMatch(r -> r.outcome().baseline().isPresent());
        this.compositions = rows.stream().anyMatch(r -> r.outcome().compositions().isPresent());
        this.cueConflict = rows.stream().anyMatch(r -> CueConflictOutcome.of(r.outcome()).isPresent());
        this.humans = humans;
    }

    public List<SummaryRow> rows() {
        return rows;
    }

    /** Writes {@code summary.csv} and {@code summary.md} into {@code dir} and returns their paths. */
    public List<Path> write(Path dir) throws IOException {
        Path csv = AtomicFiles.write(dir.resolve("summary.csv"), out -> {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
            printer.printRecord(withCorrect(columns(), "correct"));
            for (SummaryRow row : rows) {
                printer.printRecord(withCorrect(cells(row, true), Integer.toString(row.outcome().correct())));
            }
            printer.flush();
        });
        Path md = AtomicFiles.writeString(dir.resolve("summary.md"), markdown());
        return List.of(csv, md);
    }

    public void print(PrintStream out) {
        out.print(table());
    }

    /** A fixed-width table for the console. */
    public String table() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(columns());
        rows.forEach(r -> lines.add(cells(r, false)));
        int[] widths = new int[columns().size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder("DiffProbe suite ").append(suite).append('\n');
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                text.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + widths[i] + "s", line.get(i)));
            }
            text.append('\n');
        }
        return text.toString();
    }

    public String markdown() {
        StringBuilder text = new StringBuilder("# DiffProbe suite ").append(suite).append("\n\n");
        text.append("| ").append(String.join(" | ", columns())).append(" |\n");
        text.append("|").append("---|".repeat(columns().size())).append('\n');
        for (SummaryRow row : rows) {
            text.append("| ").append(String.join(" | ", cells(row, false))).append(" |\n");
        }
        text.append("\nAccuracy intervals are 95% Wilson intervals; p_vs_chance is the one-sided exact binomial test;")
                .append(" wall_s is this run's time (examples resumed from a journal cost none); failed examples count as wrong,")
                .append(" and a task where more of them failed than the run allows is an ERROR, not an accuracy.");
        rows.stream().filter(r -> r.error().isPresent()).forEach(r -> text.append("\n- ERROR ")
                .append(r.error().get().replace("|", "\\|")));
        if (regression) {
            text.append(" The difference is candidate minus baseline accuracy with its 95% interval by Newcombe's")
                    .append(" hybrid score method for paired proportions; McNemar p-values are exact.");
        }
        if (compositions) {
            text.append(" Seen and unseen split a binding task's examples by the checkpoint's held-out shape:colour")
                    .append(" compositions (model.yaml held_out: ")
                    .append(String.join(", ", rows.stream().flatMap(r -> r.outcome().heldOut().stream()).distinct()
                            .toList()))
                    .append("): an example is unseen when an object of its scene has one, a composition never shown on")
                    .append(" one object in training.");
        }
        if (cueConflict) {
            text.append(" Cue-Conflict, as model-vs-human counts it: shape_accuracy is the share of all images")
                    .append(" answered with the shape class of a conflict image; shape_bias is shape / (shape +")
                    .append(" texture) decisions on conflict images, undefined when there are none;")
                    .append(" human_shape_bias is the human observers' from the responses in the data");
            text.append(humans.map(h -> " (" + h.describe() + ").").orElse(" (none there: -)."));
        }
        return text.append('\n').toString();
    }

    /** The CSV also carries the correct count after n, so readers need not recover it from a rounded accuracy. */
    private static List<String> withCorrect(List<String> cells, String correct) {
        List<String> extended = new ArrayList<>(cells);
        extended.add(COLUMNS.indexOf("n") + 1, correct);
        return extended;
    }

    private List<String> columns() {
        List<String> columns = new ArrayList<>(COLUMNS);
        if (regression) {
            columns.addAll(BASELINE_COLUMNS);
        }
        if (compositions) {
            columns.addAll(COMPOSITION_COLUMNS);
        }
        if (cueConflict) {
            columns.addAll(CUE_CONFLICT_COLUMNS);
        }
        return columns;
    }

    /** Full precision for the CSV, which reports read; rounded for people. */
    private List<String> cells(SummaryRow row, boolean full) {
        TaskOutcome o = row.outcome();
        // A task with too many failed examples has no accuracy to show people; the CSV keeps the
        // figures (its verdict column says ERROR) for tools that study the failures.
        boolean judged = full || row.error().isEmpty();
        List<String> cells = new ArrayList<>(List.of(o.taskName(), o.checkpointName(), Integer.toString(o.n()),
                judged ? number(o.accuracy(), full) : NOT_JUDGED, judged ? number(o.interval().lower(), full) : NOT_JUDGED,
                judged ? number(o.interval().upper(), full) : NOT_JUDGED, number(o.task().chance(), full),
                !judged ? NOT_JUDGED : full ? Double.toString(o.pAboveChance()) : Verdicts.p(o.pAboveChance()),
                row.threshold().isPresent() ? number(row.threshold().getAsDouble(), full) : absent(full),
                row.verdictText(), String.format(Locale.ROOT, full ? "%.3f" : "%.1f", o.callsPerExample()),
                String.format(Locale.ROOT, "%.1f", o.wallTime().toMillis() / 1000.0), Integer.toString(o.failures()),
                errors(o, full)));
        if (regression) {
            cells.addAll(baselineCells(o, full));
        }
        if (compositions) {
            cells.addAll(compositionCells(o, full));
        }
        if (cueConflict) {
            cells.addAll(cueConflictCells(o, full));
        }
        return cells;
    }

    private static List<String> compositionCells(TaskOutcome o, boolean full) {
        if (o.compositions().isEmpty()) {
            return java.util.Collections.nCopies(COMPOSITION_COLUMNS.size(), absent(full));
        }
        CompositionSplit split = o.compositions().get();
        boolean anyUnseen = split.unseen() > 0;
        return List.of(Integer.toString(split.seen()), Integer.toString(split.seenCorrect()),
                split.seen() > 0 ? number(split.seenAccuracy(), full) : absent(full),
                Integer.toString(split.unseen()), Integer.toString(split.unseenCorrect()),
                anyUnseen ? number(split.unseenAccuracy(), full) : absent(full),
                anyUnseen ? number(split.unseenInterval().lower(), full) : absent(full),
                anyUnseen ? number(split.unseenInterval().upper(), full) : absent(full),
                !anyUnseen ? absent(full) : full ? Double.toString(split.unseenPAboveChance())
                        : Verdicts.p(split.unseenPAboveChance()));
    }

    private List<String> cueConflictCells(TaskOutcome o, boolean full) {
        Optional<CueConflictScore> score = CueConflictOutcome.of(o);
        if (score.isEmpty()) {
            return java.util.Collections.nCopies(CUE_CONFLICT_COLUMNS.size(), absent(full));
        }
        return List.of(number(score.get().shapeAccuracy(), full), shapeBias(score.get(), full, "undefined"),
                humans.map(h -> shapeBias(h, full, "undefined")).orElse(absent(full)));
    }

    private static String shapeBias(CueConflictScore score, boolean full, String undefined) {
        OptionalDouble bias = score.shapeBias();
        return bias.isPresent() ? number(bias.getAsDouble(), full) : full ? "" : undefined;
    }

    private static List<String> baselineCells(TaskOutcome o, boolean full) {
        if (o.baseline().isEmpty()) {
            return java.util.Collections.nCopies(BASELINE_COLUMNS.size(), absent(full));
        }
        TaskOutcome b = o.baseline().get();
        PairedComparison paired = Verdicts.pair(o, b);
        return List.of(b.checkpointName(), number(b.accuracy(), full), Integer.toString(paired.lost()),
                Integer.toString(paired.gained()), number(paired.accuracyDifference(), full),
                number(paired.difference().lower(), full), number(paired.difference().upper(), full),
                full ? Double.toString(paired.pWorse()) : Verdicts.p(paired.pWorse()),
                full ? Double.toString(paired.pTwoSided()) : Verdicts.p(paired.pTwoSided()));
    }

    /** The failed examples' error names with counts, the baseline's after a semicolon. */
    private static String errors(TaskOutcome o, boolean full) {
        String own = ExampleFailures.of(o).names();
        String baseline = o.baseline().map(b -> ExampleFailures.of(b).names()).orElse("");
        String text = baseline.isEmpty() ? own : (own.isEmpty() ? "-" : own) + "; baseline " + baseline;
        return text.isEmpty() ? absent(full) : text;
    }

    /** Empty in the CSV, so that readers see a missing number, and a dash for people. */
    private static String absent(boolean full) {
        return full ? "" : "-";
    }

    private static String number(double value, boolean full) {
        return full ? Double.toString(value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
