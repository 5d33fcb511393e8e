package dev.diffprobe.harness.engine.internal;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

import java.util.Set;

/**
 * A problem found at discovery (a bad setting, a broken suite file, a selection that selects
 * nothing), as a test that fails with the problem as its whole message. Reported to JUnit as an
 * ERROR discovery issue instead, it would end Surefire's fork with an exception whose stack trace
 * of forty lines buries the one line that matters; a failing test is printed as its message.
 */
public final class DiscoveryProblemDescriptor extends AbstractTestDescriptor implements Node<ProbeContext> {
    private final DiscoveryIssue issue;
    private final Set<TestTag> tags;

    DiscoveryProblemDescriptor(UniqueId id, DiscoveryIssue issue, Set<TestTag> tags) {
        super(id, "discovery problem: " + firstLine(issue.message()), issue.source().orElse(null));
        this.issue = issue;
        this.tags = Set.copyOf(tags);
    }

    /** The problem as discovery found it, with the place in the suite file where there is one. */
    public DiscoveryIssue issue() {
        return issue;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    /** Tags that the run's own tag selection keeps, so that {@code -Dgroups} cannot filter the problem away. */
    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    @Override
    public ProbeContext execute(ProbeContext context, DynamicTestExecutor executor) {
        throw new DiscoveryProblem(issue.message());
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
