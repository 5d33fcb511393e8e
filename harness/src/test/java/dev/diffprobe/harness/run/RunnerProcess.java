package dev.diffprobe.harness.run;

import dev.diffprobe.harness.classify.ZeroShotClassifier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A run of one task in a JVM of its own, for {@link TwoProcessesTest}: prints {@code classifying}
 * when it starts computing (it holds the journal then), sleeps {@code delayMillis} per example,
 * and ends with {@code computed N} and the outcome's digest; a third argument bounds its wait for
 * another run's lock, in seconds.
 */
public final class RunnerProcess {
    private RunnerProcess() {
    }

    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        long delayMillis = Long.parseLong(args[1]);
        RunSettings settings = Fixtures.settings(out);
        if (args.length > 2) {
            settings = new RunSettings(settings.checkpoint(), settings.baseline(), settings.seed(), settings.examples(),
                    settings.classifier(), settings.outputDir(), Duration.ofSeconds(Long.parseLong(args[2])));
        }
        AtomicInteger computed = new AtomicInteger();
        ZeroShotClassifier slow = (examples, sink) -> {
            System.out.println("classifying");
            System.out.flush();
            for (var example : examples) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                computed.incrementAndGet();
                sink.accept(FakeClassifier.result(11, example));
            }
        };
        ClassifierSource source = (checkpoint, classifier) -> new LoadedCheckpoint("tiny", "fp1", "diffusion", slow,
                Map.of(), () -> { });
        try (TaskRunner runner = new TaskRunner(settings, source)) {
            TaskOutcome outcome = runner.run("binding", Fixtures.task("ShapeColor", TwoProcessesTest.EXAMPLES));
            System.out.println("computed " + computed.get());
            System.out.println("outcome " + String.join(";", Fixtures.describe(outcome)).hashCode());
        }
    }
}
