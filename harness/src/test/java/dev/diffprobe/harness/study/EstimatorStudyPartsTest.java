package dev.diffprobe.harness.study;

import dev.diffprobe.harness.classify.Pruning;
import dev.diffprobe.harness.classify.SettingException;
import dev.diffprobe.harness.classify.TimeSampling;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EstimatorStudyPartsTest {
    @Test
    void rulesAreClassifierSettingsAndBadOnesAreNamed() {
        EstimatorOptions o = EstimatorOptions.parse(new String[] {"--rules",
                "a:minScores=4,maxScores=20;b:pruning=predictive,tSampling=weighted,stratified=true"});
        assertThat(o.rules()).extracting(EstimatorOptions.Rule::name).containsExactly("a", "b");
        var b = o.rules().get(1).settings(0, 0);
        assertThat(b.pruning()).isEqualTo(Pruning.PREDICTIVE);
        assertThat(b.timeSampling()).isEqualTo(TimeSampling.WEIGHTED);
        assertThatThrownBy(() -> EstimatorOptions.parse(new String[] {"--rules", "a:pruning=sometimes"}))
                .isInstanceOf(SettingException.class).hasMessageContaining("pruning");
        assertThatThrownBy(() -> EstimatorOptions.parse(new String[] {"--rules", "a:minScores=4;a:minScores=5"}))
                .hasMessageContaining("named twice");
        assertThatThrownBy(() -> EstimatorOptions.parse(new String[] {"--tasks", "k7"}))
                .hasMessageContaining("unknown task 'k7'");
    }

    @Test
    void attributeTasksAreBalancedWithTrainingCaptionPrompts() {
        for (int k : new int[] {2, 8, 24, 96}) {
            Task task = AttributeTask.build(k, k, 424242, 16);
            assertThat(task.examples()).hasSize(k);
            assertThat(task.chance()).isEqualTo(1.0 / k);
            assertThat(task.examples()).extracting(Example::label).doesNotHaveDuplicates();
            Example first = task.examples().get(0);
            assertThat(first.candidates()).hasSize(k);
            assertThat(first.candidates().stream().map(c -> c.prompts().get(0)).distinct()).hasSize(k);
        }
        assertThat(AttributeTask.build(2, 2, 1, 16).examples().get(0).candidates())
                .extracting(c -> c.prompts().get(0)).allMatch(p -> p.matches("A (rubber|metal) object\\."));
        assertThat(AttributeTask.build(96, 96, 1, 16).examples().get(0).candidates().get(0).prompts().get(0))
                .matches("A (small|large) \\w+ (rubber|metal) (cube|sphere|cylinder)\\.");
        assertThatThrownBy(() -> AttributeTask.parts(5)).hasMessageContaining("K = 2, 8, 24, 96");
    }

    @Test
    void theGrowthExponentOfAnExactPowerLawIsItsPower() {
        XYSeries s = new XYSeries("x");
        for (int k : new int[] {2, 8, 24, 96}) {
            s.add(k, 3.0 * Math.pow(k, 0.6));
        }
        double[] fit = GrowthReport.exponent(s);
        assertThat(fit[0]).isCloseTo(0.6, within(1e-9));
        assertThat(Math.exp(fit[1])).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void tracesReadBackAndMalformedFilesAreNamed(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("t.csv");
        Files.write(csv, List.of("example,label,candidate,round,score", "e1,1,0,0,0.5", "e1,1,1,0,0.25",
                "e1,1,0,1,0.5", "e1,1,1,1,0.125"));
        Traces traces = Traces.read(csv, "uniform");
        assertThat(traces.traces()).hasSize(1);
        assertThat(traces.traces().get(0).scores()[1]).containsExactly(0.25, 0.125);
        var outcome = Replay.run(traces, EstimatorOptions.rules("s:mode=shared,maxScores=2").get(0).settings(0, 0));
        assertThat(outcome.get(0).predicted()).isEqualTo(1);
        assertThat(outcome.get(0).calls()).isEqualTo(4);
        assertThatThrownBy(() -> Replay.run(traces, EstimatorOptions.rules("s:mode=shared,maxScores=3").get(0)
                .settings(0, 0))).hasMessageContaining("traces hold 2");
        Files.write(csv, List.of("example,label,candidate,round,score", "e1,1,0,0,0.5", "e1,1,1,1,0.25"));
        assertThatThrownBy(() -> Traces.read(csv, "uniform")).hasMessageContaining("lacks candidate");
        Files.write(csv, List.of("example,label,candidate,round,score", "e1,x,0,0,0.5"));
        assertThatThrownBy(() -> Traces.read(csv, "uniform")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> Traces.read(dir.resolve("absent.csv"), "uniform"))
                .hasMessageContaining("no trace file");
    }
}
