package dev.diffprobe.harness.study;

import dev.diffprobe.harness.classify.ClassifierSettings;
import dev.diffprobe.harness.classify.Mode;
import dev.diffprobe.models.Checkpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The estimator study's command line; harness/README.md documents every option. Rules are
 * classifier settings in their text form, so every setting {@link ClassifierSettings} knows can be
 * compared, and an unknown or bad one ends the command naming it.
 */
record EstimatorOptions(String checkpoint, List<String> tasks, int examples, long seed, long dataSeed,
                        int batch, List<Rule> rules, int verify, Path out, Path from) {

    /**
     * A named set of classifier settings ({@code key=value,...}); the mode is pruned unless given.
     * The study's own key {@value #FACTORISED}{@code =true} classifies a K-way attribute task one
     * attribute at a time with these settings; in such a rule a key prefixed with an attribute
     * ({@code color.tMin=0.4}) applies to that attribute's classification alone, since each
     * attribute may be read best at its own settings (a window of t, say).
     */
    record Rule(String name, Map<String, String> values) {
        static final String FACTORISED = "factorised";

        Rule {
            String f = values.get(FACTORISED);
            if (f != null && !f.equals("true") && !f.equals("false")) {
                throw new StudyOptions.UsageException("--rules: " + FACTORISED + " of rule '" + name
                        + "' expects true or false, got '" + f + "'");
            }
            for (String key : values.keySet()) {
                int dot = key.indexOf('.');
                if (dot < 0) {
                    continue;
                }
                String attribute = key.substring(0, dot);
                if (Arrays.stream(AttributeTask.Part.values()).noneMatch(p -> p.key().equals(attribute))) {
                    throw new StudyOptions.UsageException("--rules: '" + key + "' of rule '" + name + "' names no"
                            + " attribute (size, color, material, shape)");
                }
                if (!"true".equals(f)) {
                    throw new StudyOptions.UsageException("--rules: '" + key + "' of rule '" + name + "' applies to"
                            + " one attribute, which only a " + FACTORISED + "=true rule classifies alone");
                }
            }
        }

        boolean factorised() {
            return "true".equals(values.get(FACTORISED));
        }

        ClassifierSettings settings(long seed, int batch) {
            return builder(seed, batch).build();
        }

        /** The shared-noise settings that record this rule's (t, eps) for {@code rounds} rounds. */
        ClassifierSettings traceSettings(long seed, int batch, int rounds) {
            return builder(seed, batch).optMode(Mode.SHARED).optMinScores(2).optMaxScores(rounds).build();
        }

        /** The settings {@code part} is classified with in a factorised rule: the rule's, then the part's own. */
        ClassifierSettings settings(long seed, int batch, AttributeTask.Part part) {
            ClassifierSettings.Builder b = builder(seed, batch);
            String prefix = part.key() + ".";
            values.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    b.opt(k.substring(prefix.length()), v);
                }
            });
            return b.build();
        }

        /** The rule's own classifier settings: neither the study's key nor an attribute's. */
        private ClassifierSettings.Builder builder(long seed, int batch) {
            ClassifierSettings.Builder b = ClassifierSettings.builder().setSeed(seed).optBatchSize(batch);
            values.forEach((k, value) -> {
                if (!k.equals(FACTORISED) && k.indexOf('.') < 0) {
                    b.opt(k, value);
                }
            });
            return b;
        }
    }

    /**
     * Algorithm 1 at the fashion suite's budget, the same with importance-sampled stratified t,
     * and that with the elimination rule valid under repeated looks.
     */
    static final String DEFAULT_RULES = "algorithm1:minScores=4,maxScores=20,cutoffPval=0.002"
            + ";weighted:tSampling=weighted,stratified=true,minScores=4,maxScores=20,cutoffPval=0.002";

    static EstimatorOptions parse(String[] args) {
        String checkpoint = Checkpoint.DEFAULT;
        List<String> tasks = List.of("colour");
        int examples = 40;
        long seed = 0;
        long dataSeed = -1;
        int batch = 0;
        String rules = DEFAULT_RULES;
        int verify = 0;
        Path out = Path.of("target", "estimator-study");
        Path from = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new StudyOptions.UsageException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--checkpoint" -> checkpoint = value;
                case "--tasks" -> tasks = List.of(value.split(","));
                case "--examples" -> examples = nonNegative(option, value, 1);
                case "--seed" -> seed = longValue(option, value);
                case "--data-seed" -> dataSeed = longValue(option, value);
                case "--batch" -> batch = nonNegative(option, value, 0);
                case "--rules" -> rules = value;
                case "--verify" -> verify = nonNegative(option, value, 0);
                case "--out" -> out = Path.of(value);
                case "--from" -> from = Path.of(value);
                default -> throw new StudyOptions.UsageException("unknown option " + option + " (known: --checkpoint,"
                        + " --tasks, --examples, --seed, --data-seed, --batch, --rules, --verify, --out, --from)");
            }
        }
        for (String task : tasks) {
            StudyTasks.check(task);
        }
        List<Rule> parsed = rules(rules);
        for (Rule rule : parsed) {
            rule.settings(seed, batch);
            if (rule.factorised()) {
                for (AttributeTask.Part part : AttributeTask.Part.values()) {
                    rule.settings(seed, batch, part);
                }
                for (String task : tasks) {
                    if (StudyTasks.candidates(task) == 0) {
                        throw new StudyOptions.UsageException("--rules: rule '" + rule.name() + "' is factorised, which"
                                + " needs K-way attribute tasks (k2, k8, k24, k96), not '" + task + "'");
                    }
                }
            }
        }
        return new EstimatorOptions(checkpoint, tasks, examples, seed, dataSeed, batch, parsed, verify, out, from);
    }

    static List<Rule> rules(String text) {
        List<Rule> list = new ArrayList<>();
        for (String part : text.split(";")) {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new StudyOptions.UsageException("--rules: expected name:key=value,... in '" + part + "'");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String kv : part.substring(colon + 1).split(",")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new StudyOptions.UsageException("--rules: expected key=value in '" + kv + "' of rule '"
                            + part.substring(0, colon) + "'");
                }
                values.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
            String name = part.substring(0, colon).trim();
            if (list.stream().anyMatch(r -> r.name().equals(name))) {
                throw new StudyOptions.UsageException("--rules: rule '" + name + "' named twice");
            }
            list.add(new Rule(name, values));
        }
        return list;
    }

    private static int nonNegative(String option, String value, int min) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StudyOptions.UsageException(option + " expects an integer >= " + min + ", got '" + value + "'");
    }

    private static long longValue(String option, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new StudyOptions.UsageException(option + " expects an integer, got '" + value + "'");
        }
    }
}
