package dev.diffprobe.harness.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheFileWhole() throws IOException {
        Path file = dir.resolve("summary.csv");
        AtomicFiles.writeString(file, "old\n");
        AtomicFiles.writeString(file, "new\n");
        assertThat(file).hasContent("new");
        assertThat(names()).containsExactly("summary.csv");
    }

    /** A write that fails part way, as on a full disk, leaves the previous file and no temporary one. */
    @Test
    void aWriteThatFailsLeavesThePreviousFileAndNoTemporaryOne() throws IOException {
        Path file = dir.resolve("summary.csv");
        AtomicFiles.writeString(file, "task,accuracy\nShape,0.9\n");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("task,accuracy\n");
            out.flush();
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class).hasMessage("No space left on device");
        assertThat(file).hasContent("task,accuracy\nShape,0.9");
        assertThat(names()).containsExactly("summary.csv");

        Path fresh = dir.resolve("summary.md");
        assertThatThrownBy(() -> AtomicFiles.writeBytes(fresh, out -> {
            throw new IllegalStateException("renderer failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(fresh).doesNotExist();
        assertThat(names()).containsExactly("summary.csv");
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
