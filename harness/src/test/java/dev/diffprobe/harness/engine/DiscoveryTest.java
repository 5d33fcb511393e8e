package dev.diffprobe.harness.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

/** Each selector kind, the suite filter, unique ids and tags, through EngineTestKit. */
class DiscoveryTest {
    private static final String SMOKE = "[engine:diffprobe]/[suite:smoke]";
    private static final String NESTED = "[engine:junit-platform-suite]/[suite:dev.diffprobe.probes.ProbesTest]"
            + "/[engine:diffprobe]";

    @TempDir
    Path dir;

    @Test
    void classpathResourceSelectsThatSuiteWithTasksAndVerdicts() {
        EngineDiscoveryResults results = discover(Map.of(), selectClasspathResource("probes/smoke.yaml"));

        assertThat(Problems.of(results)).isEmpty();
        assertThat(ids(results)).containsExactlyInAnyOrder(SMOKE,
                SMOKE + "/[task:Shape]", SMOKE + "/[task:Shape]/[verdict:threshold]",
                SMOKE + "/[task:Shape]/[verdict:chance]",
                SMOKE + "/[task:ColorShape]", SMOKE + "/[task:ColorShape]/[verdict:chance]");
        TestDescriptor shape = find(results, SMOKE + "/[task:Shape]");
        assertThat(shape.getSource()).containsInstanceOf(ClasspathResourceSource.class);
        assertThat(((ClasspathResourceSource) shape.getSource().orElseThrow()).getPosition())
                .hasValueSatisfying(p -> assertThat(p.getLine()).isEqualTo(12));
    }

    @Test
    void fileSelectsThatSuiteWhateverTheSuiteSetting() throws IOException {
        Path file = write("mine.yaml", suite("mine", "Color"));

        EngineDiscoveryResults results = discover(Map.of("suite", "smoke"), selectFile(file.toFile()));

        assertThat(Problems.of(results)).isEmpty();
        TestDescriptor suite = find(results, "[engine:diffprobe]/[suite:mine]");
        assertThat(suite.getSource()).containsInstanceOf(FileSource.class);
        assertThat(suite.getChildren()).extracting(TestDescriptor::getDisplayName).containsExactly("Color");
    }

    @Test
    void directoryScanIsFilteredBySuiteSetting() throws IOException {
        write("a.yaml", suite("a", "Color"));
        write("b.yaml", suite("b", "Shape"));
        write("notes.txt", "not a suite");

        assertThat(suiteNames(discover(Map.of("suite", "b"), selectDirectory(dir.toFile())))).containsExactly("b");
        assertThat(suiteNames(discover(Map.of("suite", "a, b"), selectDirectory(dir.toFile()))))
                .containsExactlyInAnyOrder("a", "b");
        assertThat(suiteNames(discover(Map.of("suite", "all"), selectDirectory(dir.toFile()))))
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void unknownSuiteNameIsAnErrorListingTheAvailableOnes() throws IOException {
        write("a.yaml", suite("a", "Color"));

        EngineDiscoveryResults results = discover(Map.of("suite", "bindng"), selectDirectory(dir.toFile()));

        assertThat(Problems.of(results)).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.ERROR);
            assertThat(issue.message()).contains("bindng").contains("available: a");
        });
    }

    @Test
    void classpathRootScanDefaultsToTheSmokeSuite() throws URISyntaxException {
        Path root = Path.of(getClass().getResource("/probes/smoke.yaml").toURI()).getParent().getParent();

        assertThat(suiteNames(discover(Map.of(), selectClasspathRoots(Set.of(root)).get(0))))
                .containsExactly("smoke");
        assertThat(suiteNames(discover(Map.of("suite", "all"), selectClasspathRoots(Set.of(root)).get(0))))
                .containsExactlyInAnyOrder("smoke", "other");
    }

    @Test
    void anchorClassSelectsClasspathSuitesBySuiteSetting() {
        assertThat(suiteNames(discover(Map.of(), selectClass(AnchorFixture.class)))).containsExactly("smoke");
        assertThat(suiteNames(discover(Map.of("suite", "other"), selectClass(AnchorFixture.class))))
                .containsExactly("other");
    }

    @Test
    void classWithoutTheAnchorAnnotationSelectsNothing() {
        EngineDiscoveryResults results = discover(Map.of(), selectClass(DiscoveryTest.class));

        assertThat(results.getEngineDescriptor().getChildren()).isEmpty();
        assertThat(Problems.of(results)).isEmpty();
    }

    @Test
    void uniqueIdSelectsASuiteOneTaskOrOneVerdict() {
        assertThat(suiteNames(discover(Map.of(), selectUniqueId("[engine:diffprobe]/[suite:other]"))))
                .containsExactly("other");

        EngineDiscoveryResults task = discover(Map.of(), selectUniqueId(SMOKE + "/[task:ColorShape]"));
        assertThat(ids(task)).containsExactlyInAnyOrder(SMOKE, SMOKE + "/[task:ColorShape]",
                SMOKE + "/[task:ColorShape]/[verdict:chance]");

        EngineDiscoveryResults verdict = discover(Map.of(), selectUniqueId(SMOKE + "/[task:Shape]/[verdict:chance]"));
        assertThat(ids(verdict)).containsExactlyInAnyOrder(SMOKE, SMOKE + "/[task:Shape]",
                SMOKE + "/[task:Shape]/[verdict:chance]");
    }

    @Test
    void aVerdictAndItsWholeTaskSelectedTogetherGiveTheWholeTask() {
        EngineDiscoveryResults results = EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect()))
                .selectors(selectUniqueId(SMOKE + "/[task:Shape]/[verdict:chance]"), selectUniqueId(SMOKE + "/[task:Shape]"))
                .discover();

        assertThat(ids(results)).containsExactlyInAnyOrder(SMOKE, SMOKE + "/[task:Shape]",
                SMOKE + "/[task:Shape]/[verdict:threshold]", SMOKE + "/[task:Shape]/[verdict:chance]");
    }

    /** What an IDE sends to re-run one test of the probes module: ids below the suite engine's. */
    @Test
    void uniqueIdsNestedUnderTheSuiteEngineSelectTheirSuiteTaskOrVerdict() {
        UniqueId engine = UniqueId.parse(NESTED);

        assertThat(ids(discoverNested(NESTED + "/[suite:other]"))).containsExactlyInAnyOrder(
                NESTED + "/[suite:other]", NESTED + "/[suite:other]/[task:Color]",
                NESTED + "/[suite:other]/[task:Color]/[verdict:chance]");
        assertThat(ids(discoverNested(NESTED + "/[suite:smoke]/[task:ColorShape]"))).containsExactlyInAnyOrder(
                NESTED + "/[suite:smoke]", NESTED + "/[suite:smoke]/[task:ColorShape]",
                NESTED + "/[suite:smoke]/[task:ColorShape]/[verdict:chance]");
        TestDescriptor verdict = discoverNested(NESTED + "/[suite:smoke]/[task:Shape]/[verdict:threshold]");
        assertThat(ids(verdict)).containsExactlyInAnyOrder(NESTED + "/[suite:smoke]",
                NESTED + "/[suite:smoke]/[task:Shape]", NESTED + "/[suite:smoke]/[task:Shape]/[verdict:threshold]");
        assertThat(verdict.getUniqueId()).isEqualTo(engine);
    }

    /** Surefire's and Gradle's class#method filters see verdicts as methods of the anchor class. */
    @Test
    void underAnAnchorAVerdictsSourceIsANamedMethodOfTheAnchor() {
        TestDescriptor nested = discoverNested(NESTED + "/[suite:smoke]/[task:Shape]/[verdict:threshold]");
        assertThat(find(nested, NESTED + "/[suite:smoke]/[task:Shape]/[verdict:threshold]").getSource())
                .contains(MethodSource.from("dev.diffprobe.probes.ProbesTest", "smoke.Shape.threshold"));

        EngineDiscoveryResults anchored = discover(Map.of(), selectClass(AnchorFixture.class));
        assertThat(find(anchored, SMOKE + "/[task:Shape]/[verdict:chance]").getSource())
                .contains(MethodSource.from(AnchorFixture.class.getName(), "smoke.Shape.chance"));
        assertThat(find(anchored, SMOKE + "/[task:Shape]").getSource())
                .containsInstanceOf(ClasspathResourceSource.class);

        EngineDiscoveryResults file = discover(Map.of(), selectClasspathResource("probes/smoke.yaml"));
        assertThat(find(file, SMOKE + "/[task:Shape]/[verdict:chance]").getSource())
                .isEqualTo(find(file, SMOKE + "/[task:Shape]").getSource());
    }

    @Test
    void aUniqueIdNamingNoTaskOrVerdictIsAnErrorNamingWhatExists() {
        EngineDiscoveryResults task = discover(Map.of(), selectUniqueId(SMOKE + "/[task:Shap]"));
        assertThat(Problems.of(task)).anySatisfy(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.ERROR);
            assertThat(issue.message()).contains("[task:Shap]").contains("its tasks: Shape, ColorShape");
        });

        EngineDiscoveryResults verdict = discover(Map.of(), selectUniqueId(SMOKE + "/[task:Shape]/[verdict:regression]"));
        assertThat(Problems.of(verdict)).anySatisfy(issue ->
                assertThat(issue.message()).contains("no verdict regression").contains("its verdicts: threshold, chance"));
    }

    @Test
    void uniqueIdsAreTheSameInEveryDiscovery() {
        Set<String> first = ids(discover(Map.of("suite", "all"), selectClass(AnchorFixture.class)));
        Set<String> second = ids(discover(Map.of("suite", "all"), selectClass(AnchorFixture.class)));

        assertThat(first).hasSize(9).isEqualTo(second);
    }

    @Test
    void yamlTagsAndTheEnginesSuiteAndVerdictTagsBecomeTestTags() {
        EngineDiscoveryResults results = discover(Map.of(), selectClasspathResource("probes/smoke.yaml"));

        assertThat(find(results, SMOKE).getTags()).containsExactlyInAnyOrder(TestTag.create("fast"),
                TestTag.create("suite:smoke"));
        assertThat(find(results, SMOKE + "/[task:Shape]").getTags()).containsExactlyInAnyOrder(TestTag.create("fast"),
                TestTag.create("control"), TestTag.create("suite:smoke"));
        assertThat(find(results, SMOKE + "/[task:Shape]/[verdict:threshold]").getTags()).containsExactlyInAnyOrder(
                TestTag.create("fast"), TestTag.create("control"), TestTag.create("suite:smoke"),
                TestTag.create("verdict:threshold"));
        assertThat(find(results, SMOKE + "/[task:ColorShape]/[verdict:chance]").getTags()).containsExactlyInAnyOrder(
                TestTag.create("fast"), TestTag.create("suite:smoke"), TestTag.create("verdict:chance"));
    }

    /** -Dgroups as Surefire hands it to the launcher: a kind of task, a suite and a check each select alone. */
    @Test
    void eachTagSelectsOneThing() throws IOException {
        Path file = write("kinds.yaml", "suite: kinds\ncheckpoint: src/test/resources/checkpoints/fake\nexamples: 4\n"
                + "tasks:\n  - name: Shape\n    type: binding\n    tags: [control]\n    thresholds:\n      accuracy: 0.5\n"
                + "  - name: ShapeColor\n    type: binding\n    tags: [binding-direction]\n");

        assertThat(verdictIds(file, "binding-direction")).containsExactly("ShapeColor/chance");
        assertThat(verdictIds(file, "suite:kinds")).containsExactlyInAnyOrder("Shape/threshold", "Shape/chance",
                "ShapeColor/chance");
        assertThat(verdictIds(file, "verdict:chance")).containsExactlyInAnyOrder("Shape/chance", "ShapeColor/chance");
    }

    private List<String> verdictIds(Path suite, String tag) {
        return EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect())).selectors(selectFile(suite.toFile()))
                .configurationParameter("diffprobe.output", dir.resolve("out-" + tag.replace(':', '-')).toString())
                .filters(TagFilter.includeTags(tag)).execute().testEvents().started().stream()
                .map(e -> e.getTestDescriptor().getUniqueId().getSegments())
                .map(s -> s.get(2).getValue() + "/" + s.get(3).getValue()).toList();
    }

    @Test
    void aboveChanceFalseDropsTheChanceVerdictAndATaskMayTurnItBackOn() throws IOException {
        Path file = write("quiet.yaml", "suite: quiet\ncheckpoint: src/test/resources/checkpoints/fake\nexamples: 4\n"
                + "above_chance: false\ntasks:\n  - name: Color\n    type: binding\n    thresholds:\n      accuracy: 0.6\n"
                + "  - name: Shape\n    type: binding\n    above_chance: true\n");

        EngineDiscoveryResults results = discover(Map.of(), selectFile(file.toFile()));

        assertThat(Problems.of(results)).isEmpty();
        String suite = "[engine:diffprobe]/[suite:quiet]";
        assertThat(ids(results)).containsExactlyInAnyOrder(suite, suite + "/[task:Color]",
                suite + "/[task:Color]/[verdict:threshold]", suite + "/[task:Shape]", suite + "/[task:Shape]/[verdict:chance]");
    }

    @Test
    void baselineAddsARegressionVerdictToEveryTask() {
        EngineDiscoveryResults results = discover(Map.of("baseline", "src/test/resources/checkpoints/fake"),
                selectClasspathResource("probes/smoke.yaml"));

        assertThat(Problems.of(results)).isEmpty();
        assertThat(ids(results)).contains(SMOKE + "/[task:Shape]/[verdict:regression]",
                SMOKE + "/[task:ColorShape]/[verdict:regression]");
    }

    @Test
    void unknownDiffprobeSettingIsAnErrorNamingTheKnownOnes() {
        EngineDiscoveryResults results = discover(Map.of("diffprobe.classifier.maxScore", "9"),
                selectClasspathResource("probes/smoke.yaml"));

        assertThat(Problems.of(results)).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.ERROR);
            assertThat(issue.message()).contains("diffprobe.classifier.maxScore")
                    .contains("diffprobe.classifier.maxScores");
        });
    }

    @Test
    void badSettingValuesAreErrors() {
        EngineDiscoveryResults results = discover(Map.of("examples", "0", "seed", "x", "model", "no-such-model",
                "diffprobe.alpha", "5"), selectClasspathResource("probes/smoke.yaml"));

        assertThat(Problems.of(results)).extracting(DiscoveryIssue::message)
                .anySatisfy(m -> assertThat(m).contains("-Dexamples=0"))
                .anySatisfy(m -> assertThat(m).contains("-Dseed=x"))
                .anySatisfy(m -> assertThat(m).contains("-Dmodel").contains("no-such-model"))
                .anySatisfy(m -> assertThat(m).contains("-Ddiffprobe.alpha=5"));
    }

    @Test
    void anExamplesCountBeyondAnIntOrAFailedShareOutsideZeroToOneIsAnError() {
        EngineDiscoveryResults results = discover(Map.of("examples", "1000000000000",
                "diffprobe.maxFailedShare", "5"), selectClasspathResource("probes/smoke.yaml"));

        assertThat(Problems.of(results)).extracting(DiscoveryIssue::message)
                .anySatisfy(m -> assertThat(m).contains("-Dexamples=1000000000000: expected a whole number from 1 to 2147483647"))
                .anySatisfy(m -> assertThat(m).contains("-Ddiffprobe.maxFailedShare=5: expected a fraction in [0, 1]"));
    }

    private EngineDiscoveryResults discover(Map<String, String> settings, DiscoverySelector selector) {
        return EngineTestKit.engine(new DiffProbeEngine(FakeClassifiers.perfect()))
                .configurationParameters(settings).selectors(selector).discover();
    }

    /** Discovery as the suite engine runs it: the engine's id below the suite's, the selector as the IDE sent it. */
    private static TestDescriptor discoverNested(String uniqueId) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectUniqueId(uniqueId)).build();
        return new DiffProbeEngine(FakeClassifiers.perfect()).discover(request, UniqueId.parse(NESTED));
    }

    private static Set<String> ids(TestDescriptor engine) {
        return engine.getDescendants().stream().map(d -> d.getUniqueId().toString()).collect(Collectors.toSet());
    }

    private static TestDescriptor find(TestDescriptor engine, String id) {
        return engine.getDescendants().stream().filter(d -> d.getUniqueId().toString().equals(id)).findFirst()
                .orElseThrow();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    static String suite(String name, String task) {
        return "suite: " + name + "\ncheckpoint: src/test/resources/checkpoints/fake\nexamples: 4\ntasks:\n"
                + "  - name: " + task + "\n    type: binding\n";
    }

    private static List<String> suiteNames(EngineDiscoveryResults results) {
        return results.getEngineDescriptor().getChildren().stream().map(TestDescriptor::getDisplayName).toList();
    }

    private static Set<String> ids(EngineDiscoveryResults results) {
        return results.getEngineDescriptor().getDescendants().stream().map(d -> d.getUniqueId().toString())
                .collect(Collectors.toSet());
    }

    private static TestDescriptor find(EngineDiscoveryResults results, String id) {
        return results.getEngineDescriptor().getDescendants().stream()
                .filter(d -> d.getUniqueId().toString().equals(id)).findFirst().orElseThrow();
    }
}
