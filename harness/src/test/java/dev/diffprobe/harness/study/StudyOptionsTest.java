package dev.diffprobe.harness.study;

import dev.diffprobe.tasks.Task;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StudyOptionsTest {
    @Test
    void optionsParseAndMistakesAreNamed() {
        StudyOptions o = StudyOptions.parse(new String[] {"--examples", "16", "--scores", "5,1", "--pruned",
                "20:0.002:2000"});
        assertThat(o.examples()).isEqualTo(16);
        assertThat(o.scores()).containsExactly(1, 5);
        assertThat(o.pruned()).containsExactly(new StudyOptions.PrunedSetting(20, 0.002, 2000));
        assertThat(o.rateEvery()).isEqualTo(StudyOptions.DEFAULT_RATE_EVERY);
        assertThat(StudyOptions.parse(new String[] {"--rate-every", "5"}).rateEvery()).isEqualTo(5);
        assertThatThrownBy(() -> StudyOptions.parse(new String[] {"--rate-every", "0"}))
                .isInstanceOf(StudyOptions.UsageException.class).hasMessage("--rate-every expects a positive integer, got '0'");
        assertThatThrownBy(() -> StudyOptions.parse(new String[] {"--examples", "-3"}))
                .isInstanceOf(StudyOptions.UsageException.class).hasMessage("--examples expects a positive integer, got '-3'");
        assertThatThrownBy(() -> StudyOptions.parse(new String[] {"--pruned", "1:0.1:10"}))
                .isInstanceOf(StudyOptions.UsageException.class).hasMessageContaining("minScores");
        assertThatThrownBy(() -> StudyOptions.parse(new String[] {"--fast", "yes"}))
                .isInstanceOf(StudyOptions.UsageException.class).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> StudyOptions.parse(new String[] {"--seed"}))
                .isInstanceOf(StudyOptions.UsageException.class).hasMessage("--seed needs a value");
    }

    @Test
    void theColourTaskIsBalancedOverTheEightColoursWithTheCaptionPhrasing() {
        Task task = ColourTask.build(16, StudyOptions.DEFAULT_SCENE_SEED, 16);
        int[] perLabel = new int[8];
        task.examples().forEach(e -> perLabel[e.label()]++);
        assertThat(perLabel).containsOnly(2);
        assertThat(task.chance()).isEqualTo(0.125);
        assertThat(task.examples().get(0).candidates().get(1).prompts()).containsExactly("A red object.");
        assertThat(Arrays.stream(perLabel).sum()).isEqualTo(16);
        assertThatThrownBy(() -> ColourTask.build(12, 1, 16)).hasMessageContaining("multiple of 8");
    }
}
