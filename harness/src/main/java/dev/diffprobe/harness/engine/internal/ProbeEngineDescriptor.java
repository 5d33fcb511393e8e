package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.config.Settings;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/** The engine's root, carrying the settings read at discovery to execution. */
public final class ProbeEngineDescriptor extends EngineDescriptor implements Node<ProbeContext> {
    private final Settings settings;

    public ProbeEngineDescriptor(UniqueId id, Settings settings) {
        super(id, "DiffProbe");
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }
}
