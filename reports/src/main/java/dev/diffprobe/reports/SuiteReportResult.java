package dev.diffprobe.reports;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.TestResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Puts a suite's charts and tables into the Allure report as a result of their own,
 * "{@code <suite>: suite report}", under the suite beside its tasks. The engine attaches a task's
 * files to the task's verdict tests, which have finished by the time the suite's files exist, so
 * those files would otherwise reach the report nowhere. Its status is {@code passed}: it says the
 * report was made, and judges nothing (the verdict tests do). Its history id is stable per suite,
 * so the trend follows it like any test. Called only when Allure writes results
 * ({@code allure.results.directory} set), never from a plain {@code main}.
 */
final class SuiteReportResult {

    /** Allure's JUnit Platform listener and AllureReport label every DiffProbe result with this parent suite. */
    static final String PARENT_SUITE = "DiffProbe";

    private SuiteReportResult() {
    }

    static void write(String suite, List<Path> files) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        String uuid = UUID.randomUUID().toString();
        String fullName = suite + ".report";
        TestResult result = new TestResult()
                .setUuid(uuid)
                .setName(suite + ": suite report (charts and tables)")
                .setFullName(fullName)
                .setHistoryId(md5(fullName))
                .setTestCaseId(md5(fullName))
                .setStatus(Status.PASSED)
                .setLabels(List.of(label("parentSuite", PARENT_SUITE), label("suite", suite),
                        label("subSuite", "report"), label("feature", "suite report"),
                        label("framework", "diffprobe")));
        lifecycle.scheduleTestCase(result);
        lifecycle.startTestCase(uuid);
        try {
            for (Path file : files) {
                attach(lifecycle, file);
            }
        } finally {
            lifecycle.stopTestCase(uuid);
            lifecycle.writeTestCase(uuid);
        }
    }

    private static void attach(AllureLifecycle lifecycle, Path file) {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.')).toLowerCase(Locale.ROOT);
        String type = switch (extension) {
            case ".png" -> "image/png";
            case ".csv" -> "text/csv";
            default -> "text/plain";
        };
        try (InputStream in = Files.newInputStream(file)) {
            lifecycle.addAttachment(name, type, extension, in);
        } catch (IOException e) {
            throw new ReportException("cannot attach " + file + " to the suite's Allure result: " + e.getMessage(), e);
        }
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides MD5", e);
        }
    }
}
