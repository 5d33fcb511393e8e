package dev.diffprobe.probes.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A one-node Slurm cluster (Debian's slurm-wlm 22.05 and munge) started in the foreground as
 * children of this JVM, with its configuration, state, spool, sockets and logs in one folder, on
 * ports of its own: so it touches nothing of the machine's and {@link #close()} stops exactly the
 * daemons it started, by their process ids.
 */
final class LocalSlurm implements AutoCloseable {
    static final List<String> DAEMONS = List.of("munged", "slurmctld", "slurmd");

    private final Path dir;
    private final Path conf;
    private final List<Process> daemons = new ArrayList<>();

    private LocalSlurm(Path dir) {
        this.dir = dir;
        this.conf = dir.resolve("slurm.conf");
    }

    /** Whether the daemons and client commands are installed (apt-get install slurm-wlm munge). */
    static boolean installed() {
        for (String command : List.of("/usr/sbin/munged", "/usr/sbin/mungekey", "/usr/sbin/slurmctld",
                "/usr/sbin/slurmd", "/usr/bin/sbatch")) {
            if (!Files.isExecutable(Path.of(command))) {
                return false;
            }
        }
        return true;
    }

    /** Starts munged, slurmctld and slurmd with {@code cpus} CPUs, and waits until the node is idle. */
    static LocalSlurm start(Path dir, int cpus, int port) throws IOException, InterruptedException {
        LocalSlurm slurm = new LocalSlurm(dir);
        try {
            slurm.configure(cpus, port);
            slurm.launch();
            return slurm;
        } catch (IOException | InterruptedException | RuntimeException e) {
            slurm.close();
            throw e;
        }
    }

    private void configure(int cpus, int port) throws IOException, InterruptedException {
        for (String sub : List.of("state", "spool", "log", "munge")) {
            Files.createDirectories(dir.resolve(sub));
        }
        // munged refuses a socket in a folder that others cannot traverse.
        for (Path p : List.of(dir, dir.resolve("munge"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path key = dir.resolve("munge/munge.key");
        run(Duration.ofSeconds(30), List.of("/usr/sbin/mungekey", "--create", "--keyfile=" + key));
        String host = run(Duration.ofSeconds(10), List.of("hostname", "-s")).strip();
        Files.writeString(conf, String.join("\n",
                "ClusterName=diffprobe-test",
                "SlurmctldHost=" + host,
                "SlurmctldPort=" + port,
                "SlurmdPort=" + (port + 1),
                "SlurmUser=root",
                "SlurmdUser=root",
                "AuthType=auth/munge",
                "AuthInfo=socket=" + dir.resolve("munge/munge.socket"),
                "CredType=cred/munge",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("log/slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("log/slurmd.log"),
                "MailProg=/bin/true",
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "MpiDefault=none",
                "SchedulerType=sched/backfill",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_CPU",
                "ReturnToService=2",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "NodeName=" + host + " CPUs=" + cpus + " State=UNKNOWN",
                "PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
                ""), StandardCharsets.UTF_8);
    }

    private void launch() throws IOException, InterruptedException {
        Path munge = dir.resolve("munge");
        daemon("munged", List.of("/usr/sbin/munged", "--foreground", "--socket=" + munge.resolve("munge.socket"),
                "--key-file=" + munge.resolve("munge.key"), "--pid-file=" + munge.resolve("munged.pid"),
                "--seed-file=" + munge.resolve("munged.seed"), "--log-file=" + dir.resolve("log/munged.log")));
        awaitFile(munge.resolve("munge.socket"), Duration.ofSeconds(20));
        daemon("slurmctld", List.of("/usr/sbin/slurmctld", "-D", "-f", conf.toString()));
        daemon("slurmd", List.of("/usr/sbin/slurmd", "-D", "-f", conf.toString()));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String state = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                state = command(Duration.ofSeconds(10), "sinfo", "-h", "-o", "%T").strip();
                if (state.equals("idle")) {
                    return;
                }
            } catch (IllegalStateException e) {
                state = e.getMessage();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the local Slurm node is not idle after 60 s (" + state + "); logs in "
                + dir.resolve("log"));
    }

    private void daemon(String name, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log/" + name + ".out").toFile());
        builder.environment().put("SLURM_CONF", conf.toString());
        daemons.add(builder.start());
    }

    /** The process ids of the daemons this cluster started, in start order. */
    List<Long> pids() {
        return daemons.stream().map(Process::pid).toList();
    }

    Path dir() {
        return dir;
    }

    /** Runs a Slurm client command against this cluster; its stdout, or an exception with its output. */
    String command(Duration timeout, String... args) throws IOException, InterruptedException {
        return run(timeout, List.of(args), Map.of());
    }

    String command(Duration timeout, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(timeout, List.of(args), env);
    }

    private String run(Duration timeout, List<String> args) throws IOException, InterruptedException {
        return run(timeout, args, Map.of());
    }

    private String run(Duration timeout, List<String> args, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(args);
        builder.environment().put("SLURM_CONF", conf.toString());
        builder.environment().putAll(env);
        Path output = Files.createTempFile(dir, "command", ".out");
        Path errors = Files.createTempFile(dir, "command", ".err");
        Process process = builder.redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", args) + ": no answer within " + timeout);
        }
        String out = Files.readString(output);
        String err = Files.readString(errors);
        Files.delete(output);
        Files.delete(errors);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args) + ": exit " + process.exitValue() + ": " + err + out);
        }
        return out;
    }

    private static void awaitFile(Path file, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!Files.exists(file)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(file + " did not appear within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /** Stops the daemons this cluster started, newest first: SIGTERM, then SIGKILL after 15 s. */
    @Override
    public void close() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process daemon = daemons.get(i);
            daemon.destroy();
            try {
                if (!daemon.waitFor(15, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                daemon.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
