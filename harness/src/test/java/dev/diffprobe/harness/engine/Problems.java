package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.engine.internal.DiscoveryProblemDescriptor;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;

import java.util.ArrayList;
import java.util.List;

/** What discovery found wrong: the issues JUnit received and the problems that became failing tests. */
final class Problems {
    private Problems() {
    }

    static List<DiscoveryIssue> of(EngineDiscoveryResults results) {
        List<DiscoveryIssue> all = new ArrayList<>(results.getDiscoveryIssues());
        results.getEngineDescriptor().getChildren().stream()
                .filter(DiscoveryProblemDescriptor.class::isInstance)
                .map(d -> ((DiscoveryProblemDescriptor) d).issue()).forEach(all::add);
        return all;
    }

    /** The suites discovery kept: none when it found a problem. */
    static List<TestDescriptor> suites(EngineDiscoveryResults results) {
        return results.getEngineDescriptor().getChildren().stream()
                .filter(d -> !(d instanceof DiscoveryProblemDescriptor)).map(TestDescriptor.class::cast).toList();
    }
}
