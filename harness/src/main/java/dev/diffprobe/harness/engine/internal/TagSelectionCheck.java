package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.config.DiffProbeSettings;
import dev.diffprobe.harness.config.TagSelection;
import org.junit.platform.commons.PreconditionViolationException;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Surefire filters the engine's tests by {@code -Dgroups} after discovery; when nothing is left,
 * JUnit's suite engine ends with a bare "did not discover any tests". Evaluated here on the
 * discovered tests, such a selection becomes an error that says what was asked and which tags exist.
 */
final class TagSelectionCheck {
    private TagSelectionCheck() {
    }

    static Optional<String> problem(TagSelection selection, TestDescriptor engine) {
        if (selection.isEmpty()) {
            return Optional.empty();
        }
        String asked = asked(selection);
        List<PostDiscoveryFilter> filters;
        try {
            filters = filters(selection);
        } catch (PreconditionViolationException e) {
            return Optional.of(asked + ": not a JUnit tag expression: " + e.getMessage());
        }
        Set<? extends TestDescriptor> tests = engine.getDescendants().stream().filter(TestDescriptor::isTest)
                .collect(Collectors.toSet());
        boolean any = tests.stream().anyMatch(t -> filters.stream().allMatch(f -> f.apply(t).included()));
        if (any || tests.isEmpty()) {
            return Optional.empty();
        }
        Set<String> tags = new TreeSet<>();
        tests.forEach(t -> t.getTags().stream().map(TestTag::getName).forEach(tags::add));
        return Optional.of(asked + " selects none of the " + tests.size() + " tests discovered; their tags: "
                + (tags.isEmpty() ? "(none)" : String.join(", ", tags)));
    }

    /**
     * A set of tags that {@code selection} keeps on the test {@code tagged} makes with them, found
     * by trying every subset of the names its
     * expressions mention (few in practice; at most {@value #MAX_NAMES} are tried); empty when
     * none is kept, e.g. for {@code a & !a} or an expression that is not one.
     */
    static Optional<Set<TestTag>> kept(TagSelection selection, Function<Set<TestTag>, TestDescriptor> tagged) {
        List<PostDiscoveryFilter> filters;
        try {
            filters = filters(selection);
        } catch (PreconditionViolationException e) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(new TreeSet<>(Stream.concat(selection.included().stream(),
                        selection.excluded().stream())
                .flatMap(e -> Arrays.stream(e.split("[\\s&|!(),]+")))
                .filter(name -> !name.isEmpty() && TestTag.isValid(name)).toList()));
        int n = Math.min(names.size(), MAX_NAMES);
        for (long subset = 0; subset < 1L << n; subset++) {
            Set<TestTag> tags = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
                if ((subset & 1L << i) != 0) {
                    tags.add(TestTag.create(names.get(i)));
                }
            }
            TestDescriptor probe = tagged.apply(tags);
            if (filters.stream().allMatch(f -> f.apply(probe).included())) {
                return Optional.of(tags);
            }
        }
        return Optional.empty();
    }

    private static final int MAX_NAMES = 12;

    /** Surefire's filters for the selection; throws when an expression is not a JUnit tag expression. */
    private static List<PostDiscoveryFilter> filters(TagSelection selection) {
        List<PostDiscoveryFilter> filters = new ArrayList<>();
        selection.included().ifPresent(e -> filters.add(TagFilter.includeTags(e)));
        selection.excluded().ifPresent(e -> filters.add(TagFilter.excludeTags(e)));
        return filters;
    }

    private static String asked(TagSelection selection) {
        List<String> parts = new ArrayList<>();
        selection.included().ifPresent(e -> parts.add("-D" + DiffProbeSettings.GROUPS + "=" + e));
        selection.excluded().ifPresent(e -> parts.add("-D" + DiffProbeSettings.EXCLUDED_GROUPS + "=" + e));
        return String.join(" ", parts);
    }
}
