package dev.diffprobe.harness.classify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassifierSettingsTest {
    @Test
    void defaultsAreThePapers() {
        ClassifierSettings s = ClassifierSettings.builder().setSeed(1).build();
        assertThat(s.mode()).isEqualTo(Mode.PRUNED);
        assertThat(s.minScores()).isEqualTo(20);
        assertThat(s.maxScores()).isEqualTo(2000);
        assertThat(s.cutoffPval()).isEqualTo(2e-3);
        assertThat(s.weighting().name()).isEqualTo("heuristic(k=7.0)");
        assertThat(s.weighting().weight(0.5, FakeDiffusionModel.COSINE)).isEqualTo(Math.exp(-3.5));
        assertThat(s.stratified()).isFalse();
        assertThat(s.batchSize()).isZero();
        assertThat(s.temperature()).isEqualTo(1.0);
    }

    @Test
    void theSeedIsRequired() {
        assertThatThrownBy(() -> ClassifierSettings.builder().build()).isInstanceOf(SettingException.class)
                .hasMessageContaining("'seed'");
    }

    @Test
    void textSettingsAreParsedAndBadOnesNamed() {
        ClassifierSettings s = ClassifierSettings.builder().opt("seed", "9").opt("mode", "naive")
                .opt("maxScores", "50").opt("weighting", "heuristic").opt("weightingK", "6")
                .opt("stratified", "true").opt("batchSize", "32").opt("temperature", "0.5").build();
        assertThat(s.seed()).isEqualTo(9);
        assertThat(s.mode()).isEqualTo(Mode.NAIVE);
        assertThat(s.weighting().weight(1, FakeDiffusionModel.COSINE)).isEqualTo(Math.exp(-6));
        assertThat(s.describe()).containsEntry("maxScores", "50").containsEntry("stratified", "true");
        assertThatThrownBy(() -> ClassifierSettings.builder().opt("minScores", "many"))
                .isInstanceOf(SettingException.class).hasMessage("classifier setting 'minScores' = 'many': expected an integer");
        assertThatThrownBy(() -> ClassifierSettings.builder().opt("cutoff", "0.1"))
                .isInstanceOf(SettingException.class).hasMessageContaining("unknown setting");
        assertThatThrownBy(() -> ClassifierSettings.builder().setSeed(1).optMinScores(1).build())
                .isInstanceOf(SettingException.class).hasMessageContaining("'minScores'");
        assertThatThrownBy(() -> ClassifierSettings.builder().setSeed(1).optMaxScores(10).build())
                .isInstanceOf(SettingException.class).hasMessageContaining("'maxScores'");
        assertThatThrownBy(() -> ClassifierSettings.builder().setSeed(1).opt("weighting", "learned").build())
                .isInstanceOf(SettingException.class).hasMessageContaining("'weightingFile'");
        assertThatThrownBy(() -> ClassifierSettings.builder().setSeed(1).opt("weighting", "cubic").build())
                .isInstanceOf(SettingException.class).hasMessageContaining("'weighting'");
    }

    @Test
    void everySettingOutOfRangeIsListedNotOnlyTheFirst() {
        ClassifierSettings.Builder builder = ClassifierSettings.builder().opt("minScores", "1")
                .opt("cutoffPval", "2").opt("temperature", "-1").opt("weighting", "cubic").opt("tMin", "0.7");
        assertThat(builder.problems()).extracting(SettingException::key)
                .containsExactlyInAnyOrder("seed", "minScores", "cutoffPval", "temperature", "weighting", "tMin");
        assertThatThrownBy(builder::build).isInstanceOf(SettingException.class);
        assertThat(ClassifierSettings.builder().setSeed(1).problems()).isEmpty();
    }

    @Test
    void aBatchAboveTheCheckpointsMaximumIsRefused() {
        FakeTask task = new FakeTask(2, 0.5);
        assertThatThrownBy(() -> new DiffusionClassifier(task.model(8, 0),
                ClassifierSettings.builder().setSeed(1).optBatchSize(9).build()))
                .isInstanceOf(SettingException.class).hasMessageContaining("'batchSize'").hasMessageContaining("1..8");
    }

    @Test
    void tMaxNarrowsTheRangeOfTAndIsListedOnlyWhenSet() {
        ClassifierSettings paper = ClassifierSettings.builder().setSeed(1).build();
        assertThat(paper.tMax()).isEqualTo(1 - ClassifierSettings.DEFAULT_T_MIN);
        assertThat(paper.describe()).doesNotContainKey("tMax");
        ClassifierSettings window = ClassifierSettings.builder().setSeed(1).opt("tMin", "0.4").opt("tMax", "0.9").build();
        assertThat(window.tMin()).isEqualTo(0.4);
        assertThat(window.tMax()).isEqualTo(0.9);
        assertThat(window.describe()).containsEntry("tMin", "0.4").containsEntry("tMax", "0.9");
        for (String[] bad : new String[][] {{"0.4", "0.4"}, {"0.4", "0.3"}, {"0.4", "1"}, {"0.4", "NaN"}}) {
            assertThatThrownBy(() -> ClassifierSettings.builder().setSeed(1).opt("tMin", bad[0]).opt("tMax", bad[1]).build())
                    .as("tMin %s, tMax %s", bad[0], bad[1]).isInstanceOf(SettingException.class)
                    .hasMessageContaining("'tMax'");
        }
        assertThatThrownBy(() -> ClassifierSettings.builder().setSeed(1).opt("tMin", "0").opt("tMax", "0.5").build())
                .isInstanceOf(SettingException.class).hasMessageContaining("'tMin'");
        assertThatThrownBy(() -> ClassifierSettings.builder().opt("tMax", "high"))
                .isInstanceOf(SettingException.class).hasMessageContaining("'tMax'");
    }
}
