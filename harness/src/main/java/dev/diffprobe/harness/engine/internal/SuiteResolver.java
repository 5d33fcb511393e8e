package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.engine.DiffProbeSuites;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ResourceSupport;
import org.junit.platform.commons.io.Resource;
import org.junit.platform.commons.io.ResourceFilter;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
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
 * <li>a unique id: the suite {@code probes/<name>.yaml} on the classpath, or one of its tasks
 *     (a verdict's id selects its task, which must run whole to judge it).</li>
 * </ul>
 */
final class SuiteResolver implements SelectorResolver {
    private static final ResourceFilter SUITE_RESOURCES = ResourceFilter.of(SuiteResolver::isSuiteResource);

    private final EngineSettings settings;
    private final SuiteLoader loader;
    private final DiscoveryIssueReporter issues;

    SuiteResolver(EngineSettings settings, DiscoveryIssueReporter issues) {
        this.settings = settings;
        this.issues = issues;
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
        if (!AnnotationSupport.isAnnotated(anchor, DiffProbeSuites.class)) {
            return Resolution.unresolved();
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
        if (resources.isEmpty()) {
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

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        List<UniqueId.Segment> segments = selector.getUniqueId().getSegments();
        if (segments.size() < 2 || !segments.get(1).getType().equals(Segments.SUITE)) {
            return Resolution.unresolved();
        }
        String resource = SuiteFile.FOLDER + "/" + segments.get(1).getValue() + ".yaml";
        SuiteFile file = SuiteFile.classpath(resource);
        if (segments.size() == 2) {
            return suite(file, context);
        }
        if (!segments.get(2).getType().equals(Segments.TASK)) {
            return Resolution.unresolved();
        }
        String taskName = segments.get(2).getValue();
        Optional<LoadedSuite> loaded = loader.load(file);
        Optional<TaskSpec> spec = loaded.flatMap(s -> s.spec().tasks().stream()
                .filter(t -> t.name().equals(taskName)).findFirst());
        if (spec.isEmpty()) {
            return Resolution.unresolved();
        }
        return context.addToParent(() -> DiscoverySelectors.selectClasspathResource(resource),
                        parent -> Optional.of(task((SuiteDescriptor) parent, loaded.get(), spec.get())))
                .map(task -> Resolution.match(Match.exact(task))).orElseGet(Resolution::unresolved);
    }

    @Override
    public Resolution resolve(DiscoverySelector selector, Context context) {
        if (!(selector instanceof TaskSelector taskSelector)) {
            return Resolution.unresolved();
        }
        return context.addToParent(parent -> Optional.of(task((SuiteDescriptor) parent, taskSelector.suite(),
                        taskSelector.task())))
                .map(task -> Resolution.match(Match.exact(task))).orElseGet(Resolution::unresolved);
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

    private TaskDescriptor task(SuiteDescriptor suite, LoadedSuite loaded, TaskSpec spec) {
        TaskDescriptor task = new TaskDescriptor(suite.getUniqueId().append(Segments.TASK, spec.name()), suite, spec,
                Optional.ofNullable(loaded.taskCheckpoints().get(spec.name())));
        for (Check check : checks(spec)) {
            task.addChild(new VerdictDescriptor(task.getUniqueId().append(Segments.VERDICT, check.word()), task, check,
                    VerdictDescriptor.displayName(suite.spec(), spec, check, settings)));
        }
        return task;
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
