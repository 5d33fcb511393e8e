package dev.diffprobe.harness.run;

import dev.diffprobe.harness.config.ReportSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReportersTest {
    @Test
    void aFailingReporterDoesNotStopTheOthers() {
        Reporter broken = new Reporter() {
            @Override
            public List<Path> taskFinished(TaskOutcome outcome) throws IOException {
                throw new IOException("disk full");
            }
        };
        Reporter plots = new Reporter() {
            @Override
            public List<Path> taskFinished(TaskOutcome outcome) {
                return List.of(Path.of("confusion.png"));
            }
        };
        Reporters.ReportFiles files = new Reporters(List.of(broken, plots))
                .taskFinished(VerdictsTest.outcome("tiny", VerdictsTest.firstRight(4, 2), Optional.empty()));
        assertThat(files.files()).containsExactly(Path.of("confusion.png"));
        assertThat(files.failures()).singleElement().asString().contains("failed on task ShapeColor")
                .contains("disk full");
    }

    @Test
    void loadsWhateverServicesTheClassPathDeclares() {
        assertThat(Reporters.load(ReportSettings.defaults()).taskFinished(VerdictsTest.outcome("tiny", VerdictsTest.firstRight(4, 2),
                Optional.empty())).failures()).isEmpty();
    }
}
