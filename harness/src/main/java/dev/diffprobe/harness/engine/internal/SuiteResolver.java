package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.config.DiffProbeSettings;
import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.engine.DiffProbeSuites;
import org.junit.platform.commons.support.ResourceSupport;
import org.junit.platform.commons.io.Resource;
import org.junit.platform.commons.io.ResourceFilter;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Resolves every selector kind the engine understands into suites, tasks and verdicts:
 * <ul>
 * <li>a class annotated {@link DiffProbeSuites} (what Surefire sends): every {@code probes/*.yaml}
 *     on the classpath, filtered by the {@code suite} setting;</li>
 * <li>a classpath root or a directory: the suite files in it, filtered likewise;</li>
 * <li>a classpath resource or a file ending in .yaml or .yml: that suite, whatever the filter;</li>
 * <li>a unique id, also one nested under the suite engine: the suite {@code probes/<name>.yaml}
 *     on the classpath, one of its tasks, or one verdict of a task (the task still classifies
 *     all its examples, since the verdict judges them all).</li>
 * </ul>
 * At the root of a plan, an anchor that is a JUnit {@code @Suite}, and a classpath root holding
 * one, are left to the suite engine (see {@link Anchors}), so that each suite runs once.
 */
final class SuiteResolver implements SelectorResolver {
    private static final ResourceFilter SUITE_RESOURCES = ResourceFilter.of(SuiteResolver::isSuiteResource);

    private final Settings settings;
    private final SuiteLoader loader;
    private final DiscoveryIssueReporter issues;
    private final UniqueId engineId;
    private final Anchors anchors;
    private Optional<String> anchorClass;

    SuiteResolver(Settings settings, UniqueId engineId, Anchors anchors, DiscoveryIssueReporter issues) {
        this.settings = settings;
        this.issues = issues;
        this.engineId = engineId;
        this.anchors = anchors;
        this.anchorClass = anchors.nestingSuiteClass();
        this.loader = new SuiteLoader(settings, issues);
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        Class<?> anchor;
        try {
            anchor = selector.getJavaClass();
        } catch (RuntimeException e) {
            return Resolution.unresolved();
        }
        if (!Anchors.isAnchor(anchor) || anchors.leftToSuiteEngine(anchor)) {
            return Resolution.unresolved();
        }
        if (anchorClass.isEmpty()) {
            anchorClass = Optional.of(anchor.getName());
        }
        List<String> resources = ResourceSupport.findAllResourcesInPackage(SuiteFile.FOLDER, SUITE_RESOURCES)
                .stream().map(Resource::getName).distinct().sorted().toList();
        return filtered(resources.stream().map(SuiteFile::classpath).toList(), Optional.of("the classpath folder "
                + SuiteFile.FOLDER + "/ (anchor " + anchor.getName() + ")"));
    }

    @Override
    public Resolution resolve(ClasspathRootSelector selector, Context context) {
        List<String> resources = ResourceSupport.findAllResourcesInClasspathRoot(selector.getClasspathRoot(),
                SUITE_RESOURCES).stream().map(Resource::getName).sorted().toList();
        if (resources.isEmpty() || anchors.scanLeftToSuiteEngine()) {
            return Resolution.unresolved();
        }
        // An IDE sends every root of a module; a suite asked for need only be in one of them.
        return filtered(resources.stream().map(SuiteFile::classpath).toList(), Optional.empty());
    }

    @Override
    public Resolution resolve(DirectorySelector selector, Context context) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(selector.getPath())) {
            files = walk.filter(Files::isRegularFile).filter(p -> SuiteFile.isSuiteName(p.getFileName().toString()))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, "cannot list suite files in "
                    + selector.getPath() + ": " + e.getMessage()));
            return Resolution.unresolved();
        }
        if (files.isEmpty()) {
            return Resolution.unresolved();
        }
        return filtered(files.stream().map(SuiteFile::file).toList(), Optional.of("directory " + selector.getPath()));
    }

    @Override
    public Resolution resolve(ClasspathResourceSelector selector, Context context) {
        String name = selector.getClasspathResourceName();
        String resource = name.startsWith("/") ? name.substring(1) : name;
        return SuiteFile.isSuiteName(resource) ? suite(SuiteFile.classpath(resource), context) : Resolution.unresolved();
    }

    @Override
    public Resolution resolve(FileSelector selector, Context context) {
        return SuiteFile.isSuiteName(selector.getRawPath()) ? suite(SuiteFile.file(selector.getPath()), context)
                : Resolution.unresolved();
    }

    /**
     * A unique id below this engine's own, which is {@code [engine:diffprobe]} at the root of a
     * plan and longer under the suite engine; ids of other engines never reach here.
     */
    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        List<UniqueId.Segment> segments = id.getSegments().subList(engineId.getSegments().size(),
                id.getSegments().size());
        if (segments.isEmpty() || !segments.get(0).getType().equals(Segments.SUITE)) {
            return Resolution.unresolved();
        }
        String suiteName = segments.get(0).getValue();
        SuiteFile file = SuiteFile.classpath(SuiteFile.FOLDER + "/" + suiteName + ".yaml");
        if (segments.size() == 1) {
            return suite(file, context);
        }
        Optional<LoadedSuite> loaded = loader.load(file);
        if (loaded.isEmpty() || !segments.get(1).getType().equals(Segments.TASK)) {
            return Resolution.unresolved();
        }
        String taskName = segments.get(1).getValue();
        Optional<TaskSpec> spec = loaded.get().spec().tasks().stream()
                .filter(t -> t.name().equals(taskName)).findFirst();
        if (spec.isEmpty()) {
            return notFound(id, "suite " + suiteName + " has no task " + taskName + "; its tasks: "
                    + loaded.get().spec().tasks().stream().map(TaskSpec::name).collect(Collectors.joining(", ")));
        }
        UniqueId suiteId = engineId.append(Segments.SUITE, suiteName);
        if (segments.size() == 2) {
            return context.addToParent(() -> DiscoverySelectors.selectUniqueId(suiteId),
                            parent -> Optional.of(task((SuiteDescriptor) parent, loaded.get(), spec.get())))
                    .map(task -> Resolution.match(Match.exact(task, () -> verdictSelectors(task))))
                    .orElseGet(Resolution::unresolved);
        }
        if (segments.size() > 3 || !segments.get(2).getType().equals(Segments.VERDICT)) {
            return Resolution.unresolved();
        }
        String word = segments.get(2).getValue();
        Optional<Check> check = checks(spec.get()).stream().filter(c -> c.word().equals(word)).findFirst();
        if (check.isEmpty()) {
            return notFound(id, "task " + taskName + " of suite " + suiteName + " has no verdict " + word
                    + " with these settings; its verdicts: "
                    + checks(spec.get()).stream().map(Check::word).collect(Collectors.joining(", ")));
        }
        UniqueId taskId = suiteId.append(Segments.TASK, taskName);
        return context.addToParent(() -> DiscoverySelectors.selectUniqueId(taskId),
                        parent -> Optional.of(verdict((TaskDescriptor) parent, check.get())))
                .map(verdict -> Resolution.match(Match.exact(verdict))).orElseGet(Resolution::unresolved);
    }

    @Override
    public Resolution resolve(DiscoverySelector selector, Context context) {
        if (selector instanceof TaskSelector taskSelector) {
            return context.addToParent(parent -> Optional.of(task((SuiteDescriptor) parent, taskSelector.suite(),
                            taskSelector.task())))
                    .map(task -> Resolution.match(Match.exact(task, () -> verdictSelectors(task))))
                    .orElseGet(Resolution::unresolved);
        }
        if (selector instanceof VerdictSelector verdictSelector) {
            return context.addToParent(parent -> Optional.of(verdict((TaskDescriptor) parent, verdictSelector.check())))
                    .map(verdict -> Resolution.match(Match.exact(verdict))).orElseGet(Resolution::unresolved);
        }
        return Resolution.unresolved();
    }

    /** An id asked for by name (an IDE re-running a test) that names nothing must not select nothing silently. */
    private Resolution notFound(UniqueId id, String why) {
        issues.reportIssue(DiscoveryIssue.create(Severity.ERROR, "unique id " + id + " selects nothing: " + why));
        return Resolution.unresolved();
    }

    private Resolution suite(SuiteFile file, Context context) {
        Optional<LoadedSuite> loaded = loader.load(file);
        if (loaded.isEmpty()) {
            return Resolution.unresolved();
        }
        LoadedSuite suite = loaded.get();
        return context.addToParent(parent -> Optional.of(new SuiteDescriptor(
                        parent.getUniqueId().append(Segments.SUITE, suite.spec().name()), suite.spec(), file,
                        suite.checkpoint(), suite.baseline())))
                .map(descriptor -> Resolution.match(Match.exact(descriptor, () -> taskSelectors(suite))))
                .orElseGet(Resolution::unresolved);
    }

    private static Set<DiscoverySelector> taskSelectors(LoadedSuite suite) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        suite.spec().tasks().forEach(task -> selectors.add(new TaskSelector(suite, task)));
        return selectors;
    }

    private Set<DiscoverySelector> verdictSelectors(TaskDescriptor task) {
        return checks(task.spec()).stream().map(check -> new VerdictSelector(task.getUniqueId(), check))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private TaskDescriptor task(SuiteDescriptor suite, LoadedSuite loaded, TaskSpec spec) {
        return new TaskDescriptor(suite.getUniqueId().append(Segments.TASK, spec.name()), suite, spec,
                Optional.ofNullable(loaded.taskCheckpoints().get(spec.name())));
    }

    /**
     * A verdict test. Under an anchor class its source is a method of that class named
     * {@code <suite>.<task>.<verdict>}, which no Java method is: it is there so that the
     * class#method filters of Surefire ({@code -Dtest=ProbesTest#*Color*}) and Gradle match
     * verdicts by name. Without an anchor it points at its task's line in the suite file.
     */
    private VerdictDescriptor verdict(TaskDescriptor task, Check check) {
        String suite = task.suite().spec().name();
        TaskSpec spec = task.spec();
        TestSource source = anchorClass.<TestSource>map(a -> MethodSource.from(a, suite + "." + spec.name() + "."
                + check.word())).orElseGet(() -> task.getSource().orElse(null));
        return new VerdictDescriptor(task.getUniqueId().append(Segments.VERDICT, check.word()), task, check,
                VerdictDescriptor.displayName(task.suite().spec(), spec, check, settings), source);
    }

    /** The verdicts a task gets: its declared thresholds, chance unless turned off, regression with a baseline. */
    private List<Check> checks(TaskSpec spec) {
        Stream.Builder<Check> checks = Stream.builder();
        spec.thresholds().accuracy().ifPresent(t -> checks.add(Check.THRESHOLD));
        if (spec.aboveChance()) {
            checks.add(Check.CHANCE);
        }
        if (settings.baseline().isPresent()) {
            checks.add(Check.REGRESSION);
        }
        spec.thresholds().shapeBias().ifPresent(t -> checks.add(Check.SHAPE_BIAS));
        List<Check> list = checks.build().toList();
        return list.isEmpty() ? List.of(Check.COMPLETED) : list;
    }

    /**
     * The suites of a scan that the {@code suite} setting asks for. When the scan covers every
     * place suites may be ({@code where} is given), a name asked for but absent is an error.
     */
    private Resolution filtered(List<SuiteFile> found, Optional<String> where) {
        Set<String> available = found.stream().map(SuiteFile::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(settings.wantedNames());
        missing.removeAll(available);
        if (settings.suites().filter(Set::isEmpty).isPresent() && where.isPresent()) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, "-D" + DiffProbeSettings.SUITE
                    + " is empty, so it asks for no suite; name one or more, comma-separated, or "
                    + DiffProbeSettings.ALL_SUITES + " (" + where.get() + " has " + String.join(", ", available) + ")"));
        }
        if (!missing.isEmpty() && where.isPresent()) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, "-Dsuite asks for " + String.join(", ", missing)
                    + " but " + where.get() + " has no such suite; available: " + String.join(", ", available)));
        }
        Set<DiscoverySelector> selectors = found.stream().filter(f -> settings.wants(f.name()))
                .map(SuiteResolver::selector).collect(Collectors.toCollection(LinkedHashSet::new));
        return selectors.isEmpty() ? Resolution.unresolved() : Resolution.selectors(selectors);
    }

    private static DiscoverySelector selector(SuiteFile file) {
        return file.path().<DiscoverySelector>map(p -> DiscoverySelectors.selectFile(p.toFile()))
                .orElseGet(() -> DiscoverySelectors.selectClasspathResource(file.resource().orElseThrow()));
    }

    private static boolean isSuiteResource(Resource resource) {
        String name = resource.getName();
        return name.startsWith(SuiteFile.FOLDER + "/") && name.indexOf('/', SuiteFile.FOLDER.length() + 1) < 0
                && SuiteFile.isSuiteName(name);
    }
}
