package dev.diffprobe.tasks.cue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffprobe.tasks.Task;
import dev.diffprobe.tasks.data.DatasetFormatException;
import dev.diffprobe.tasks.data.MissingDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CueConflictTest {
    @TempDir
    Path dir;

    @Test
    void textureComesFromTheFileNameAndShapeFromTheFolder() throws DatasetFormatException {
        assertThat(CueConflict.texture("airplane1-bicycle2.png", "airplane")).isEqualTo("bicycle");
        assertThat(CueConflict.texture("airplane10-airplane1.png", "airplane")).isEqualTo("airplane");
        assertThatThrownBy(() -> CueConflict.texture("cat1-dog2.png", "airplane"))
                .hasMessageContaining("'cat'").hasMessageContaining("'airplane'");
        assertThatThrownBy(() -> CueConflict.texture("cat1-zebra2.png", "cat")).hasMessageContaining("'zebra'");
        assertThatThrownBy(() -> CueConflict.texture("cat.png", "cat")).hasMessageContaining("cat.png");
    }

    @Test
    void scoresCountOnlyConflictImagesButDivideByAllTrials() {
        List<Decision> decisions = List.of(
                new Decision("cat", "dog", "cat"),
                new Decision("cat", "dog", "cat"),
                new Decision("cat", "dog", "cat"),
                new Decision("cat", "dog", "dog"),
                new Decision("cat", "dog", "knife"),
                new Decision("cat", "dog", "na"),
                new Decision("car", "car", "car"),
                new Decision("car", "car", "car"));
        CueConflictScore score = CueConflictScore.of(decisions);
        assertThat(score).isEqualTo(new CueConflictScore(8, 6, 3, 1));
        assertThat(score.shapeBias()).hasValue(0.75);
        assertThat(new CueConflictScore(4, 4, 0, 0).shapeBias()).as("no shape or texture decision").isEmpty();
        assertThat(new CueConflictScore(4, 4, 0, 0).shapeBiasText()).startsWith("undefined");
        assertThat(score.shapeAccuracy()).isEqualTo(3.0 / 8);
        assertThat(score.textureAccuracy()).isEqualTo(1.0 / 8);
    }

    @Test
    void aMissingClassFolderOrRootIsNamed() throws IOException {
        Files.createDirectories(dir.resolve("cue-conflict/airplane"));
        assertThatThrownBy(() -> CueConflict.read(dir.resolve("cue-conflict")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("'bear'");
        assertThatThrownBy(() -> CueConflict.task(List.of(dir.resolve("nowhere")), 1))
                .isInstanceOf(MissingDataException.class).hasMessageContaining("nowhere/cue-conflict")
                .hasMessageContaining("rgeirhos/texture-vs-shape");
    }

    @Test
    void aTaskIsLabelledWithTheShapeAndCarriesTheTexture() throws IOException {
        for (String shape : CueConflict.CLASSES) {
            Files.createDirectories(dir.resolve(shape));
        }
        Files.writeString(dir.resolve("cat/cat3-elephant1.png"), "");
        Files.writeString(dir.resolve("cat/cat2-cat1.png"), "");
        Task task = CueConflict.task(CueConflict.read(dir), dev.diffprobe.tasks.data.ClassPrompts.of("CueConflict").candidates());
        assertThat(task.examples()).hasSize(2);
        assertThat(task.chance()).isEqualTo(1.0 / 16);
        assertThat(task.examples().get(1).id()).isEqualTo("CueConflict/cat/cat3-elephant1.png");
        assertThat(task.examples().get(1).label()).isEqualTo(7);
        assertThat(task.examples().get(1).attributes()).containsEntry("texture", "elephant").containsEntry("conflict", "true");
        assertThat(task.examples().get(0).attributes()).containsEntry("conflict", "false");
        assertThat(task.examples().get(1).candidates().get(7).prompts()).containsExactly("a bad photo of a cat.");
        assertThat(Decision.of(task.examples().get(1), 11)).isEqualTo(new Decision("cat", "elephant", "elephant"));
        assertThat(Decision.of(task.examples().get(1), -1).response()).isEqualTo(Decision.NO_RESPONSE);
    }
}
