package dev.diffprobe.harness.config;

import dev.diffprobe.models.ModelSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    private static Settings read(Map<String, String> values) {
        return Settings.read(SettingSource.of(values));
    }

    @Test
    void defaultsHaveNoProblemsAndNoWarnings() {
        Settings settings = read(Map.of());
        assertThat(settings.problems()).isEmpty();
        assertThat(settings.warnings()).isEmpty();
        assertThat(settings.models()).isEqualTo(ModelSettings.defaults());
        assertThat(settings.reports()).isEqualTo(ReportSettings.defaults());
        assertThat(settings.alpha()).isEqualTo(DiffProbeSettings.DEFAULT_ALPHA);
    }

    @Test
    void everySettingGivenEmptyIsAProblemNamingItNotItsDefault() {
        java.util.Set<String> keys = new java.util.TreeSet<>(DiffProbeSettings.SHORT_KEYS);
        keys.addAll(DiffProbeSettings.PREFIXED_KEYS);
        // -Dsuite= has its own message listing the suites; Surefire reads an empty tag expression as none.
        keys.removeAll(java.util.Set.of(DiffProbeSettings.SUITE, DiffProbeSettings.GROUPS,
                DiffProbeSettings.EXCLUDED_GROUPS));
        for (String key : keys) {
            for (String empty : java.util.List.of("", "  ")) {
                Settings settings = read(Map.of(key, empty));
                assertThat(settings.problems()).as("-D%s=%s", key, empty)
                        .containsExactly("-D" + key + "= is empty: give it a value, or leave the setting out for its default");
            }
        }
        assertThat(read(Map.of("groups", "", "excludedGroups", "")).problems()).isEmpty();
    }

    @Test
    void modelSettingsBecomeTypedValues(@TempDir Path cache) {
        Settings settings = read(Map.of("diffprobe.device", " CPU", "diffprobe.maxBatch", "8",
                "diffprobe.threads", "2", "diffprobe.checkpointCache", cache.toString()));
        assertThat(settings.problems()).isEmpty();
        assertThat(settings.models()).isEqualTo(new ModelSettings(ModelSettings.DeviceChoice.CPU, 8,
                OptionalInt.of(2), cache));
    }

    @Test
    void everyBadValueIsReportedAtOnceNamingItsKey(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("cache"), "not a directory");
        Settings settings = read(Map.of("diffprobe.threads", "abc", "diffprobe.maxBatch", "0",
                "diffprobe.device", "tpu", "diffprobe.checkpointCache", file.toString(),
                "examples", "1000000000000", "seed", "x", "diffprobe.alpha", "1",
                "reports.calibrationFit", "1.5", "reports.tracePlots", "-1"));
        assertThat(settings.problems()).hasSize(9).anySatisfy(p -> assertThat(p).startsWith("-Ddiffprobe.threads=abc:"))
                .anySatisfy(p -> assertThat(p).startsWith("-Ddiffprobe.maxBatch=0:"))
                .anySatisfy(p -> assertThat(p).startsWith("-Ddiffprobe.device=tpu:").contains("auto, cpu or gpu"))
                .anySatisfy(p -> assertThat(p).startsWith("-Ddiffprobe.checkpointCache=").contains("not a directory"))
                .anySatisfy(p -> assertThat(p).startsWith("-Dexamples=1000000000000:"))
                .anySatisfy(p -> assertThat(p).startsWith("-Dseed=x:"))
                .anySatisfy(p -> assertThat(p).startsWith("-Ddiffprobe.alpha=1:"))
                .anySatisfy(p -> assertThat(p).startsWith("-Dreports.calibrationFit=1.5:"))
                .anySatisfy(p -> assertThat(p).startsWith("-Dreports.tracePlots=-1:"));
        assertThatThrownBy(settings::requireValid).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("9 bad settings:").hasMessageContaining("diffprobe.threads=abc")
                .hasMessageContaining("reports.tracePlots=-1");
    }

    @Test
    void reportSettingsBecomeTypedValues() {
        ReportSettings reports = read(Map.of("reports.calibrationFit", "0.3", "reports.tracePlots", "0",
                "allure.results.directory", "target/allure-results")).reports();
        assertThat(reports.calibrationFit()).hasValue(0.3);
        assertThat(reports.tracePlots()).isZero();
        assertThat(reports.allureResults()).contains(Path.of("target/allure-results"));
    }

    @Test
    void unknownKeysUnderOurPrefixesAreErrorsSuggestingTheNearest() {
        Settings settings = read(Map.of("diffprobe.maxbatch", "8", "reports.tracePlot", "2", "diffprobe.nothing", "1"));
        assertThat(settings.problems()).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("unknown setting 'diffprobe.maxbatch' (did you mean 'diffprobe.maxBatch'?)"))
                .anySatisfy(p -> assertThat(p).startsWith("unknown setting 'reports.tracePlot' (did you mean 'reports.tracePlots'?)"))
                .anySatisfy(p -> assertThat(p).startsWith("unknown setting 'diffprobe.nothing';")
                        .contains("diffprobe.classifier.maxScores"));
    }

    @Test
    void keysCloseToAKnownSettingAreWarnedAboutNotFailed() {
        Settings settings = read(Map.of("exmaples", "1", "seeed", "5", "Suite", "binding", "modle", "x",
                "difprobe.threads", "1", "baseline", "y"));
        assertThat(settings.problems()).isEmpty();
        assertThat(settings.examples()).isEmpty();
        assertThat(settings.warnings()).containsExactlyInAnyOrder(
                "-Dexmaples is not a DiffProbe setting and is ignored; did you mean -Dexamples?",
                "-Dseeed is not a DiffProbe setting and is ignored; did you mean -Dseed?",
                "-DSuite is not a DiffProbe setting and is ignored; did you mean -Dsuite?",
                "-Dmodle is not a DiffProbe setting and is ignored; did you mean -Dmodel?",
                "-Ddifprobe.threads is not a DiffProbe setting and is ignored; did you mean -Ddiffprobe.threads?");
    }

    @Test
    void workersAreGivenOrOnePerCoreThatTheThreadsLeave() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(read(Map.of("diffprobe.workers", "3")).workerCount()).isEqualTo(3);
        assertThat(read(Map.of("diffprobe.threads", "1")).workerCount()).isEqualTo(cores);
        assertThat(read(Map.of("diffprobe.threads", Integer.toString(cores + 1))).workerCount()).isEqualTo(1);
        assertThat(read(Map.of()).workerCount()).isEqualTo(1);
        assertThat(read(Map.of("diffprobe.threads", "1", "diffprobe.device", "gpu")).workerCount()).isEqualTo(1);
        for (String bad : new String[] {"0", "-2", "two", "65", "99999999999", ""}) {
            Settings settings = read(Map.of("diffprobe.workers", bad));
            if (!bad.isEmpty()) {
                assertThat(settings.problems()).containsExactly("-Ddiffprobe.workers=" + bad
                        + ": expected a whole number from 1 to 64");
            }
        }
    }

    @Test
    void unrelatedPropertiesAreLeftAlone() {
        Settings settings = read(Map.of("user.dir", "/", "basedir", "/", "java.home", "/", "test", "X",
                "groups", "g", "skipTests", "true", "surefire.test.class.path", "a", "file.encoding", "UTF-8",
                "line.separator", "\n", "localRepository", "/m2"));
        assertThat(settings.problems()).isEmpty();
        assertThat(settings.warnings()).isEmpty();
    }

    @Test
    void theJvmsOwnPropertiesAreNeverTakenForSettings() {
        Settings settings = Settings.read(SettingSource.systemProperties());
        assertThat(settings.warnings()).isEmpty();
    }

    @Test
    void aPlainMainReadsSystemProperties() {
        System.setProperty(DiffProbeSettings.MAX_BATCH, "16");
        try {
            assertThat(Settings.fromSystemProperties().models().maxBatch()).isEqualTo(16);
            System.setProperty(DiffProbeSettings.MAX_BATCH, "many");
            assertThatThrownBy(Settings::fromSystemProperties).isInstanceOf(SettingsException.class)
                    .hasMessage("bad setting: -Ddiffprobe.maxBatch=many: expected a whole number from 1 to 2147483647");
        } finally {
            System.clearProperty(DiffProbeSettings.MAX_BATCH);
        }
    }
}
