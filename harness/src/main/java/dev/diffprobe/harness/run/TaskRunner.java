package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs tasks on checkpoints: skips the examples a journal already holds, classifies the rest,
 * journals each as it finishes, and in regression mode does the same on the baseline
 * checkpoint with the same examples and seed, or reads the baseline's results from a recorded
 * run's folder ({@link RecordedBaseline}). Checkpoints are opened once and kept until
 * {@link #close()}, since a suite runs many tasks on one. With more than one worker a task's
 * pending examples are dealt out to that many classifiers, each on its own copy of the checkpoint
 * in its own thread (single-threaded libtorch workers on separate cores beat one multi-threaded
 * one, probes/README.md); an example scores the same whichever worker runs it. Not thread-safe
 * itself: one task at a time.
 */
public final class TaskRunner implements AutoCloseable {
    private final RunSettings settings;
    private final ClassifierSource source;
    private final PrintStream log;
    private final LongSupplier nanoClock;
    private final int workers;
    /** Opened checkpoints by directory, classifier settings and worker: tasks of one suite may set their own. */
    private final Map<OpenKey, LoadedCheckpoint> open = new LinkedHashMap<>();

    private record OpenKey(Path checkpoint, Map<String, String> classifier, int worker) {
    }

    public TaskRunner(RunSettings settings, ClassifierSource source) {
        this(settings, source, 1);
    }

    /** A runner whose tasks' examples are classified by {@code workers} threads, each on its own copy of the checkpoint. */
    public TaskRunner(RunSettings settings, ClassifierSource source, int workers) {
        this(settings, source, workers, System.err, System::nanoTime);
    }

    TaskRunner(RunSettings settings, ClassifierSource source, int workers, PrintStream log, LongSupplier nanoClock) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.settings = settings;
        this.source = source;
        this.workers = workers;
        this.log = log;
        this.nanoClock = nanoClock;
    }

    public RunSettings settings() {
        return settings;
    }

    /** Runs a task on the settings' checkpoint (and baseline, if any). */
    public TaskOutcome run(String suite, Task task) {
        return run(suite, task, settings.checkpoint());
    }

    /** Runs a task on its own checkpoint, e.g. the contrastive twin put beside a diffusion model. */
    public TaskOutcome run(String suite, Task task, Path checkpoint) {
        return run(suite, task, checkpoint, Map.of());
    }

    /**
     * Runs a task on a checkpoint with classifier settings of its own, put over the run's (e.g.
     * one arm of a weighting ablation); its journal records the merged settings.
     */
    public TaskOutcome run(String suite, Task task, Path checkpoint, Map<String, String> classifier) {
        Map<String, String> merged = new TreeMap<>(settings.classifier());
        merged.putAll(classifier);
        RunSettings effective = settings.withClassifier(merged);
        List<Example> examples = capped(task);
        Optional<TaskOutcome> baseline = settings.baseline().map(dir -> RecordedBaseline.isRecorded(dir)
                ? RecordedBaseline.read(dir, suite, task, examples, effective, journalPath(suite, task, ".csv"))
                : runOn(suite, task, examples, dir, effective, journalPath(suite, task, ".baseline.csv"),
                        Optional.empty()));
        return runOn(suite, task, examples, checkpoint, effective, journalPath(suite, task, ".csv"), baseline);
    }

    /**
     * Why {@code checkpoint}, or a baseline checkpoint, cannot tell the task's candidates apart
     * (see {@link dev.diffprobe.harness.classify.Expressibility}), found from their tokenizers
     * before any example runs; empty when they can (a recorded baseline has no tokenizer to ask). Opens the checkpoints with the classifier settings
     * {@link #run(String, Task, Path, Map)} will use, so the run then finds them open.
     */
    public Optional<String> cannotExpress(Task task, Path checkpoint, Map<String, String> classifier) {
        Map<String, String> merged = new TreeMap<>(settings.classifier());
        merged.putAll(classifier);
        RunSettings effective = settings.withClassifier(merged);
        Optional<String> problem = open(checkpoint, effective, task).classifier().cannotExpress(task);
        if (problem.isPresent()) {
            return problem;
        }
        return settings.baseline().filter(baseline -> !RecordedBaseline.isRecorded(baseline))
                .flatMap(baseline -> open(baseline, effective, task).classifier().cannotExpress(task));
    }

    private TaskOutcome runOn(String suite, Task task, List<Example> examples, Path checkpoint, RunSettings effective,
                              Path journalFile, Optional<TaskOutcome> baseline) {
        long start = nanoClock.getAsLong();
        LoadedCheckpoint model = open(checkpoint, effective, task);
        Map<String, Classification> results = new HashMap<>();
        try (Journal journal = Journal.open(journalFile, examples, effective, model.fingerprint(), log, nanoClock)) {
            List<Example> pending = new ArrayList<>();
            for (Example example : examples) {
                Classification done = journal.finished().get(example.id());
                if (done == null) {
                    pending.add(example);
                } else {
                    results.put(example.id(), done);
                }
            }
            int resumed = results.size();
            if (pending.isEmpty()) {
                log.println("diffprobe " + suite + "/" + task.name() + " on " + model.name() + ": all " + resumed
                        + " examples already in " + journalFile);
            } else {
                classify(suite, task, checkpoint, effective, journal, pending, resumed, examples.size(), results);
            }
            List<Classification> ordered = new ArrayList<>(examples.size());
            for (Example example : examples) {
                ordered.add(results.get(example.id()));
            }
            Duration wall = Duration.ofNanos(nanoClock.getAsLong() - start);
            return new TaskOutcome(suite, task, checkpoint, model.name(), model.fingerprint(), model.kind(),
                    model.settings(), effective,
                    ordered, resumed, wall, journalFile, baseline, model.heldOut());
        }
    }

    private void classify(String suite, Task task, Path checkpoint, RunSettings effective, Journal journal,
                          List<Example> pending, int resumed, int total, Map<String, Classification> results) {
        LoadedCheckpoint model = open(checkpoint, effective, task);
        Map<String, Example> byId = new HashMap<>();
        pending.forEach(e -> byId.put(e.id(), e));
        Progress progress = new Progress(suite + "/" + task.name() + " on " + model.name(), total, resumed,
                log, nanoClock);
        Set<String> seen = new HashSet<>();
        Consumer<Classification> sink = result -> {
            synchronized (seen) {
                Example example = byId.get(result.exampleId());
                if (example == null || !seen.add(result.exampleId())) {
                    throw new RunException("task " + task.name() + " on " + model.name()
                            + ": the classifier returned an unexpected or repeated result for example '"
                            + result.exampleId() + "'");
                }
                results.put(result.exampleId(), journal.append(example, result));
                progress.finished(result.denoiserCalls());
            }
        };
        int count = Math.min(workers, pending.size());
        Optional<RuntimeException> failure;
        if (count == 1) {
            failure = attempt(() -> model.classifier().classify(pending, sink));
        } else {
            List<LoadedCheckpoint> models = new ArrayList<>(count);
            for (int w = 0; w < count; w++) {
                models.add(open(checkpoint, effective, task, w));
            }
            failure = inParallel(models, pending, sink);
        }
        if (failure.isPresent()) {
            RuntimeException e = failure.get();
            if (e instanceof RunException || e instanceof JournalException) {
                throw e;
            }
            int finished;
            synchronized (seen) {
                finished = seen.size();
            }
            throw new RunException("task " + task.name() + " on " + model.name() + " stopped after "
                    + (resumed + finished) + " of " + total + " examples (finished ones are kept in "
                    + journal.file() + " and resume on the next run): " + e, e);
        }
        if (seen.size() != pending.size()) {
            throw new RunException("task " + task.name() + " on " + model.name() + ": the classifier returned "
                    + seen.size() + " of " + pending.size() + " results; the finished ones are in "
                    + journal.file());
        }
    }

    private static Optional<RuntimeException> attempt(Runnable work) {
        try {
            work.run();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e);
        }
    }

    /**
     * Worker w classifies examples w, w + n, w + 2n, ... of {@code pending} on {@code models.get(w)};
     * all of them finish (what they finish is journaled) before the first failure, if any, is
     * returned.
     */
    private static Optional<RuntimeException> inParallel(List<LoadedCheckpoint> models, List<Example> pending,
                                                         Consumer<Classification> sink) {
        int count = models.size();
        List<Thread> threads = new ArrayList<>(count);
        RuntimeException[] failures = new RuntimeException[count];
        Error[] errors = new Error[count];
        for (int w = 0; w < count; w++) {
            List<Example> share = new ArrayList<>();
            for (int i = w; i < pending.size(); i += count) {
                share.add(pending.get(i));
            }
            int worker = w;
            Thread thread = new Thread(() -> {
                try {
                    models.get(worker).classifier().classify(share, sink);
                } catch (RuntimeException e) {
                    failures[worker] = e;
                } catch (Error e) {
                    errors[worker] = e;
                }
            }, "diffprobe-worker-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Error error : errors) {
            if (error != null) {
                throw error;
            }
        }
        return Arrays.stream(failures).filter(Objects::nonNull).findFirst();
    }

    private List<Example> capped(Task task) {
        List<Example> examples = task.examples();
        if (examples.isEmpty()) {
            throw new RunException("task " + task.name() + " has no examples; check its data source and 'examples' count");
        }
        Set<String> ids = new HashSet<>();
        for (Example example : examples) {
            if (!ids.add(example.id())) {
                throw new RunException("task " + task.name() + ": example id '" + example.id()
                        + "' occurs twice; journals and seeds need unique ids");
            }
        }
        int cap = settings.examples().orElse(examples.size());
        return examples.subList(0, Math.min(cap, examples.size()));
    }

    private LoadedCheckpoint open(Path checkpoint, RunSettings effective, Task task) {
        return open(checkpoint, effective, task, 0);
    }

    private LoadedCheckpoint open(Path checkpoint, RunSettings effective, Task task, int worker) {
        OpenKey key = new OpenKey(checkpoint, effective.classifier(), worker);
        LoadedCheckpoint model = open.get(key);
        if (model == null) {
            try {
                model = source.open(checkpoint, effective);
            } catch (IOException | RuntimeException e) {
                // A broken model.yaml or classifier setting surfaces here, before any example runs.
                throw new RunException("task " + task.name() + ": cannot open checkpoint " + checkpoint
                        + ": " + e.getMessage(), e);
            }
            open.put(key, model);
        }
        return model;
    }

    /** The folder of a suite's journals, {@code <outputDir>/<suite>}, the name made file-safe by {@link FileNames}. */
    public Path suiteDir(String suite) {
        return settings.outputDir().resolve(FileNames.of(suite));
    }

    /** The journal of a task: {@code <outputDir>/<suite>/<task><suffix>}, names made file-safe by {@link FileNames}. */
    public Path journalPath(String suite, Task task, String suffix) {
        return suiteDir(suite).resolve(FileNames.of(task.name()) + suffix);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Map.Entry<OpenKey, LoadedCheckpoint> entry : open.entrySet()) {
            try {
                entry.getValue().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new RunException("cannot close checkpoint " + entry.getKey().checkpoint() + ": "
                            + e.getMessage(), e);
                }
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
