package dev.diffprobe.harness.study;

import dev.diffprobe.harness.classify.ClassifierSettings;
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
        assertThatThrownBy(() -> EstimatorOptions.parse(new String[] {"--tasks", "binding:Colour"}))
                .hasMessageContaining("binding:Colour").hasMessageContaining("ShapeColor");
        assertThat(EstimatorOptions.parse(new String[] {"--tasks", "binding:Color,binding:ShapeSize"}).tasks())
                .containsExactly("binding:Color", "binding:ShapeSize");
    }

    @Test
    void rulesThatDrawTOverAnotherRangeDoNotShareARecording() {
        EstimatorOptions o = EstimatorOptions.parse(new String[] {"--rules", "a:minScores=4;b:pruning=moderated;"
                + "c:tMin=0.4,tMax=0.9;d:tMin=0.4,tMax=0.9,pruning=moderated;e:tMin=0.01;f:stratified=true,tMin=0.4,tMax=0.9"});
        List<String> keys = o.rules().stream().map(r -> EstimatorStudy.samplingKey(r.settings(0, 0))).toList();
        assertThat(keys).containsExactly("uniform", "uniform", "uniform+t0.4-0.9", "uniform+t0.4-0.9",
                "uniform+t0.01-0.99", "uniform+stratified+t0.4-0.9");
    }

    @Test
    void aFactorisedRuleMayGiveOneAttributeItsOwnSettingsAndOnlyIt() {
        EstimatorOptions o = EstimatorOptions.parse(new String[] {"--tasks", "k96", "--rules",
                "f:factorised=true,minScores=4,maxScores=10,color.tMin=0.4,color.tMax=0.9,shape.maxScores=12"});
        EstimatorOptions.Rule rule = o.rules().get(0);
        var color = rule.settings(0, 0, AttributeTask.Part.COLOR);
        assertThat(color.tMin()).isEqualTo(0.4);
        assertThat(color.tMax()).isEqualTo(0.9);
        assertThat(color.maxScores()).isEqualTo(10);
        var shape = rule.settings(0, 0, AttributeTask.Part.SHAPE);
        assertThat(shape.tMin()).isEqualTo(ClassifierSettings.DEFAULT_T_MIN);
        assertThat(shape.maxScores()).isEqualTo(12);
        assertThat(rule.settings(0, 0).tMin()).isEqualTo(ClassifierSettings.DEFAULT_T_MIN);
        assertThatThrownBy(() -> EstimatorOptions.parse(new String[] {"--tasks", "k96", "--rules",
                "f:factorised=true,colour.tMin=0.4"})).hasMessageContaining("colour.tMin").hasMessageContaining("names no");
        assertThatThrownBy(() -> EstimatorOptions.parse(new String[] {"--tasks", "k96", "--rules",
                "p:minScores=4,color.tMin=0.4"})).hasMessageContaining("color.tMin").hasMessageContaining("factorised");
        assertThatThrownBy(() -> EstimatorOptions.parse(new String[] {"--tasks", "k96", "--rules",
                "f:factorised=true,color.tMax=0.3,color.tMin=0.4"})).isInstanceOf(SettingException.class)
                .hasMessageContaining("tMax");
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
    void aFactorisedTaskAsksOneAttributeOfTheSameImagesWhoseAnswersMakeTheLabel() {
        Task task = AttributeTask.build(96, 96, 424242, 16);
        List<AttributeTask.Part> parts = AttributeTask.parts(96);
        List<Task> singles = List.of(AttributeTask.part(task, parts, 0), AttributeTask.part(task, parts, 1),
                AttributeTask.part(task, parts, 2), AttributeTask.part(task, parts, 3));
        assertThat(singles).extracting(t -> t.examples().get(0).candidates().size()).containsExactly(2, 8, 2, 3);
        assertThat(singles.get(0).examples().get(0).candidates()).extracting(c -> c.prompts().get(0))
                .containsExactly("A small object.", "A large object.");
        assertThat(singles.get(3).examples().get(0).candidates()).extracting(c -> c.prompts().get(0))
                .containsExactly("A cube.", "A sphere.", "A cylinder.");
        for (int i = 0; i < task.examples().size(); i++) {
            Example e = task.examples().get(i);
            StringBuilder answer = new StringBuilder();
            for (Task single : singles) {
                Example s = single.examples().get(i);
                assertThat(s.image()).isSameAs(e.image());
                assertThat(s.id()).startsWith(e.id() + "/").isNotEqualTo(e.id());
                answer.append(answer.isEmpty() ? "" : " ").append(s.candidates().get(s.label()).name());
            }
            assertThat(answer.toString()).isEqualTo(e.candidates().get(e.label()).name());
        }
        assertThat(EstimatorOptions.parse(new String[] {"--tasks", "k24,k96", "--rules",
                "a:minScores=4;f:factorised=true,minScores=4"}).rules().get(1).factorised()).isTrue();
        assertThatThrownBy(() -> EstimatorOptions.parse(new String[] {"--tasks", "k96,colour", "--rules",
                "f:factorised=true"})).hasMessageContaining("needs K-way attribute tasks").hasMessageContaining("'colour'");
        assertThatThrownBy(() -> EstimatorOptions.parse(new String[] {"--tasks", "k96", "--rules",
                "f:factorised=yes"})).hasMessageContaining("expects true or false");
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
