package dev.diffprobe.harness.engine.internal;

import org.junit.platform.engine.TestTag;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JUnit tags of suites, tasks and verdicts ({@code -Dgroups}, {@code --include-tag}). The
 * engine gives every test of suite {@code binding} the tag {@code suite:binding} and every
 * verdict its check, {@code verdict:chance}; the YAML's own tags name kinds of tasks
 * ({@code control}, {@code pair}, {@code binding-direction}), which a suite tag may never equal.
 * So each tag selects one thing: a suite, a check, or the tasks of a kind.
 */
final class Tags {
    static final String SUITE_PREFIX = "suite:";
    static final String VERDICT_PREFIX = "verdict:";
    static final List<String> RESERVED_PREFIXES = List.of(SUITE_PREFIX, VERDICT_PREFIX);

    private Tags() {
    }

    static Set<TestTag> of(String suite, Collection<String> declared) {
        Set<TestTag> tags = declared.stream().map(TestTag::create).collect(Collectors.toCollection(LinkedHashSet::new));
        if (TestTag.isValid(SUITE_PREFIX + suite)) {
            tags.add(TestTag.create(SUITE_PREFIX + suite));
        }
        return tags;
    }

    static TestTag verdict(Check check) {
        return TestTag.create(VERDICT_PREFIX + check.word());
    }
}
