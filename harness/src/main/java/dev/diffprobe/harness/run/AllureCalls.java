package dev.diffprobe.harness.run;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The Allure calls behind {@link AllureReport}; loaded only when Allure is on the class path. */
final class AllureCalls {
    private AllureCalls() {
    }

    static void annotate(TaskOutcome outcome, String check, List<Path> attachments) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        if (lifecycle.getCurrentTestCase().isEmpty()) {
            return;
        }
        lifecycle.updateTestCase(result -> {
            result.setFullName(outcome.suite() + "." + outcome.taskName() + "." + check);
            // The listener labels every result "junit-platform"; one framework label reads better.
            result.getLabels().removeIf(l -> "framework".equals(l.getName()));
            result.getLabels().addAll(List.of(
                    label("parentSuite", AllureReport.PARENT_SUITE),
                    label("suite", outcome.suite()),
                    label("subSuite", outcome.taskName()),
                    label("feature", outcome.taskName()),
                    label("framework", "diffprobe")));
            List<Parameter> parameters = result.getParameters();
            parameters.add(parameter("checkpoint", checkpoint(outcome)));
            parameters.add(parameter("n", Integer.toString(outcome.n())));
            parameters.add(parameter("seed", Long.toString(outcome.settings().seed())));
            parameters.add(parameter("weighting", outcome.classifierSettings().getOrDefault("weighting", "-")));
            outcome.baseline().ifPresent(b -> parameters.add(parameter("baseline", checkpoint(b))));
            outcome.compositions().ifPresent(split -> {
                parameters.add(parameter("seen compositions", accuracy(split.seenCorrect(), split.seen())));
                parameters.add(parameter("unseen compositions (held out: " + String.join(", ", split.heldOut()) + ")",
                        accuracy(split.unseenCorrect(), split.unseen())));
            });
        });
        for (Path file : attachments) {
            if (Files.isRegularFile(file)) {
                attach(lifecycle, file);
            }
        }
    }

    private static void attach(AllureLifecycle lifecycle, Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
        try (InputStream in = Files.newInputStream(file)) {
            lifecycle.addAttachment(name, type(extension), extension, in);
        } catch (IOException e) {
            throw new RunException("cannot attach " + file + " to the Allure result: " + e.getMessage(), e);
        }
    }

    private static String type(String extension) {
        return switch (extension) {
            case ".csv" -> "text/csv";
            case ".md" -> "text/markdown";
            case ".txt", ".log" -> "text/plain";
            case ".png" -> "image/png";
            case ".svg" -> "image/svg+xml";
            case ".html" -> "text/html";
            case ".json" -> "application/json";
            default -> "application/octet-stream";
        };
    }

    private static String checkpoint(TaskOutcome outcome) {
        String fingerprint = outcome.checkpointFingerprint();
        return outcome.checkpointName() + " (" + fingerprint.substring(0, Math.min(12, fingerprint.length())) + ")";
    }

    private static String accuracy(int correct, int n) {
        return n == 0 ? "no examples" : String.format(Locale.ROOT, "%.3f (%d/%d)", (double) correct / n, correct, n);
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }

    private static Parameter parameter(String name, String value) {
        return new Parameter().setName(name).setValue(value);
    }
}
