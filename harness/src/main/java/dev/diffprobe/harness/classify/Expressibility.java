package dev.diffprobe.harness.classify;

import dev.diffprobe.models.PromptTokens;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether a checkpoint can tell a task's candidates apart at all, decided from its tokenizer
 * before any network runs. A word-level tokenizer trained on one domain maps every foreign word to
 * its unknown token, so "a photo of a cat." and "a photo of a dog." reach the model as the same
 * ids: scores tie, and an accuracy near zero would be measured that says nothing of the model.
 * A candidate list cannot be expressed when
 * <ul>
 * <li>two candidates with different prompts reach the model as the same token ids (after
 *     truncation to its max text length), or</li>
 * <li>more than half of its class names are out of the vocabulary, a name being out when most
 *     of its own tokens are the unknown token.</li>
 * </ul>
 * Candidates with identical prompts are duplicates the task itself has (see {@link TiedCandidates}),
 * not a failing of the checkpoint. A task is refused when any of its examples' candidate lists
 * cannot be expressed; a tokenizer without an unknown token (CLIP's byte-level BPE) is refused
 * only for identical ids.
 */
public final class Expressibility {
    /** How many names or pairs a message lists before it says how many more there are. */
    private static final int SHOWN = 5;

    private Expressibility() {
    }

    /**
     * Why {@code checkpoint} (a name, for the message) cannot express {@code task}, or empty when
     * it can. {@code tokenizer} is the checkpoint's, e.g. {@code DiffusionModel::tokenize}.
     */
    public static Optional<String> problem(String checkpoint, Task task, Function<String, PromptTokens> tokenizer) {
        Map<String, PromptTokens> tokens = new HashMap<>();
        Function<String, PromptTokens> cached = text -> tokens.computeIfAbsent(text, tokenizer);
        Set<List<Candidate>> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Set<List<Candidate>> lists = new LinkedHashSet<>();
        for (Example example : task.examples()) {
            if (seen.add(example.candidates())) {
                lists.add(example.candidates());
            }
        }
        for (List<Candidate> candidates : lists) {
            Optional<String> problem = problem(candidates, cached);
            if (problem.isPresent()) {
                return Optional.of(checkpoint + " cannot express " + task.name() + ": " + problem.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problem(List<Candidate> candidates, Function<String, PromptTokens> tokens) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        candidates.forEach(c -> names.putIfAbsent(c.name(), mostlyUnknown(tokens.apply(c.name()))));
        List<String> unknown = names.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        List<String> parts = new ArrayList<>();
        if (2 * unknown.size() > names.size()) {
            parts.add(unknown.size() + " of " + names.size() + " class names are out of its vocabulary ("
                    + listed(unknown) + ")");
        }
        List<String> pairs = parts.isEmpty() ? sameIds(candidates, tokens) : List.of();
        if (!pairs.isEmpty()) {
            parts.add(pairs.size() + (pairs.size() == 1 ? " pair" : " pairs")
                    + " of candidates reach it as the same token ids (" + listed(pairs) + ")");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    private static boolean mostlyUnknown(PromptTokens tokens) {
        return 2 * tokens.unknown() > tokens.tokens();
    }

    /**
     * Pairs of candidates whose prompts differ but whose token ids do not, each with the first of
     * its ids (only looked for when the names are known, or the message would list every pair).
     */
    private static List<String> sameIds(List<Candidate> candidates, Function<String, PromptTokens> tokens) {
        Map<List<String>, Candidate> byPrompts = new LinkedHashMap<>();
        candidates.forEach(c -> byPrompts.putIfAbsent(c.prompts(), c));
        Map<String, Candidate> byIds = new HashMap<>();
        List<String> pairs = new ArrayList<>();
        for (Candidate candidate : byPrompts.values()) {
            StringBuilder key = new StringBuilder();
            candidate.prompts().forEach(p -> key.append(Arrays.toString(tokens.apply(p).ids())).append('|'));
            Candidate first = byIds.putIfAbsent(key.toString(), candidate);
            if (first != null) {
                pairs.add("'" + first.name() + "' and '" + candidate.name() + "'");
            }
        }
        return pairs;
    }

    private static String listed(List<String> items) {
        String shown = String.join(", ", items.subList(0, Math.min(SHOWN, items.size())));
        return items.size() > SHOWN ? shown + " and " + (items.size() - SHOWN) + " more" : shown;
    }
}
