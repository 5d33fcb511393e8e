package dev.diffprobe.tasks.cue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.diffprobe.tasks.Task;
import dev.diffprobe.tasks.data.RealData;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Cue-Conflict on the stimuli, labels and human responses in ../shared/datasets (skipped when absent). */
class RealCueConflictTest {
    /**
     * The 80-stimulus sample at hand and upstream's 1,280 alike: every file's shape folder and
     * texture come from its name; where a {@code _meta/labels.csv} lists them (the sample's),
     * they agree with it.
     */
    @Test
    void stimuliAreLabelledByTheirFileNames() throws IOException {
        Path root = RealData.require(RealData.shared(), "cue-conflict");
        List<Stimulus> stimuli = CueConflict.read(root);
        assertThat(stimuli).as("stimuli under " + root).isNotEmpty();
        assertThat(stimuli.stream().map(Stimulus::shape).distinct().count()).as("shape classes").isEqualTo(16);
        Path labelsFile = root.resolve("_meta/labels.csv");
        if (Files.exists(labelsFile)) {
            Map<String, String[]> labels = new HashMap<>();
            try (Reader reader = Files.newBufferedReader(labelsFile)) {
                for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(reader)) {
                    labels.put(row.get("path"), new String[] {row.get("shape"), row.get("texture"),
                            row.get("is_conflict")});
                }
            }
            for (Stimulus s : stimuli) {
                String[] expected = labels.get(root.relativize(s.file()).toString());
                assertThat(expected).as(s.file().toString()).isNotNull();
                assertThat(new String[] {s.shape(), s.texture(), s.isConflict() ? "1" : "0"}).isEqualTo(expected);
            }
        }
        Task task = CueConflict.task(List.of(RealData.shared()), 1);
        assertThat(task.examples().size()).isEqualTo(stimuli.size());
        assertThat(task.examples().get(0).image().load(64).getWidth()).isEqualTo(64);
        Task sixteen = CueConflict.task(List.of(RealData.shared()), 16, 0, 1);
        assertThat(sixteen.examples().stream().map(e -> e.attributes().get("shape")).distinct().count())
                .as("a balanced subsample of 16 has every shape once").isEqualTo(16);
    }

    /** Geirhos et al.'s human observers: 9236 shape and 398 texture decisions, shape bias 0.959. */
    @Test
    void humanShapeBiasIsPointNineFiveNine() throws IOException {
        Path folder = RealData.require(RealData.shared(), "cue-conflict/_meta/human-responses-model-vs-human");
        CueConflictScore score = CueConflictScore.of(HumanResponses.read(folder));
        assertThat(CueConflict.humans(List.of(RealData.shared()))).hasValue(score);
        assertThat(score.trials()).isEqualTo(12_800);
        assertThat(score.conflicts()).isEqualTo(12_000);
        assertThat(score.shapeDecisions()).isEqualTo(9236);
        assertThat(score.textureDecisions()).isEqualTo(398);
        assertThat(score.shapeBias().orElseThrow()).isCloseTo(0.959, within(0.0005));
    }
}
