package dev.diffprobe.harness.run;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;


import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The Allure calls behind {@link AllureReport}; loaded only when Allure is on the class path. */
final class AllureCalls {
    private static final String HISTORY = "history";
    private static final Set<String> OWN_LABELS = Set.of("framework", "suite", "package", "testClass", "testMethod");

    private AllureCalls() {
    }

    static void annotate(TaskOutcome outcome, String check, List<Path> attachments) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        if (lifecycle.getCurrentTestCase().isEmpty()) {
            return;
        }
        lifecycle.updateTestCase(result -> {
            result.setFullName(outcome.suite() + "." + outcome.taskName() + "." + check);
            // The verdict judges what its task classified: its time on the Timeline and in the
            // Duration graph is the task's classification time in this run, not the milliseconds
            // the judgement takes.
            result.setStart(result.getStart() - outcome.wallTime().toMillis());
            // The listener labels every result "junit-platform", and a verdict under the anchor
            // class with that class's suite, package and method: one set of DiffProbe's reads better.
            result.getLabels().removeIf(l -> OWN_LABELS.contains(l.getName()));
            result.getLabels().addAll(List.of(
                    label("parentSuite", AllureReport.PARENT_SUITE),
                    label("suite", outcome.suite()),
                    label("subSuite", outcome.taskName()),
                    label("feature", outcome.taskName()),
                    label("package", outcome.suite() + "." + outcome.taskName()),
                    label("framework", "diffprobe")));
            List<Parameter> parameters = result.getParameters();
            parameters.add(parameter("checkpoint", checkpoint(outcome)));
            parameters.add(parameter("n", Integer.toString(outcome.n())));
            parameters.add(parameter("classification time", String.format(Locale.ROOT, "%.1f s (%d of %d examples"
                    + " classified in this run)", outcome.wallTime().toMillis() / 1000.0, outcome.n() - outcome.resumed(),
                    outcome.n())));
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

    static void attachToCurrent(List<Path> files) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                attach(lifecycle, file);
            }
        }
    }

    static void startRun(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.toList()) {
                    if (!entry.getFileName().toString().equals(HISTORY)) {
                        delete(entry);
                    }
                }
            }
            AtomicFiles.writeString(dir.resolve("categories.json"), FailureCategory.categoriesJson());
        } catch (IOException e) {
            throw new RunException("cannot prepare the Allure results folder " + dir.toAbsolutePath() + " for this run: "
                    + e.getMessage(), e);
        }
    }

    static void environment(Path dir, Map<String, String> entries) {
        Path file = dir.resolve("environment.properties");
        Properties properties = new Properties();
        try {
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    properties.load(in);
                }
            }
            properties.putAll(entries);
            StringWriter text = new StringWriter();
            new TreeMap<>(properties).forEach((k, v) -> {
                Properties one = new Properties();
                one.setProperty(k.toString(), v.toString());
                // Allure reads the file as java.util.Properties do: Latin-1 with \\u escapes, which store() writes.
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                try {
                    one.store(line, null);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                line.toString(StandardCharsets.ISO_8859_1).lines().filter(l -> !l.startsWith("#")).forEach(l -> text.append(l).append('\n'));
            });
            Files.createDirectories(file.getParent());
            AtomicFiles.writeString(file, text.toString());
        } catch (IOException | UncheckedIOException e) {
            throw new RunException("cannot write the Allure environment " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> children = Files.list(path)) {
                for (Path child : children.toList()) {
                    delete(child);
                }
            }
        }
        Files.delete(path);
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
