package dev.diffprobe.harness.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.diffprobe.harness.run.FailureCategory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Allure's JUnit Platform listener writes when the Console Launcher runs a real suite, read
 * back from the JSON: the results folder holds this run alone (history kept), one result per
 * verdict and none for anything else, the suite's files on the suite's container, verdicts that
 * last their task's classification, ids stable across runs, the environment, and categories that
 * put every failure in exactly one place.
 */
class AllureResultsTest {
    private static final String SUITE = "[engine:junit-platform-suite]/[suite:" + LauncherAnchor.class.getName()
            + "]/[engine:diffprobe]/[suite:launch]";

    @TempDir
    static Path dir;
    private static Path results;
    private static ConsoleLauncherProcess.Result run;

    @BeforeAll
    static void runTheSuiteWithAllure() throws Exception {
        Path root = ConsoleLauncherProcess.rootWithLaunchSuite(dir);
        results = dir.resolve("allure-results");
        Files.createDirectories(results.resolve("history"));
        Files.writeString(results.resolve("history/history.json"), "{}");
        Files.writeString(results.resolve("0-stale-result.json"), "{\"name\": \"an earlier run\"}");
        // Run where the build runs, so that the environment can name the git commit.
        run = ConsoleLauncherProcess.run(Path.of("").toAbsolutePath(),
                List.of("-Dallure.results.directory=" + results),
                List.of(root, ConsoleLauncherProcess.FOLDER.resolve("allure-junit-platform.jar"),
                        ConsoleLauncherProcess.FOLDER.resolve("allure-test-filter.jar")),
                "execute", "--select-class", LauncherAnchor.class.getName(), "--include-classname", ".*",
                "--config", "suite=launch", "--config", "diffprobe.output=" + dir.resolve("out"));
        assertThat(run.count("tests found")).as(run.output()).isEqualTo(3);
    }

    @Test
    void theFolderHoldsThisRunAloneAndKeepsTheHistory() {
        assertThat(results.resolve("0-stale-result.json")).doesNotExist();
        assertThat(results.resolve("history/history.json")).hasContent("{}");
    }

    @Test
    void eachVerdictIsOneResultAndNothingElseIsATest() throws IOException {
        List<JsonObject> all = json("-result.json");
        assertThat(all).extracting(r -> r.get("fullName").getAsString()).containsExactlyInAnyOrder(
                "launch.Shape.threshold", "launch.Shape.chance", "launch.Color.chance");
        for (JsonObject result : all) {
            assertThat(labels(result, "suite")).containsExactly("launch");
            assertThat(labels(result, "parentSuite")).containsExactly("DiffProbe");
            assertThat(labels(result, "framework")).containsExactly("diffprobe");
            assertThat(result.get("status").getAsString()).isIn("passed", "failed");
        }
    }

    /** Allure keys a test's history on md5(unique id): the same verdict keeps its history across runs. */
    @Test
    void historyIdsFollowTheUniqueIds() throws Exception {
        JsonObject threshold = byFullName("launch.Shape.threshold");
        assertThat(threshold.get("historyId").getAsString())
                .isEqualTo(md5(SUITE + "/[task:Shape]/[verdict:threshold]"));
    }

    @Test
    void aVerdictLastsItsTasksClassification() throws IOException {
        for (JsonObject result : json("-result.json")) {
            String time = parameter(result, "classification time");
            double seconds = Double.parseDouble(time.substring(0, time.indexOf(' ')));
            long duration = result.get("stop").getAsLong() - result.get("start").getAsLong();
            assertThat(duration).as(result.get("fullName").getAsString()).isGreaterThanOrEqualTo(
                    Math.round(seconds * 1000) - 50).isPositive();
        }
        // The run classified 2 examples per task on the real checkpoint: more than the milliseconds
        // a judgement takes.
        assertThat(parameter(byFullName("launch.Shape.chance"), "classification time"))
                .matches("\\d+\\.\\d s \\(2 of 2 examples classified in this run\\)");
    }

    @Test
    void theSuitesChartsAndTablesAreATearDownOfTheSuiteNotATest() throws IOException {
        JsonObject suite = json("-container.json").stream().filter(c -> c.get("name").getAsString().equals("launch"))
                .findFirst().orElseThrow(() -> new AssertionError("no container for the suite launch"));
        JsonArray afters = suite.getAsJsonArray("afters");
        assertThat(afters).hasSize(1);
        JsonObject report = afters.get(0).getAsJsonObject();
        assertThat(report.get("name").getAsString()).isEqualTo("launch: suite report (charts and tables)");
        List<String> names = new ArrayList<>();
        for (JsonElement attachment : report.getAsJsonArray("attachments")) {
            names.add(attachment.getAsJsonObject().get("name").getAsString());
            assertThat(results.resolve(attachment.getAsJsonObject().get("source").getAsString())).isRegularFile();
        }
        assertThat(names).contains("summary.md", "summary.csv");
        assertThat(suite.getAsJsonArray("children")).hasSize(3);
    }

    @Test
    void theEnvironmentNamesCheckpointSeedSettingsAndSoftware() throws IOException {
        Properties environment = new Properties();
        try (InputStream in = Files.newInputStream(results.resolve("environment.properties"))) {
            environment.load(in);
        }
        assertThat(environment.getProperty("launch.checkpoint")).matches("tiny-clevr-diffusion \\([0-9a-f]{12}\\)");
        assertThat(environment.getProperty("launch.seed")).isEqualTo("5");
        assertThat(environment.getProperty("launch.classifier")).contains("minScores=2", "maxScores=2");
        assertThat(environment.getProperty("DJL")).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(environment.getProperty("libtorch")).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(environment.getProperty("device")).startsWith("cpu");
        assertThat(environment.getProperty("java")).contains(System.getProperty("java.version"));
        if (gitWorks()) {
            assertThat(environment.getProperty("git.commit")).matches("[0-9a-f]{12}(-dirty)?");
        }
    }

    /** Every failure of the run falls in exactly one category, and the chance verdicts at n=2 in "not above chance". */
    @Test
    void categoriesPutEachFailureInExactlyOnePlace() throws IOException {
        JsonArray categories = JsonParser.parseString(Files.readString(results.resolve("categories.json")))
                .getAsJsonArray();
        assertThat(categories).extracting(c -> c.getAsJsonObject().get("name").getAsString())
                .containsExactly(Arrays.stream(FailureCategory.values()).map(FailureCategory::title).toArray(String[]::new));
        List<JsonObject> failures = json("-result.json").stream()
                .filter(r -> !r.get("status").getAsString().equals("passed")).toList();
        // n=2 cannot beat chance 0.5 at alpha 0.05 (p >= 0.25): both chance verdicts fail.
        assertThat(failures).extracting(r -> r.get("fullName").getAsString())
                .contains("launch.Shape.chance", "launch.Color.chance");
        for (JsonObject failure : failures) {
            List<String> matched = new ArrayList<>();
            String status = failure.get("status").getAsString();
            String message = failure.getAsJsonObject("statusDetails").get("message").getAsString();
            for (JsonElement element : categories) {
                JsonObject category = element.getAsJsonObject();
                boolean statusMatches = category.getAsJsonArray("matchedStatuses").asList().stream()
                        .anyMatch(s -> s.getAsString().equals(status));
                if (statusMatches && Pattern.compile(category.get("messageRegex").getAsString(), Pattern.DOTALL)
                        .matcher(message).matches()) {
                    matched.add(category.get("name").getAsString());
                }
            }
            String expected = failure.get("fullName").getAsString().endsWith(".chance")
                    ? FailureCategory.NOT_ABOVE_CHANCE.title() : FailureCategory.REGRESSION.title();
            assertThat(matched).as(message).containsExactly(expected);
        }
    }

    private static JsonObject byFullName(String fullName) throws IOException {
        return json("-result.json").stream().filter(r -> r.get("fullName").getAsString().equals(fullName))
                .findFirst().orElseThrow();
    }

    private static List<JsonObject> json(String suffix) throws IOException {
        List<JsonObject> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList()) {
                all.add(JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject());
            }
        }
        return all;
    }

    private static List<String> labels(JsonObject result, String name) {
        return result.getAsJsonArray("labels").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(l -> l.get("name").getAsString().equals(name)).map(l -> l.get("value").getAsString()).toList();
    }

    private static String parameter(JsonObject result, String name) {
        return result.getAsJsonArray("parameters").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(p -> p.get("name").getAsString().equals(name)).map(p -> p.get("value").getAsString())
                .findFirst().orElseThrow(() -> new AssertionError("no parameter " + name + " in " + result));
    }

    private static String md5(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return new BigInteger(1, digest).toString(16);
    }

    private static boolean gitWorks() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            git.getInputStream().readAllBytes();
            return git.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
