package dev.diffprobe.models;

import ai.djl.engine.Engine;

/**
 * The one PyTorch engine of the process, started offline: natives come from the jars on the
 * classpath and DJL's telemetry and downloads are switched off before it first loads.
 */
final class TorchRuntime {

    private static final String ENGINE = "PyTorch";

    private TorchRuntime() {
    }

    /** Switches DJL's downloads and telemetry off unless the user set those properties. */
    static synchronized void offline() {
        defaultProperty("offline", "true");
        defaultProperty("ai.djl.offline", "true");
    }

    static synchronized Engine engine() {
        offline();
        String threads = System.getProperty(ModelSettings.THREADS);
        if (threads != null) {
            try {
                if (Integer.parseInt(threads.trim()) <= 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        ModelSettings.THREADS + " must be a positive integer, got '" + threads + "'");
            }
            defaultProperty("ai.djl.pytorch.num_threads", threads.trim());
        }
        return Engine.getEngine(ENGINE);
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
