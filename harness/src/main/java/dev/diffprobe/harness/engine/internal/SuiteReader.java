package dev.diffprobe.harness.engine.internal;

import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.run.Comparison;
import dev.diffprobe.harness.run.FileNames;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

import dev.diffprobe.harness.run.Expectation;

/**
 * Reads suite YAML into a {@link SuiteSpec}, collecting every problem with its line instead of
 * stopping at the first, so that one run shows the author all of them. Works on the composed
 * node tree (not on plain maps) because only nodes keep their line numbers; composing builds no
 * Java objects from tags, which is what makes the load safe.
 */
public final class SuiteReader {
    static final Set<String> SUITE_KEYS = Set.of("suite", "description", "checkpoint", "seed", "examples", "above_chance",
            "expect", "classifier", "tags", "tasks", "comparisons");
    static final Set<String> TASK_KEYS = Set.of("name", "type", "source", "split", "examples", "template", "above_chance",
            "expect", "checkpoint", "classifier", "thresholds", "tags");
    static final Set<String> COMPARISON_KEYS = Set.of("name", "claim", "candidate", "reference", "margin",
            "calls_fraction");
    static final Set<String> THRESHOLD_KEYS = Set.of("accuracy", "max_drop", "shape_bias");

    /** Aliases are never needed in a suite; a small cap stops a "billion laughs" file. */
    private static final int MAX_ALIASES = 10;

    private final String expectedName;
    private final Set<String> classifierKeys;
    private final SuiteChecks checks;
    private final List<SuiteProblem> problems = new ArrayList<>();
    /** The line of each classifier setting in the file; a {@code -D} setting has none. */
    private final Map<String, Integer> classifierLines = new java.util.HashMap<>();
    /** The suite-level classifier settings found bad, so that tasks keeping them do not repeat the report. */
    private final Set<String> suiteSettingProblems = new HashSet<>();

    private SuiteReader(String expectedName, Set<String> classifierKeys, SuiteChecks checks) {
        this.expectedName = expectedName;
        this.classifierKeys = classifierKeys;
        this.checks = checks;
    }

    /**
     * What the reader cannot judge from the text alone: whether a checkpoint, a classifier
     * setting's value or a task's source exists. Each answers a problem message, or empty.
     */
    public interface SuiteChecks {
        /** @param suiteLevel whether this is the suite's {@code checkpoint}, which {@code -Dmodel} replaces */
        Optional<String> checkpoint(String reference, boolean suiteLevel);

        /** Every problem of the classifier settings, each naming its setting when it is about one. */
        List<SettingProblem> classifier(Map<String, String> settings, long seed);

        /** What is wrong with a task's source (an unknown binding task or dataset). */
        default Optional<String> source(TaskSpec task) {
            return TaskFactory.sourceProblem(task);
        }

        /** The accuracy a guess gets on the task, known from its type and source alone; empty if unknown. */
        default OptionalDouble chance(TaskType type, String source) {
            return TaskFactory.chance(type, source);
        }

        /** What is wrong with a comparison's claim or its parameters. */
        default Optional<String> comparison(Comparison comparison) {
            return Optional.empty();
        }
    }

    /** A problem of one classifier setting ({@code key}), or of their combination ({@code key} empty). */
    public record SettingProblem(Optional<String> key, String message) {
    }

    /** A suite (when it had no problem) and the problems found. */
    public record Result(Optional<SuiteSpec> suite, List<SuiteProblem> problems) {
    }

    /**
     * @param expectedName the file's base name, which the {@code suite} field must equal
     * @param classifierKeys the setting names the {@code classifier} map may use
     * @param checks the checks against checkpoints, classifier and task sources
     */
    public static Result read(String expectedName, String yaml, Set<String> classifierKeys, SuiteChecks checks) {
        SuiteReader reader = new SuiteReader(expectedName, classifierKeys, checks);
        Optional<SuiteSpec> suite = reader.compose(yaml).flatMap(reader::suite);
        return new Result(reader.problems.isEmpty() ? suite : Optional.empty(), List.copyOf(reader.problems));
    }

    /**
     * Reads a suite for tools that study its verdicts without running it (error-rate
     * simulation): task sources and chance are checked, checkpoints and classifier settings not.
     */
    public static Result readOffline(String expectedName, String yaml) {
        return read(expectedName, yaml, Settings.CLASSIFIER_KEYS, new SuiteChecks() {
            @Override
            public Optional<String> checkpoint(String reference, boolean suiteLevel) {
                return Optional.empty();
            }

            @Override
            public List<SettingProblem> classifier(Map<String, String> settings, long seed) {
                return List.of();
            }

        });
    }

    private Optional<Node> compose(String yaml) {
        LoadSettings settings = LoadSettings.builder().setLabel(expectedName)
                .setMaxAliasesForCollections(MAX_ALIASES).build();
        try {
            Optional<Node> root = new Compose(settings).composeString(yaml);
            if (root.isEmpty()) {
                problem(0, "the file is empty; a suite needs at least 'suite', 'checkpoint' and 'tasks'");
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            problem(line, "malformed YAML: " + e.getProblem());
            return Optional.empty();
        } catch (YamlEngineException e) {
            problem(0, "malformed YAML: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<SuiteSpec> suite(Node root) {
        Optional<Map<String, Node>> fields = mapping(root, "the suite", SUITE_KEYS);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Node> f = fields.get();
        Optional<String> name = required(f, "suite", root).flatMap(n -> text(n, "suite"));
        name.filter(n -> !n.equals(expectedName)).ifPresent(n -> problem(line(f.get("suite")),
                "suite name '" + n + "' differs from the file name '" + expectedName
                        + ".yaml'; they must match so that -Dsuite=" + n + " finds this file"));
        String description = optional(f, "description").flatMap(n -> text(n, "description")).orElse("");
        Optional<String> checkpoint = required(f, "checkpoint", root).flatMap(n -> text(n, "checkpoint"));
        checkpoint.flatMap(c -> checks.checkpoint(c, true)).ifPresent(p -> problem(line(f.get("checkpoint")), p));
        long seed = optional(f, "seed").flatMap(n -> integer(n, "seed", Long.MIN_VALUE, Long.MAX_VALUE)).orElse(0L);
        int examples = optional(f, "examples").flatMap(n -> integer(n, "examples", 1, Integer.MAX_VALUE))
                .map(Long::intValue).orElse(0);
        Map<String, String> classifier = optional(f, "classifier").map(this::classifier).orElse(Map.of());
        for (SettingProblem p : checks.classifier(classifier, seed)) {
            p.key().ifPresent(suiteSettingProblems::add);
            problem(p.key().map(classifierLines::get).orElseGet(() -> line(f.get("classifier"))), p.message());
        }
        List<String> tags = optional(f, "tags").map(n -> tags(n, "tags")).orElse(List.of());
        boolean aboveChance = optional(f, "above_chance").flatMap(n -> bool(n, "above_chance")).orElse(true);
        Expectation expect = optional(f, "expect").flatMap(n -> expectation(n, "the suite")).orElse(Expectation.ABOVE);
        List<TaskSpec> tasks = required(f, "tasks", root).map(n -> tasks(n, examples, aboveChance, expect, classifier,
                        seed))
                .orElse(List.of());
        List<ComparisonSpec> comparisons = optional(f, "comparisons").map(n -> comparisons(n, tasks))
                .orElse(List.of());
        Set<String> compared = new HashSet<>();
        comparisons.forEach(c -> {
            compared.addAll(c.comparison().candidate());
            compared.addAll(c.comparison().reference());
        });
        tasks.stream().filter(t -> !hasVerdict(t) && !compared.contains(t.name())).forEach(t -> problem(t.line(),
                "task '" + t.name() + "' has no verdict: above_chance is false, it sets no accuracy or shape_bias"
                        + " threshold and no comparison names it, so it would never run"));
        for (TaskSpec task : tasks) {
            task.tags().stream().filter(tags::contains).forEach(tag -> problem(task.line(), "task " + task.name()
                    + " has the tag '" + tag + "' that the suite has too, so -Dgroups=" + tag + " could not select"
                    + " such tasks apart from the whole suite; suite tags go on every task already (and"
                    + " suite:<name> selects a suite)"));
        }
        if (name.isEmpty() || checkpoint.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SuiteSpec(name.get(), description, checkpoint.get(), seed, classifier, tags, tasks,
                comparisons));
    }

    private Map<String, String> classifier(Node node) {
        Map<String, String> settings = new LinkedHashMap<>();
        mapping(node, "'classifier'", classifierKeys).ifPresent(m -> m.forEach((key, value) -> {
            classifierLines.put(key, line(value));
            if (value instanceof ScalarNode scalar && scalar.getTag() != Tag.NULL) {
                settings.put(key, scalar.getValue());
            } else {
                problem(line(value), "classifier setting '" + key + "' must be a single value");
            }
        }));
        return settings;
    }

    private List<TaskSpec> tasks(Node node, int suiteExamples, boolean suiteAboveChance, Expectation suiteExpect,
                                 Map<String, String> suiteClassifier, long seed) {
        if (!(node instanceof SequenceNode sequence)) {
            problem(line(node), "'tasks' must be a list of tasks (each starting with '- name: ...')");
            return List.of();
        }
        if (sequence.getValue().isEmpty()) {
            problem(line(node), "'tasks' is empty; a suite needs at least one task");
        }
        List<TaskSpec> tasks = new ArrayList<>();
        Map<String, TaskSpec> byFile = new LinkedHashMap<>();
        for (Node item : sequence.getValue()) {
            task(item, suiteExamples, suiteAboveChance, suiteExpect, suiteClassifier, seed).ifPresent(task -> {
                // Journals are named after tasks, and macOS and Windows do not tell case apart in file names.
                TaskSpec earlier = byFile.putIfAbsent(FileNames.of(task.name()).toLowerCase(Locale.ROOT), task);
                if (earlier == null) {
                    tasks.add(task);
                } else if (earlier.name().equals(task.name())) {
                    problem(task.line(), "duplicate task name '" + task.name() + "' (first declared on line "
                            + earlier.line() + "); task names must be unique within a suite");
                } else {
                    problem(task.line(), "task name '" + task.name() + "' differs only in case from '" + earlier.name()
                            + "' (line " + earlier.line() + "); their journals would be one file on macOS and Windows");
                }
            });
        }
        return tasks;
    }

    private Optional<TaskSpec> task(Node node, int suiteExamples, boolean suiteAboveChance, Expectation suiteExpect,
                                    Map<String, String> suiteClassifier, long seed) {
        Optional<Map<String, Node>> fields = mapping(node, "a task", TASK_KEYS);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Node> f = fields.get();
        Optional<String> name = required(f, "name", node).flatMap(n -> text(n, "name"));
        String what = "task '" + name.orElse("?") + "'";
        Optional<TaskType> type = required(f, "type", node).flatMap(n -> text(n, "type").flatMap(word -> {
            Optional<TaskType> known = TaskType.fromWord(word);
            if (known.isEmpty()) {
                problem(line(n), what + ": unknown task type '" + word + "'; known types: " + TaskType.words());
            }
            return known;
        }));
        Optional<String> source = optional(f, "source").flatMap(n -> text(n, "source"));
        Optional<String> split = optional(f, "split").flatMap(n -> text(n, "split"));
        Optional<Integer> examples = optional(f, "examples").flatMap(n -> integer(n, "examples", 1, Integer.MAX_VALUE))
                .map(Long::intValue);
        if (examples.isEmpty() && suiteExamples == 0 && !f.containsKey("examples")) {
            problem(line(node), what + ": no 'examples' count, neither on the task nor on the suite");
        }
        Optional<String> template = optional(f, "template").flatMap(n -> text(n, "template"));
        template.filter(t -> !t.contains("{}")).ifPresent(t -> problem(line(f.get("template")),
                what + ": template '" + t + "' has no '{}' where the class name goes"));
        Optional<String> checkpoint = optional(f, "checkpoint").flatMap(n -> text(n, "checkpoint"));
        checkpoint.flatMap(c -> checks.checkpoint(c, false))
                .ifPresent(p -> problem(line(f.get("checkpoint")), what + ": " + p));
        Thresholds thresholds = optional(f, "thresholds").map(n -> thresholds(n, what)).orElse(Thresholds.none());
        if (thresholds.shapeBias().isPresent() && type.isPresent() && type.get() != TaskType.CUE_CONFLICT) {
            problem(line(f.get("thresholds")), what + ": shape_bias applies only to cue-conflict tasks");
        }
        boolean aboveChance = optional(f, "above_chance").flatMap(n -> bool(n, "above_chance")).orElse(suiteAboveChance);
        Expectation expect = optional(f, "expect").flatMap(n -> expectation(n, what)).orElse(suiteExpect);
        if (expect == Expectation.CHANCE && !aboveChance) {
            problem(line(f.getOrDefault("expect", node)), what + ": expect: chance is reported by the chance verdict,"
                    + " which above_chance: false turns off; drop one of the two");
        }
        if (expect == Expectation.CHANCE && thresholds.accuracy().isPresent()) {
            problem(line(f.get("thresholds")), what + " is declared expect: chance but sets an accuracy threshold;"
                    + " a checkpoint at chance would fail any threshold at or above chance about half the time."
                    + " Drop the threshold, or declare expect: above once the checkpoint does the task");
        }
        Map<String, String> classifier = optional(f, "classifier").map(this::classifier).orElse(Map.of());
        if (!classifier.isEmpty()) {
            Map<String, String> merged = new LinkedHashMap<>(suiteClassifier);
            merged.putAll(classifier);
            for (SettingProblem p : checks.classifier(merged, seed)) {
                boolean own = p.key().map(classifier::containsKey).orElse(true);
                // A bad suite setting the task keeps was reported at the suite's line already.
                if (own || !suiteSettingProblems.contains(p.key().get())) {
                    problem(own ? p.key().map(classifierLines::get).orElseGet(() -> line(f.get("classifier")))
                            : line(f.get("classifier")), what + ": " + p.message());
                }
            }
        }
        List<String> tags = optional(f, "tags").map(n -> tags(n, what + " tags")).orElse(List.of());
        if (name.isEmpty() || type.isEmpty()) {
            return Optional.empty();
        }
        String taskSource = source.orElse(name.get());
        OptionalDouble chance = checks.chance(type.get(), taskSource);
        TaskSpec task = new TaskSpec(name.get(), type.get(), taskSource, split,
                examples.orElse(suiteExamples), template, checkpoint, thresholds, aboveChance, expect,
                chance.orElse(Double.NaN), classifier, tags, line(node));
        Optional<String> sourceProblem = checks.source(task);
        sourceProblem.ifPresent(p -> problem(line(f.getOrDefault("source", node)), what + ": " + p));
        if (sourceProblem.isEmpty()) {
            chance.ifPresent(c -> belowChance(thresholds, c, what, f.get("thresholds")));
        }
        return Optional.of(task);
    }

    /**
     * A threshold below chance passes a checkpoint that guesses: it catches only a collapse to
     * systematically wrong answers, so it is no verdict.
     */
    private void belowChance(Thresholds thresholds, double chance, String what, Node node) {
        thresholds.accuracy().ifPresent(t -> {
            if (t < chance - 1e-12) {
                problem(line(node), String.format(java.util.Locale.ROOT, "%s: threshold accuracy %s is below"
                        + " chance %.4f, so a checkpoint that guesses passes it; a regression threshold must be at"
                        + " least chance (recalibrate with ThresholdCalibrator, which never writes one below chance,"
                        + " or declare expect: chance)", what, t, chance));
            }
        });
    }

    private Optional<Expectation> expectation(Node node, String what) {
        return text(node, "expect").flatMap(word -> {
            Optional<Expectation> known = Expectation.fromWord(word);
            if (known.isEmpty()) {
                problem(line(node), what + ": unknown expect '" + word + "'; known: " + Expectation.words());
            }
            return known;
        });
    }

    /** Whether a task is judged on its own; one that is not runs only for the comparisons naming it. */
    static boolean hasVerdict(TaskSpec task) {
        return task.aboveChance() || task.thresholds().accuracy().isPresent() || task.thresholds().shapeBias().isPresent();
    }

    private List<ComparisonSpec> comparisons(Node node, List<TaskSpec> tasks) {
        if (!(node instanceof SequenceNode sequence)) {
            problem(line(node), "'comparisons' must be a list (each starting with '- name: ...')");
            return List.of();
        }
        Set<String> taskNames = new HashSet<>();
        tasks.forEach(t -> taskNames.add(t.name()));
        List<ComparisonSpec> comparisons = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node item : sequence.getValue()) {
            comparison(item, taskNames).ifPresent(c -> {
                if (names.add(c.name())) {
                    comparisons.add(c);
                } else {
                    problem(c.line(), "duplicate comparison name '" + c.name() + "'");
                }
            });
        }
        return comparisons;
    }

    private Optional<ComparisonSpec> comparison(Node node, Set<String> taskNames) {
        Optional<Map<String, Node>> fields = mapping(node, "a comparison", COMPARISON_KEYS);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Node> f = fields.get();
        Optional<String> name = required(f, "name", node).flatMap(n -> text(n, "name"));
        String what = "comparison '" + name.orElse("?") + "'";
        Optional<String> claim = required(f, "claim", node).flatMap(n -> text(n, "claim"));
        List<String> candidate = required(f, "candidate", node).map(n -> taskList(n, what, "candidate", taskNames))
                .orElse(List.of());
        List<String> reference = required(f, "reference", node).map(n -> taskList(n, what, "reference", taskNames))
                .orElse(List.of());
        if (!candidate.isEmpty() && !reference.isEmpty() && candidate.size() != reference.size()) {
            problem(line(node), what + ": 'candidate' names " + candidate.size() + " tasks and 'reference' "
                    + reference.size() + "; they are paired one to one");
        }
        OptionalDouble margin = fraction(f, "margin", what);
        OptionalDouble callsFraction = fraction(f, "calls_fraction", what);
        if (name.isEmpty() || claim.isEmpty() || candidate.isEmpty() || candidate.size() != reference.size()) {
            return Optional.empty();
        }
        Comparison comparison = new Comparison(name.get(), claim.get(), candidate, reference, margin, callsFraction);
        checks.comparison(comparison).ifPresent(p -> problem(line(f.get("claim")), what + ": " + p));
        return Optional.of(new ComparisonSpec(comparison, line(node)));
    }

    /** One task name or a list of them, each a task of this suite. */
    private List<String> taskList(Node node, String what, String key, Set<String> taskNames) {
        List<Node> items = node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
        List<String> names = new ArrayList<>();
        for (Node item : items) {
            text(item, key).ifPresent(task -> {
                if (taskNames.contains(task)) {
                    names.add(task);
                } else {
                    problem(line(item), what + ": '" + key + "' names '" + task + "', which is not a task of this suite");
                }
            });
        }
        if (items.isEmpty()) {
            problem(line(node), what + ": '" + key + "' names no task");
        }
        return names.size() == items.size() ? names : List.of();
    }

    private Thresholds thresholds(Node node, String what) {
        Optional<Map<String, Node>> fields = mapping(node, what + " 'thresholds'", THRESHOLD_KEYS);
        if (fields.isEmpty()) {
            return Thresholds.none();
        }
        Map<String, Node> f = fields.get();
        return new Thresholds(fraction(f, "accuracy", what), fraction(f, "max_drop", what),
                fraction(f, "shape_bias", what));
    }

    private OptionalDouble fraction(Map<String, Node> fields, String key, String what) {
        Node node = fields.get(key);
        if (node == null) {
            return OptionalDouble.empty();
        }
        Optional<Double> value = number(node, key);
        if (value.isPresent() && !(value.get() >= 0.0 && value.get() <= 1.0)) {
            problem(line(node), what + ": threshold " + key + " = " + value.get()
                    + " is outside [0, 1]; thresholds are fractions (0.6, not 60)");
            return OptionalDouble.empty();
        }
        return value.map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    private List<String> tags(Node node, String what) {
        if (!(node instanceof SequenceNode sequence)) {
            problem(line(node), what + " must be a list, e.g. [smoke, binding]");
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            text(item, "a tag").ifPresent(tag -> {
                if (tag.isBlank() || tag.chars().anyMatch(c -> Character.isWhitespace(c) || "(),&|!".indexOf(c) >= 0)) {
                    problem(line(item), "tag '" + tag + "' is not a valid JUnit tag (no blanks, commas,"
                            + " parentheses, &, | or !)");
                } else if (Tags.RESERVED_PREFIXES.stream().anyMatch(tag::startsWith)) {
                    problem(line(item), "tag '" + tag + "': the prefixes " + String.join(" and ", Tags.RESERVED_PREFIXES)
                            + " are the engine's own (every test of suite S has the tag suite:S, every verdict"
                            + " verdict:<check>)");
                } else {
                    tags.add(tag);
                }
            });
        }
        return tags;
    }

    /** A mapping with string keys, each known and given once; reports what is not. */
    private Optional<Map<String, Node>> mapping(Node node, String what, Set<String> known) {
        if (!(node instanceof MappingNode map)) {
            problem(line(node), what + " must be a mapping of 'key: value' lines");
            return Optional.empty();
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar)) {
                problem(line(keyNode), what + " has a key that is not a plain word");
                continue;
            }
            String key = scalar.getValue();
            if (!seen.add(key)) {
                problem(line(keyNode), what + " has the key '" + key + "' twice");
            } else if (!known.contains(key)) {
                problem(line(keyNode), what + " has an unknown key '" + key + "'; known keys: "
                        + String.join(", ", new TreeSet<>(known)));
            } else {
                fields.put(key, tuple.getValueNode());
            }
        }
        return Optional.of(fields);
    }

    private Optional<Node> required(Map<String, Node> fields, String key, Node owner) {
        Node node = fields.get(key);
        if (node == null) {
            problem(line(owner), "missing required key '" + key + "'");
        }
        return Optional.ofNullable(node);
    }

    private static Optional<Node> optional(Map<String, Node> fields, String key) {
        return Optional.ofNullable(fields.get(key));
    }

    private Optional<String> text(Node node, String key) {
        if (node instanceof ScalarNode scalar && scalar.getTag() != Tag.NULL && !scalar.getValue().isBlank()) {
            return Optional.of(scalar.getValue().strip());
        }
        problem(line(node), "'" + key + "' must be a non-empty text value");
        return Optional.empty();
    }

    private Optional<Long> integer(Node node, String key, long min, long max) {
        if (node instanceof ScalarNode scalar && scalar.getTag() == Tag.INT) {
            String digits = scalar.getValue().replace("_", "");
            BigInteger value;
            try {
                value = new BigInteger(digits.startsWith("+") ? digits.substring(1) : digits);
            } catch (NumberFormatException e) {
                problem(line(node), "'" + key + "' = " + scalar.getValue() + " is not a decimal whole number");
                return Optional.empty();
            }
            if (value.compareTo(BigInteger.valueOf(min)) < 0) {
                problem(line(node), "'" + key + "' must be at least " + min + ", not " + value);
            } else if (value.compareTo(BigInteger.valueOf(max)) > 0) {
                problem(line(node), "'" + key + "' must be at most " + max + ", not " + value);
            } else {
                return Optional.of(value.longValueExact());
            }
            return Optional.empty();
        }
        problem(line(node), "'" + key + "' must be a whole number, not " + describe(node));
        return Optional.empty();
    }

    private Optional<Boolean> bool(Node node, String key) {
        if (node instanceof ScalarNode scalar && scalar.getTag() == Tag.BOOL) {
            return Optional.of(Boolean.parseBoolean(scalar.getValue().toLowerCase(java.util.Locale.ROOT)));
        }
        problem(line(node), "'" + key + "' must be true or false, not " + describe(node));
        return Optional.empty();
    }

    private Optional<Double> number(Node node, String key) {
        if (node instanceof ScalarNode scalar && (scalar.getTag() == Tag.INT || scalar.getTag() == Tag.FLOAT)) {
            try {
                return Optional.of(Double.parseDouble(scalar.getValue().replace("_", "")));
            } catch (NumberFormatException e) {
                problem(line(node), "'" + key + "' = " + scalar.getValue() + " is not a decimal number");
                return Optional.empty();
            }
        }
        problem(line(node), "'" + key + "' must be a number, not " + describe(node));
        return Optional.empty();
    }

    private static String describe(Node node) {
        if (node instanceof ScalarNode scalar) {
            return "'" + scalar.getValue() + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }

    private static int line(Node node) {
        return node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private void problem(int line, String message) {
        problems.add(new SuiteProblem(line, message));
    }
}
