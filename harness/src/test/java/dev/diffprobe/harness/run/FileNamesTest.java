package dev.diffprobe.harness.run;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileNamesTest {
    @Test
    void plainNamesStayAsTheyAre() {
        assertThat(FileNames.of("Shape_Color")).isEqualTo("Shape_Color");
        assertThat(FileNames.of("FashionMNIST-contrastive")).isEqualTo("FashionMNIST-contrastive");
        assertThat(FileNames.of("v1.2")).isEqualTo("v1.2");
    }

    @Test
    void namesThatAFileSystemWouldMergeOrMisreadGetDistinctSafeNames() {
        List<String> names = List.of("a/b", "a_b", "a%2Fb", "a b", "a\\b", "a:b", "..", ".", "._", "%", "%25",
                "Colör", "Colo\u0308r", "a\u0000b", "a\nb");
        Set<String> files = new HashSet<>();
        for (String name : names) {
            String file = FileNames.of(name);
            assertThat(file).matches("[A-Za-z0-9_.%-]+").doesNotStartWith(".");
            assertThat(files.add(file)).as("file name of '%s' is new", name).isTrue();
        }
        assertThat(FileNames.of("a/b")).isEqualTo("a%2Fb");
        assertThat(FileNames.of("..")).isEqualTo("%2E.");
    }

    @Test
    void anEmptyNameHasNoFileName() {
        assertThatThrownBy(() -> FileNames.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
