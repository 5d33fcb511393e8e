package dev.diffprobe.models;

import ai.djl.engine.Engine;
import java.lang.System.Logger.Level;
import java.util.OptionalInt;

/**
 * The one PyTorch engine of the process, started offline: natives come from the jars on the
 * classpath and DJL's telemetry and downloads are switched off before it first loads.
 */
final class TorchRuntime {

    private static final System.Logger LOG = System.getLogger(TorchRuntime.class.getName());
    private static final String ENGINE = "PyTorch";
    private static final String DJL_THREADS = "ai.djl.pytorch.num_threads";

    /** The thread count the engine started with, once it has; libtorch cannot change it afterwards. */
    private static OptionalInt started;

    private TorchRuntime() {
    }

    /** Switches DJL's downloads and telemetry off unless the user set those properties. */
    static synchronized void offline() {
        defaultProperty("offline", "true");
        defaultProperty("ai.djl.offline", "true");
    }

    /** The engine, started on first use with {@code threads} intra-op threads (empty: libtorch's default). */
    static synchronized Engine engine(OptionalInt threads) {
        offline();
        if (started == null) {
            threads.ifPresent(n -> defaultProperty(DJL_THREADS, Integer.toString(n)));
            started = threads;
        } else if (threads.isPresent() && !threads.equals(started)) {
            LOG.log(Level.WARNING, "{0}={1} ignored: libtorch already runs with {2} in this JVM",
                    ModelSettings.THREADS, threads.getAsInt(),
                    started.isPresent() ? started.getAsInt() + " threads" : "its default thread count");
        }
        return Engine.getEngine(ENGINE);
    }

    /** The engine as already started, or started with libtorch's default threads. */
    static Engine engine() {
        return engine(OptionalInt.empty());
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
