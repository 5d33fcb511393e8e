package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.config.ProjectLayout;
import dev.diffprobe.harness.engine.internal.SuiteReader;
import dev.diffprobe.harness.engine.internal.SuiteSpec;
import dev.diffprobe.harness.engine.internal.TaskSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * probes/README.md's table of the shipped suites is what a user plans a run by: it must name
 * every suite file, and say the checkpoints and the tasks x examples the file really declares.
 */
class SuiteTableTest {
    private static final Path ROOT = ProjectLayout.root();
    private static final Path SUITES = ROOT.resolve("probes/src/test/resources/probes");
    private static final Path README = ROOT.resolve("probes/README.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| [^|]+ \\| ([^|]+) \\| ([^|]+) \\|$");

    @Test
    void theReadmeTableSaysWhatEachSuiteFileDeclares() throws IOException {
        Map<String, List<String>> declared = new TreeMap<>();
        try (Stream<Path> files = Files.list(SUITES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
                SuiteReader.Result read = SuiteReader.readOffline(name, Files.readString(file, StandardCharsets.UTF_8));
                assertThat(read.problems()).as(file.toString()).isEmpty();
                SuiteSpec suite = read.suite().orElseThrow();
                declared.put(name, List.of(checkpoints(suite), tasksTimesExamples(suite)));
            }
        }
        assertThat(declared).as("suite files under " + SUITES).isNotEmpty();
        assertThat(readmeRows()).as("the suite table of " + README + " (checkpoints, tasks × examples)")
                .isEqualTo(declared);
    }

    @Test
    void theTableFormatCountsTasksByTheirExamplesInOrderOfFirstAppearance() {
        assertThat(groups(List.of(30, 30, 400, 30, 200, 400))).isEqualTo("3 × 30, 2 × 400, 1 × 200");
        assertThat(groups(List.of(500))).isEqualTo("1 × 500");
    }

    private static String checkpoints(SuiteSpec suite) {
        Set<String> names = new LinkedHashSet<>();
        names.add(suite.checkpoint());
        suite.tasks().forEach(t -> t.checkpoint().ifPresent(names::add));
        return String.join(", ", names);
    }

    private static String tasksTimesExamples(SuiteSpec suite) {
        return groups(suite.tasks().stream().map(TaskSpec::examples).toList());
    }

    private static String groups(List<Integer> examples) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        examples.forEach(e -> counts.merge(e, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((e, n) -> parts.add(n + " × " + e));
        return String.join(", ", parts);
    }

    private static Map<String, List<String>> readmeRows() throws IOException {
        Map<String, List<String>> rows = new TreeMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
            if (line.startsWith("| suite | what | checkpoint | tasks × examples |")) {
                inTable = true;
            } else if (inTable && !line.startsWith("|")) {
                break;
            } else if (inTable) {
                Matcher row = ROW.matcher(line);
                if (row.matches()) {
                    rows.put(row.group(1), List.of(row.group(2).strip(), row.group(3).strip()));
                }
            }
        }
        return rows;
    }
}
