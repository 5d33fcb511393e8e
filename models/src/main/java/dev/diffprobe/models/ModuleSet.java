package dev.diffprobe.models;

import ai.djl.ndarray.NDManager;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The native resources of a checkpoint being loaded: closed together, with the base manager, if
 * loading fails half way, and handed over to the model once it succeeds ({@link #keep()}).
 */
final class ModuleSet implements AutoCloseable {

    private final NDManager base;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private boolean kept;

    ModuleSet(NDManager base) {
        this.base = base;
    }

    <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    void keep() {
        kept = true;
    }

    @Override
    public void close() {
        if (kept) {
            return;
        }
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                // the load already failed; that error is the one to report
            }
        }
        base.close();
    }
}
