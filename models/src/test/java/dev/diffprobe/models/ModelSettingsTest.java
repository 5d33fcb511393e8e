package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelSettingsTest {

    @AfterEach
    void clear() {
        System.clearProperty(ModelSettings.MAX_BATCH);
        System.clearProperty(ModelSettings.DEVICE);
        System.clearProperty(ModelSettings.THREADS);
    }

    @Test
    void maxBatchMustBePositive() {
        assertThat(ModelSettings.maxBatch()).isEqualTo(64);
        System.setProperty(ModelSettings.MAX_BATCH, "0");
        assertThatThrownBy(ModelSettings::maxBatch).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("diffprobe.maxBatch must be a positive integer, got '0'");
        System.setProperty(ModelSettings.MAX_BATCH, "many");
        assertThatThrownBy(ModelSettings::maxBatch).hasMessageContaining("got 'many'");
    }

    @Test
    void deviceChoice() {
        var engine = TorchRuntime.engine();
        System.setProperty(ModelSettings.DEVICE, "cpu");
        assertThat(ModelSettings.device(engine)).isEqualTo(Device.cpu());
        System.setProperty(ModelSettings.DEVICE, "auto");
        assertThat(ModelSettings.device(engine)).isEqualTo(engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu());
        System.setProperty(ModelSettings.DEVICE, "tpu");
        assertThatThrownBy(() -> ModelSettings.device(engine)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("diffprobe.device must be auto, cpu or gpu, got 'tpu'");
        if (engine.getGpuCount() == 0) {
            System.setProperty(ModelSettings.DEVICE, "gpu");
            assertThatThrownBy(() -> ModelSettings.device(engine)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("libtorch sees no GPU");
        }
    }

    @Test
    void threadsMustBePositive() {
        System.setProperty(ModelSettings.THREADS, "-1");
        assertThatThrownBy(TorchRuntime::engine).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("diffprobe.threads must be a positive integer, got '-1'");
    }

    @Test
    void djlStaysOffline() {
        TorchRuntime.engine();
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(System.getProperty("offline")).isEqualTo("true");
    }
}
