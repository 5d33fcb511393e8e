package dev.diffprobe.harness.run;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AllureReportTest {
    private final AllureLifecycle original = Allure.getLifecycle();
    private final Captured captured = new Captured();

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        Allure.setLifecycle(original);
    }

    /** Keeps what Allure would write to allure-results in memory. */
    static final class Captured implements AllureResultsWriter {
        final List<TestResult> results = new ArrayList<>();
        final Map<String, byte[]> attachments = new HashMap<>();

        @Override
        public void write(TestResult result) {
            results.add(result);
        }

        @Override
        public void write(TestResultContainer container) {
        }

        @Override
        public void write(String source, InputStream attachment) {
            try {
                attachments.put(source, attachment.readAllBytes());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void labelsParametersAndAttachmentsReachTheRunningTestCase() throws IOException {
        AllureLifecycle lifecycle = new AllureLifecycle(captured);
        Allure.setLifecycle(lifecycle);
        String uuid = UUID.randomUUID().toString();
        lifecycle.scheduleTestCase(new TestResult().setUuid(uuid).setName("accuracy >= 0.60")
                .setLabels(new ArrayList<>(List.of(new Label().setName("framework").setValue("junit-platform")))));
        lifecycle.startTestCase(uuid);

        Path journal = Files.writeString(dir.resolve("ShapeColor.csv"), "example_id\n");
        TaskOutcome outcome = VerdictsTest.paired(140, 30, 10, 20);
        AllureReport.annotate(outcome, "accuracy", List.of(journal, dir.resolve("missing.png")));
        lifecycle.stopTestCase(uuid);
        lifecycle.writeTestCase(uuid);

        TestResult result = captured.results.get(0);
        assertThat(result.getFullName()).isEqualTo("binding.ShapeColor.accuracy");
        assertThat(result.getLabels()).extracting(Label::getName, Label::getValue).contains(
                org.assertj.core.groups.Tuple.tuple("parentSuite", "DiffProbe"),
                org.assertj.core.groups.Tuple.tuple("suite", "binding"),
                org.assertj.core.groups.Tuple.tuple("feature", "ShapeColor"),
                org.assertj.core.groups.Tuple.tuple("framework", "diffprobe"));
        assertThat(result.getLabels()).filteredOn(l -> l.getName().equals("framework")).hasSize(1);
        assertThat(result.getParameters()).extracting(Parameter::getName)
                .containsExactly("checkpoint", "n", "classification time", "seed", "weighting", "baseline");
        assertThat(result.getParameters()).extracting(Parameter::getValue)
                .contains("new (fingerprint-)", "200", "1", "old (fingerprint-)");
        assertThat(result.getAttachments()).extracting(Attachment::getName, Attachment::getType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ShapeColor.csv", "text/csv"));
        Attachment attachment = result.getAttachments().get(0);
        assertThat(captured.attachments.get(attachment.getSource())).asString().isEqualTo("example_id\n");
    }

    @Test
    void withoutARunningTestCaseItDoesNothing() {
        Allure.setLifecycle(new AllureLifecycle(captured));
        AllureReport.annotate(VerdictsTest.outcome("tiny", VerdictsTest.firstRight(4, 2), Optional.empty()),
                "accuracy", List.of());
        assertThat(captured.results).isEmpty();
        assertThat(captured.attachments).isEmpty();
    }
}
