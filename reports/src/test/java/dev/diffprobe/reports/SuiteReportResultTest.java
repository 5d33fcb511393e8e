package dev.diffprobe.reports;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SuiteReportResultTest {

    @TempDir
    Path dir;

    private final AllureLifecycle previous = Allure.getLifecycle();

    @AfterEach
    void restore() {
        Allure.setLifecycle(previous);
    }

    @Test
    void writesOnePassedResultWithTheSuiteFilesAttached() throws IOException {
        Path results = Files.createDirectories(dir.resolve("allure-results"));
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(results)));
        Path png = Files.write(dir.resolve("tasks.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Path csv = Files.writeString(dir.resolve("calibration.csv"), "scope,method\nShape,Platt (calls)\n");

        SuiteReportResult.write("binding", List.of(png, csv));

        List<Path> written;
        try (Stream<Path> files = Files.list(results)) {
            written = files.toList();
        }
        Path result = written.stream().filter(p -> p.toString().endsWith("-result.json")).findFirst().orElseThrow();
        assertThat(Files.readString(result)).contains("\"name\":\"binding: suite report (charts and tables)\"",
                "\"status\":\"passed\"", "\"value\":\"binding\"", "\"name\":\"tasks.png\"", "\"type\":\"image/png\"",
                "\"name\":\"calibration.csv\"", "\"type\":\"text/csv\"");
        assertThat(written.stream().filter(p -> p.toString().endsWith("-attachment.png"))).hasSize(1);
        assertThat(written.stream().filter(p -> p.toString().endsWith("-attachment.csv"))).hasSize(1);
    }
}
