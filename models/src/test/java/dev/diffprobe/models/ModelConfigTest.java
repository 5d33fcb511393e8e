package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigTest {

    @TempDir
    Path temp;

    @Test
    void readsEveryField() {
        ModelConfig config = ModelConfig.read(Fixtures.dir("tiny-latent"));
        assertThat(config.name()).isEqualTo("tiny-latent");
        assertThat(config.kind()).isEqualTo(ModelConfig.Kind.DIFFUSION);
        assertThat(config.space()).isEqualTo(ModelConfig.Space.LATENT);
        assertThat(config.resolution()).isEqualTo(8);
        assertThat(config.channels()).isEqualTo(4);
        assertThat(config.prediction()).isEqualTo(Prediction.V);
        assertThat(config.schedule()).isEqualTo(new ScheduleConfig(ScheduleConfig.Type.SCALED_LINEAR, 0.00085, 0.012, 1000));
        assertThat(config.latentScale()).isEqualTo(0.18215);
        assertThat(config.maxTextLength()).isEqualTo(6);
        assertThat(config.files()).containsOnlyKeys("text_encoder", "denoiser", "vae_encoder");
        assertThat(config.tokenizer()).hasFileName("tokenizer.json").exists();
    }

    @Test
    void namesEveryProblemInOneError() throws IOException {
        write("""
                name: broken
                kind: diffusion
                space: latent
                resolution: -32
                channels: three
                prediction: noise
                schedule:
                  type: quadratic
                  train_timesteps: 1000
                tokenizer: tokenizer.json
                max_text_length: 16
                files:
                  text_encoder: text_encoder.pt
                  denoisr: denoiser.pt
                """);
        assertThatThrownBy(() -> ModelConfig.read(temp))
                .isInstanceOfSatisfying(CheckpointException.class, e -> assertThat(e.problems()).hasSize(10))
                .hasMessageContaining("10 problems")
                .hasMessageContaining("'resolution' is '-32', expected a positive integer")
                .hasMessageContaining("'channels' is 'three', expected a positive integer")
                .hasMessageContaining("'prediction' is 'noise'")
                .hasMessageContaining("'schedule.type' is 'quadratic', expected one of linear, scaled_linear, cosine (unknown schedule type)")
                .hasMessageContaining("'latent_scale' is missing")
                .hasMessageContaining("'tokenizer' names tokenizer.json, which does not exist")
                .hasMessageContaining("'files.text_encoder' names text_encoder.pt, which does not exist")
                .hasMessageContaining("'files.denoiser' is missing")
                .hasMessageContaining("'files.vae_encoder' is missing")
                .hasMessageContaining("'files.denoisr' is not a known key");
    }

    @Test
    void checksBetas() throws IOException {
        write("""
                name: betas
                kind: diffusion
                space: pixel
                resolution: 32
                channels: 3
                prediction: v
                schedule: {type: linear, beta_start: 0.02, beta_end: 0.0001, train_timesteps: 1}
                tokenizer: tokenizer.json
                max_text_length: 16
                files: {text_encoder: t.pt, denoiser: d.pt}
                """);
        Files.writeString(temp.resolve("tokenizer.json"), "{}");
        Files.writeString(temp.resolve("t.pt"), "");
        Files.writeString(temp.resolve("d.pt"), "");
        assertThatThrownBy(() -> ModelConfig.read(temp))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("2 problems")
                .hasMessageContaining("'schedule.train_timesteps' is '1', expected at least 2")
                .hasMessageContaining("'schedule.beta_end' is '1.0E-4', expected a beta larger than beta_start 0.02");
    }

    @Test
    void heldOutCompositionsAreReadInFileOrder() throws IOException {
        contrastiveFiles("held_out: [cube:cyan, cube:red, cylinder:green, cylinder:purple, sphere:blue, sphere:yellow]\n");
        assertThat(ModelConfig.read(temp).heldOut()).containsExactly("cube:cyan", "cube:red", "cylinder:green",
                "cylinder:purple", "sphere:blue", "sphere:yellow");
    }

    @Test
    void noHeldOutListMeansNone() throws IOException {
        contrastiveFiles("");
        assertThat(ModelConfig.read(temp).heldOut()).isEmpty();
        contrastiveFiles("held_out: []\n");
        assertThat(ModelConfig.read(temp).heldOut()).isEmpty();
        assertThat(ModelConfig.read(Fixtures.dir("tiny-diffusion")).heldOut()).isEmpty();
    }

    @Test
    void everyMalformedHeldOutEntryIsNamed() throws IOException {
        contrastiveFiles("held_out: [cube:red, cube, 'cube:red', ':red', 'cube:', 'a:b:c', 'cube: red', 7]\n");
        assertThatThrownBy(() -> ModelConfig.read(temp))
                .isInstanceOfSatisfying(CheckpointException.class, e -> assertThat(e.problems()).hasSize(7))
                .hasMessageContaining("'held_out' is 'cube', expected a list of 'shape:colour' strings")
                .hasMessageContaining("'held_out' is 'cube:red', expected each composition once")
                .hasMessageContaining("'held_out' is ':red'")
                .hasMessageContaining("'held_out' is 'cube:'")
                .hasMessageContaining("'held_out' is 'a:b:c'")
                .hasMessageContaining("'held_out' is 'cube: red'")
                .hasMessageContaining("'held_out' is '7'");
        contrastiveFiles("held_out: cube:red\n");
        assertThatThrownBy(() -> ModelConfig.read(temp)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("'held_out' is 'cube:red', expected a list");
    }

    /** A valid contrastive model.yaml with empty files, plus {@code extra} lines. */
    private void contrastiveFiles(String extra) throws IOException {
        write("name: c\nkind: contrastive\nspace: pixel\nresolution: 8\nchannels: 3\ntokenizer: tokenizer.json\n"
                + "max_text_length: 4\nfiles: {text_encoder: t.pt, image_encoder: i.pt}\n" + extra);
        for (String file : new String[] {"tokenizer.json", "t.pt", "i.pt"}) {
            Files.writeString(temp.resolve(file), "");
        }
    }

    @Test
    void missingKindLeavesOtherChecksStanding() throws IOException {
        write("name: x\nspace: pixel\nresolution: 8\nchannels: 3\ntokenizer: tokenizer.json\nmax_text_length: 4\nfiles: {}\n");
        assertThatThrownBy(() -> ModelConfig.read(temp))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("'kind' is missing")
                .hasMessageContaining("'tokenizer' names tokenizer.json");
    }

    @Test
    void invalidYamlIsNamed() throws IOException {
        write("name: [unclosed\n");
        assertThatThrownBy(() -> ModelConfig.read(temp))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("model.yaml is not valid YAML");
    }

    @Test
    void missingModelYaml() {
        assertThatThrownBy(() -> ModelConfig.read(temp))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("no model.yaml in " + temp);
    }

    private void write(String yaml) throws IOException {
        Files.writeString(temp.resolve("model.yaml"), yaml);
    }
}
