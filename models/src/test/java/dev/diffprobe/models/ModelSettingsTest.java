package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ModelSettingsTest {

    @Test
    void valuesOutOfRangeCannotBeBuilt() {
        ModelSettings settings = ModelSettings.defaults();
        assertThat(settings.maxBatch()).isEqualTo(64);
        assertThatThrownBy(() -> settings.withMaxBatch(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("diffprobe.maxBatch must be at least 1, got 0");
        assertThatThrownBy(() -> settings.withThreads(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("diffprobe.threads must be at least 1, got -1");
    }

    @Test
    void deviceWords() {
        assertThat(ModelSettings.DeviceChoice.parse(" GPU ")).contains(ModelSettings.DeviceChoice.GPU);
        assertThat(ModelSettings.DeviceChoice.parse("cpu")).contains(ModelSettings.DeviceChoice.CPU);
        assertThat(ModelSettings.DeviceChoice.parse("tpu")).isEmpty();
    }

    @Test
    void deviceChoice() {
        var engine = TorchRuntime.engine(OptionalInt.of(1));
        ModelSettings settings = Fixtures.settings();
        assertThat(settings.withDevice(ModelSettings.DeviceChoice.CPU).torchDevice(engine)).isEqualTo(Device.cpu());
        assertThat(settings.torchDevice(engine)).isEqualTo(engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu());
        if (engine.getGpuCount() == 0) {
            assertThatThrownBy(() -> settings.withDevice(ModelSettings.DeviceChoice.GPU).torchDevice(engine))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("libtorch sees no GPU");
        }
    }

    @Test
    void djlStaysOffline() {
        TorchRuntime.engine(OptionalInt.of(1));
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(System.getProperty("offline")).isEqualTo("true");
    }
}
