package dev.diffprobe.reports;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.config.ReportSettings;
import dev.diffprobe.harness.run.TaskOutcome;
import dev.diffprobe.harness.run.Verdicts;
import dev.diffprobe.harness.stats.PairedComparison;
import dev.diffprobe.tasks.Task;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class DiffProbeReporterTest {

    @TempDir
    Path out;

    @Test
    void isFoundThroughServiceLoader() {
        assertThat(ServiceLoader.load(dev.diffprobe.harness.run.Reporter.class).stream()
                .map(ServiceLoader.Provider::type)).contains(DiffProbeReporter.class);
    }

    @Test
    void writesTaskFiguresForCandidateAndBaseline() throws IOException {
        Task task = Outcomes.bindingTask("ShapeColor", 300);
        TaskOutcome outcome = Outcomes.outcome("binding", task, out, "tiny", "pruned", 1, 1, true);
        Files.createDirectories(outcome.journal().getParent());

        List<Path> files = new DiffProbeReporter().taskFinished(outcome);

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                "ShapeColor.confusion.png", "ShapeColor.reliability-platt.png", "ShapeColor.calibration.csv",
                "ShapeColor.regression.txt", "ShapeColor.baseline.confusion.png", "ShapeColor.baseline.reliability-platt.png",
                "ShapeColor.baseline.calibration.csv");
        for (Path png : files.stream().filter(p -> p.toString().endsWith(".png")).toList()) {
            assertThat(ImageIO.read(png.toFile())).as(png.toString()).isNotNull();
        }
        String note = Files.readString(files.get(2), StandardCharsets.UTF_8);
        assertThat(note).startsWith(String.join(",", CalibrationAttempt.CSV_COLUMNS))
                .contains("ShapeColor,Platt (calls),P(correct) = sigmoid(")
                .contains("ShapeColor,Temperature (mean scores),,,,,0.5,pruned run;");
        PairedComparison paired = Verdicts.pair(outcome, outcome.baseline().orElseThrow());
        assertThat(Files.readString(files.get(3), StandardCharsets.UTF_8))
                .contains("ShapeColor: candidate vs baseline on the same 300 examples")
                .contains("discordant pairs: " + paired.lost() + " lost", paired.gained() + " gained")
                .contains(paired.difference().toString());
    }

    @Test
    void fitsTheTemperatureOnUnprunedRunsOnly() throws IOException {
        Task task = Outcomes.bindingTask("Color", 200);
        // Skill 7 at 4000 calls: about 73% right, so the scores carry information and T is finite.
        TaskOutcome outcome = Outcomes.outcome("binding", task, out, "tiny", "shared", 7, 2, false);
        Files.createDirectories(outcome.journal().getParent());

        List<Path> files = new DiffProbeReporter().taskFinished(outcome);

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                "Color.confusion.png", "Color.reliability-temperature.png", "Color.calibration.csv");
        assertThat(Files.readString(files.get(2)))
                .contains("Color,Platt (calls),,,,,0.5,\"every example cost the same number of denoiser calls (4000)")
                .contains("Color,Temperature (mean scores),\"softmax(-score / T), T = ")
                .doesNotContain("Infinity");
    }

    @Test
    void plotsScoreTracesWhenTheRunLeftOne() throws IOException {
        Task task = Outcomes.bindingTask("Shape", 20);
        TaskOutcome outcome = Outcomes.outcome("binding", task, out, "tiny", "pruned", 1, 3, false);
        Files.createDirectories(outcome.journal().getParent());
        StringBuilder trace = new StringBuilder(ScoreTrace.HEADER).append('\n');
        for (int example = 0; example < 5; example++) {
            for (int round = 0; round < 30; round++) {
                double t = (round + 0.5) / 30;
                for (int candidate = 0; candidate < 2; candidate++) {
                    trace.append("Shape-").append(example).append(',').append(round).append(',').append(candidate)
                            .append(',').append(t).append(',').append(0.1 + 0.3 * t + 0.01 * candidate)
                            .append(',').append(Math.exp(-7 * t)).append('\n');
                }
            }
        }
        Files.writeString(ScoreTrace.besideJournal(outcome.journal()), trace);

        List<Path> files = new DiffProbeReporter().taskFinished(outcome);

        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("Shape.scores-1.png", "Shape.scores-2.png", "Shape.scores-3.png")
                .doesNotContain("Shape.scores-4.png");
    }

    @Test
    void writesSuiteChartsTablesAndASummaryOfAllSuites() throws IOException {
        Task shape = Outcomes.bindingTask("Shape", 150);
        Task color = Outcomes.bindingTask("Color", 150);
        List<TaskOutcome> binding = List.of(
                Outcomes.outcome("binding", shape, out, "tiny", "pruned", 1, 4, true),
                Outcomes.outcome("binding", color, out, "tiny", "pruned", 2, 5, true));
        Path suiteDir = binding.get(0).journal().getParent();
        Files.createDirectories(suiteDir);
        Files.writeString(suiteDir.resolve("summary.csv"), "task,checkpoint,threshold\nShape,tiny,0.55\nColor,tiny,-\n");
        List<TaskOutcome> smoke = List.of(Outcomes.outcome("smoke", shape, out, "tiny", "pruned", 1, 6, false));
        Files.createDirectories(smoke.get(0).journal().getParent());

        DiffProbeReporter reporter = new DiffProbeReporter();
        List<Path> files = reporter.suiteFinished(binding, out);
        reporter.suiteFinished(smoke, out);

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                "tasks.png", "accuracy-vs-calls.png", "regression.png", "reliability-platt.png", "calibration.md",
                "calibration.csv", "accuracy-table.csv", "accuracy-table.md",
                "summary.csv", "summary.md");
        String summary = Files.readString(out.resolve("summary.md"));
        assertThat(summary).contains("## Suite binding", "## Suite smoke",
                "| task | chance | tiny (diffusion) | baseline: tiny-early (diffusion) |");
        assertThat(summary.lines().filter(l -> l.startsWith("| Shape |"))).hasSize(2);
        assertThat(Files.readString(suiteDir.resolve("calibration.md")))
                .contains("| Shape | Platt (calls) | P(correct)", "| Color | Platt (calls) | P(correct)",
                        "| **all tasks pooled** | Platt (calls) | P(correct)");
        assertThat(SuiteFigures.thresholds(suiteDir.resolve("summary.csv"))).containsOnlyKeys("Shape");
    }

    @Test
    void theRunsReportSettingsReachTheFiguresAndNoAllureTestIsMadeOfThem() throws IOException {
        Task shape = Outcomes.bindingTask("Shape", 150);
        List<TaskOutcome> binding = List.of(Outcomes.outcome("binding", shape, out, "tiny", "pruned", 1, 4, false));
        Path suiteDir = binding.get(0).journal().getParent();
        Files.createDirectories(suiteDir);
        Path results = out.resolve("allure-results");
        AllureLifecycle previous = Allure.getLifecycle();
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(results)));
        try {
            new DiffProbeReporter().suiteFinished(binding, out);
            assertThat(results).as("no Allure result outside an Allure run").doesNotExist();
            assertThat(Files.readString(suiteDir.resolve("calibration.md"))).contains("hashes below 0.50");

            DiffProbeReporter configured = new DiffProbeReporter();
            configured.configure(new ReportSettings(OptionalDouble.of(0.3), 0, Optional.of(results)));
            configured.suiteFinished(binding, out);
            assertThat(Files.readString(suiteDir.resolve("calibration.md"))).contains("hashes below 0.30");
            // The charts go on the suite's container in Allure (the engine's tear-down), not into a result of their own.
            assertThat(results).as("no pseudo-test for the suite's charts").doesNotExist();
        } finally {
            Allure.setLifecycle(previous);
        }
    }

    @Test
    void putsModelsThatRanTheSameExamplesInOneRow() throws IOException {
        Task fashion = Outcomes.bindingTask("Fashion", 100);
        List<TaskOutcome> outcomes = List.of(
                Outcomes.outcome("fashion", fashion, out, "tiny-fashion", "pruned", 1, 7, false),
                Outcomes.contrastive("fashion", fashion, "Fashion-contrastive", out, "tiny-fashion-clip", 8));
        Files.createDirectories(outcomes.get(0).journal().getParent());

        new DiffProbeReporter().suiteFinished(outcomes, out);

        String table = Files.readString(outcomes.get(0).journal().resolveSibling("accuracy-table.md"));
        assertThat(table).contains("| task | chance | tiny-fashion (diffusion) | tiny-fashion-clip (contrastive) |");
        assertThat(table.lines().filter(l -> l.startsWith("| Fashion"))).hasSize(1);
    }

    @Test
    void aTaskWhoseExamplesAllFailedGetsNotesButNoCharts() throws IOException {
        Task task = Outcomes.bindingTask("Color", 4);
        TaskOutcome ran = Outcomes.outcome("binding", task, out, "tiny", "pruned", 1, 9, false);
        TaskOutcome failed = new TaskOutcome(ran.suite(), ran.task(), ran.checkpoint(), ran.checkpointName(),
                ran.checkpointFingerprint(), ran.kind(), ran.classifierSettings(), ran.settings(),
                task.examples().stream().map(e -> Classification.failed(e.id(), e.label(), "NaN from the model")).toList(),
                0, ran.wallTime(), ran.journal(), Optional.empty());
        Files.createDirectories(failed.journal().getParent());

        List<Path> files = new DiffProbeReporter().taskFinished(failed);

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("Color.confusion.png",
                "Color.calibration.csv");
        assertThat(Files.readString(files.get(1))).contains("calibration needs examples on both sides of the split");
    }
}
