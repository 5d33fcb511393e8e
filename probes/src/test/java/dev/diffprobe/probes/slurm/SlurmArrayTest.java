package dev.diffprobe.probes.slurm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The binding suite on a real Slurm cluster (one node, started here): a 4-task array and the
 * merge job that depends on it give what one unsharded run gives, also when one array task is
 * killed mid-run and requeued. Runs the java -jar distribution ({@code target/dist}, built by the
 * {@code dist} profile) through deploy/slurm/submit.sh, as a user would; see deploy/slurm/README.md.
 */
@Tag("slurm")
class SlurmArrayTest {
    private static final int SHARDS = 4;
    private static final int KILLED = 2;
    /** 12 examples per task: 3 per shard, so a shard runs 60 examples, long enough to kill mid-run. */
    private static final String OPTIONS = "-Dexamples=12 -Ddiffprobe.threads=1";
    private static final Duration JOBS_TIMEOUT = Duration.ofMinutes(15);
    private static final Path DIST = Path.of("target/dist").toAbsolutePath();
    private static final Path SUBMIT = Path.of("../deploy/slurm/submit.sh").toAbsolutePath().normalize();

    private static Path work;
    private static LocalSlurm slurm;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        assumeTrue(LocalSlurm.installed(), "Slurm and munge are not installed (apt-get install slurm-wlm munge)");
        assumeTrue(Files.isRegularFile(DIST.resolve("diffprobe.jar")), "no " + DIST
                + "/diffprobe.jar: run with -Pdist,slurm (see deploy/slurm/README.md)");
        // munged wants every folder above its socket open to all.
        work = Files.createTempDirectory("diffprobe-slurm-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        slurm = LocalSlurm.start(work.resolve("cluster"), 2, 16817);
        System.out.println("local Slurm cluster in " + work + ", daemons " + LocalSlurm.DAEMONS + " pids " + slurm.pids());
    }

    @AfterAll
    static void stopCluster() {
        if (slurm != null) {
            slurm.close();
            for (long pid : slurm.pids()) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .as("daemon pid %d still alive", pid).isFalse();
            }
        }
    }

    @Test
    void anArrayAndItsMergeGiveTheUnshardedResultAlsoWhenATaskIsKilledAndRequeued() throws Exception {
        Path whole = work.resolve("whole");
        int wholeExit = unsharded(whole);

        Path sharded = work.resolve("sharded");
        Instant submitted = Instant.now();
        String[] ids = slurm.command(Duration.ofSeconds(30), Map.of("DIFFPROBE_DIST", DIST.toString(),
                "DIFFPROBE_OUTPUT", sharded.toString(), "DIFFPROBE_SUITE", "binding", "DIFFPROBE_OPTS", OPTIONS,
                "DIFFPROBE_GPUS", "0", "JAVA", javaCommand()), SUBMIT.toString(), Integer.toString(SHARDS))
                .strip().split(" ");
        String array = ids[0];
        String merge = ids[1];

        Map<Path, List<String>> beforeKill = killAndRequeueMidRun(array, sharded.resolve("shard-" + KILLED + "-of-"
                + SHARDS + "/binding"));
        awaitFinished(List.of(array, merge));
        Duration elapsed = Duration.between(submitted, Instant.now());

        String mergeJob = slurm.command(Duration.ofSeconds(10), "scontrol", "show", "job", merge);
        System.out.println("array " + array + " and merge " + merge + " finished " + elapsed.toSeconds()
                + " s after submission; merge: " + field(mergeJob, "JobState") + " " + field(mergeJob, "ExitCode"));
        for (int task = 0; task < SHARDS; task++) {
            String job = slurm.command(Duration.ofSeconds(10), "scontrol", "show", "job", array + "_" + task);
            assertThat(field(job, "JobState")).as("array task %d", task).isEqualTo("COMPLETED");
            if (task == KILLED) {
                assertThat(field(job, "Restarts")).as("the requeued task ran twice").isEqualTo("1");
            }
        }
        assertThat(field(mergeJob, "ExitCode")).as("the merge exits as the unsharded run did")
                .isEqualTo(wholeExit + ":0");

        // Nothing the killed task had journaled was run again: its lines lead the final journals.
        for (Map.Entry<Path, List<String>> journal : beforeKill.entrySet()) {
            List<String> after = Files.readAllLines(journal.getKey());
            assertThat(after.subList(0, journal.getValue().size())).as("%s", journal.getKey())
                    .isEqualTo(journal.getValue());
        }

        Path mergedSuite = sharded.resolve("binding");
        Path wholeSuite = whole.resolve("binding");
        assertThat(summary(mergedSuite)).isEqualTo(summary(wholeSuite)).hasSize(20);
        List<String> journals = journals(wholeSuite);
        assertThat(files(mergedSuite)).isEqualTo(files(wholeSuite));
        for (String file : files(wholeSuite)) {
            if (journals.contains(file)) {
                // An unsharded journal is in the order examples finished; a merged one in the task's.
                assertThat(sortedLines(mergedSuite.resolve(file))).as(file)
                        .isEqualTo(sortedLines(wholeSuite.resolve(file)));
            } else if (!file.startsWith("summary.") && !file.endsWith(".summary.md") && !file.endsWith(".lock")) {
                // Plots, calibration, accuracy tables: byte for byte. Summaries differ in wall time
                // only; a journal's lock file names the process that held it.
                assertThat(Files.readAllBytes(mergedSuite.resolve(file))).as(file)
                        .isEqualTo(Files.readAllBytes(wholeSuite.resolve(file)));
            }
        }
        String mergeLog = Files.readString(sharded.resolve("diffprobe-merge-" + merge + ".out"));
        String wholeLog = Files.readString(whole.resolve("run.log"));
        int tests = testsFound(wholeLog);
        assertThat(verdicts(mergeLog)).isEqualTo(verdicts(wholeLog)).hasSize(tests);
        assertThat(testsFound(mergeLog)).isEqualTo(tests).isPositive();
        List<String> allure = allure(sharded.resolve("allure-results"));
        assertThat(allure).isEqualTo(allure(whole.resolve("allure-results")));
        assertThat(allure.stream().filter(r -> r.startsWith("\"binding.")).count()).as("a result per verdict")
                .isGreaterThanOrEqualTo(tests);
    }

    /** The suite in one JVM, the reference; its exit status. */
    private static int unsharded(Path out) throws IOException, InterruptedException {
        Files.createDirectories(out);
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Dsuite=binding",
                "-Ddiffprobe.output=" + out, "-Dallure.results.directory=" + out.resolve("allure-results")));
        command.addAll(List.of(OPTIONS.split(" ")));
        command.addAll(List.of("-jar", DIST.resolve("diffprobe.jar").toString(), DIST.resolve("suites").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolve("run.log").toFile()).start();
        assertThat(process.waitFor(JOBS_TIMEOUT.toMinutes(), TimeUnit.MINUTES)).as("unsharded run finished").isTrue();
        return process.exitValue();
    }

    /**
     * Waits until the task has journaled some examples but not all, snapshots its journals,
     * requeues it (Slurm kills the running task) and lifts the hold Slurm puts on requeued jobs.
     */
    private static Map<Path, List<String>> killAndRequeueMidRun(String array, Path shardSuite) throws Exception {
        Instant deadline = Instant.now().plus(JOBS_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Map<Path, List<String>> snapshot = snapshot(shardSuite);
            int rows = snapshot.values().stream().mapToInt(lines -> lines.size() - 1).sum();
            if (rows >= 5) {
                slurm.command(Duration.ofSeconds(30), "scontrol", "requeue", array + "_" + KILLED);
                assertThat(rows).as("killed mid-run: 60 examples in the shard").isLessThan(60);
                System.out.println("requeued array task " + KILLED + " after " + rows + " journaled examples");
                releaseHold(array + "_" + KILLED);
                return snapshot;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("array task " + KILLED + " journaled nothing within " + JOBS_TIMEOUT);
    }

    /** A requeued job waits on a begin time Slurm sets; the test starts it once it is pending again. */
    private static void releaseHold(String job) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            String state = field(slurm.command(Duration.ofSeconds(10), "scontrol", "show", "job", job), "JobState");
            if (state.equals("PENDING")) {
                slurm.command(Duration.ofSeconds(10), "scontrol", "update", "JobId=" + job, "StartTime=now");
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(job + " did not return to PENDING after its requeue");
    }

    private static Map<Path, List<String>> snapshot(Path dir) throws IOException {
        Map<Path, List<String>> lines = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                    List<String> content = new ArrayList<>(List.of(Files.readString(file).split("\n", -1)));
                    content.remove(content.size() - 1); // a line still being written is not finished
                    if (!content.isEmpty()) {
                        lines.put(file, content);
                    }
                }
            }
        }
        return lines;
    }

    private static void awaitFinished(List<String> jobs) throws Exception {
        Instant deadline = Instant.now().plus(JOBS_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String queued = slurm.command(Duration.ofSeconds(10), "squeue", "-h", "-o", "%i %T", "-j",
                    String.join(",", jobs)).strip();
            if (queued.isEmpty()) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("jobs " + jobs + " not finished within " + JOBS_TIMEOUT + "; logs under " + work);
    }

    private static String field(String scontrol, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=(\\S+)").matcher(scontrol);
        assertThat(m.find()).as("%s in %s", name, scontrol).isTrue();
        return m.group(1);
    }

    /** The task journals: {@code <task>.csv} for each task of the summary. */
    private static List<String> journals(Path suite) throws IOException {
        return summaryRows(suite).stream().map(r -> r.get("task") + ".csv").toList();
    }

    private static List<String> files(Path suite) throws IOException {
        try (Stream<Path> files = Files.list(suite)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> sortedLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().sorted().toList();
    }

    /** The summary without its wall-time column, which differs between any two runs. */
    private static List<String> summary(Path suite) throws IOException {
        List<String> rows = new ArrayList<>();
        for (Map<String, String> row : summaryRows(suite)) {
            Map<String, String> cells = new TreeMap<>(row);
            cells.remove("wall_s");
            rows.add(cells.toString());
        }
        return rows;
    }

    private static List<Map<String, String>> summaryRows(Path suite) throws IOException {
        try (Reader in = Files.newBufferedReader(suite.resolve("summary.csv"))) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                rows.add(r.toMap());
            }
            return rows;
        }
    }

    /** Each verdict's outcome line as DiffProbeMain prints it (status, name, figures), sorted. */
    private static List<String> verdicts(String log) {
        return log.lines().filter(l -> l.matches("(PASSED|FAILED|ABORTED|SKIPPED) .*")).sorted().toList();
    }

    /** The number of tests the JUnit summary at the end of a DiffProbeMain log reports. */
    private static int testsFound(String log) {
        Matcher m = Pattern.compile("\\[\\s*(\\d+) tests found\\s*]").matcher(log);
        assertThat(m.find()).as("JUnit's summary in the log").isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** Each Allure test result's full name, status, message and parameters (the verdict's figures), sorted. */
    private static List<String> allure(Path dir) throws IOException {
        List<String> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
                results.add(json.get("fullName") + " " + json.get("status") + " " +  (json.has("statusDetails")
                        ? json.getAsJsonObject("statusDetails").get("message") : "") + " " + json.get("parameters"));
            }
        }
        return results.stream().sorted().toList();
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
