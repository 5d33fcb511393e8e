package dev.diffprobe.harness.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalsTest {
    @TempDir
    Path out;

    private final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

    /** A journal of {@code n} examples of the fixture task, run with {@code seed}, as its text. */
    private String journal(long seed, int n) throws IOException {
        Path dir = out.resolve("source-" + seed + "-" + n);
        try (TaskRunner runner = new TaskRunner(RunSettings.of(Path.of("checkpoints", "tiny"), seed).withOutputDir(dir)
                .withExamples(n), Fixtures.source("fp1", Integer.MAX_VALUE), 1, quiet, System::nanoTime)) {
            return Files.readString(runner.run("binding", Fixtures.task("ShapeColor", 10)).journal());
        }
    }

    @Test
    void replacingKeepsAsideAJournalWithResultsTheNewOneLacks() throws IOException {
        Path journal = out.resolve("merged/binding/ShapeColor.csv");
        Files.createDirectories(journal.getParent());
        String otherSeed = journal(12, 10);
        Files.writeString(journal, otherSeed);

        Journals.replace(journal, journal(11, 10), RunSettings.DEFAULT_LOCK_WAIT, quiet);

        assertThat(JournalReader.read(journal).rows()).allSatisfy(r -> assertThat(r.seed()).isEqualTo(11));
        try (Stream<Path> kept = Files.list(journal.resolveSibling("superseded"))) {
            List<Path> files = kept.toList();
            assertThat(files).singleElement().satisfies(f -> assertThat(f).hasContent(otherSeed));
        }
    }

    @Test
    void replacingWithASupersetKeepsNothingAside() throws IOException {
        Path journal = out.resolve("merged/binding/ShapeColor.csv");
        Files.createDirectories(journal.getParent());
        Files.writeString(journal, journal(11, 4));
        String all = journal(11, 10);

        Journals.replace(journal, all, RunSettings.DEFAULT_LOCK_WAIT, quiet);

        assertThat(journal).hasContent(all);
        assertThat(journal.resolveSibling("superseded")).doesNotExist();
    }

    @Test
    void textThatIsNotAJournalIsRefusedAndTheFileLeftAlone() throws IOException {
        Path journal = out.resolve("ShapeColor.csv");
        Files.writeString(journal, "keep me\n");
        assertThatThrownBy(() -> Journals.replace(journal, "a,b\n1,2\n", RunSettings.DEFAULT_LOCK_WAIT, quiet)).isInstanceOf(JournalException.class);
        assertThat(journal).hasContent("keep me");
    }
}
