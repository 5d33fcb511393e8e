package dev.diffprobe.harness.classify;

import dev.diffprobe.models.ContrastiveModel;
import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ContrastiveClassifierTest {
    /** Images embed to their mean RGB; prompts to fixed directions. */
    private static final class FakeClip implements ContrastiveModel {
        private final Map<String, float[]> texts;
        int textCalls;

        FakeClip(Map<String, float[]> texts) {
            this.texts = texts;
        }

        @Override
        public String name() {
            return "fake-clip";
        }

        @Override
        public String fingerprint() {
            return "fake";
        }

        @Override
        public int resolution() {
            return FakeTask.RESOLUTION;
        }

        @Override
        public float[] embedImage(float[] pixels) {
            int plane = pixels.length / 3;
            return new float[] {pixels[0] + 1, pixels[plane] + 1, pixels[2 * plane] + 1};
        }

        @Override
        public dev.diffprobe.models.PromptTokens tokenize(String prompt) {
            return new dev.diffprobe.models.PromptTokens(new long[] {prompt.hashCode()}, 1, 0, false);
        }

        @Override
        public float[] embedText(String prompt) {
            textCalls++;
            return texts.get(prompt);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theMostSimilarCandidateWinsAndEnsemblesAverageNormalisedEmbeddings() {
        FakeClip clip = new FakeClip(Map.of("red", new float[] {1, 0, 0}, "green", new float[] {0, 1, 0},
                "blue", new float[] {0, 0, 10}, "blue2", new float[] {0, 0.2f, 0.2f}));
        Candidate red = Candidate.of("red");
        Candidate green = Candidate.of("green");
        Candidate blue = new Candidate("blue", List.of("blue", "blue2"));
        List<Example> examples = List.of(
                new Example("r", x -> FakeTask.image(0, 1), List.of(red, green, blue), 0, Map.of()),
                new Example("g", x -> FakeTask.image(1, 1), List.of(red, green, blue), 1, Map.of()),
                new Example("b", x -> FakeTask.image(2, 1), List.of(red, green, blue), 2, Map.of()));
        List<Classification> results = new ArrayList<>();
        new ContrastiveClassifier(clip, 0.01).classify(examples, results::add);
        assertThat(results).allSatisfy(c -> {
            assertThat(c.correct()).as(c.exampleId()).isTrue();
            assertThat(c.denoiserCalls()).isZero();
            assertThat(c.scoreCounts()).containsOnly(1);
        });
        // Blue image (0,0,2) against the ensemble's normalised mean of (0,0,1) and (0,.71,.71).
        double cos = (1 + Math.sqrt(0.5)) / Math.sqrt(0.5 + (1 + Math.sqrt(0.5)) * (1 + Math.sqrt(0.5)));
        assertThat(results.get(2).meanScores()[2]).isCloseTo(1 - cos, within(1e-6));
        double[] p = results.get(2).softmax();
        double expected = 1 / (1 + 2 * Math.exp(-cos / 0.01));
        assertThat(p[2]).isCloseTo(expected, within(1e-6));
        assertThat(clip.textCalls).isEqualTo(4);
    }

    @Test
    void aZeroEmbeddingIsANamedFailure() {
        FakeClip clip = new FakeClip(Map.of("a", new float[] {0, 0, 0}, "b", new float[] {1, 0, 0}));
        List<Classification> results = new ArrayList<>();
        new ContrastiveClassifier(clip, 1).classify(List.of(new Example("z", x -> FakeTask.image(0, 1),
                List.of(Candidate.of("a"), Candidate.of("b")), 0, Map.of())), results::add);
        assertThat(results.get(0).error()).hasValueSatisfying(e -> assertThat(e).startsWith("ZeroEmbedding: "));
    }

    @Test
    void candidatesWithIdenticalPromptsShareTheirScoreAndEitherCountsAsTheTrueClass() {
        FakeClip clip = new FakeClip(Map.of("red", new float[] {1, 0, 0}, "green", new float[] {0, 1, 0}));
        List<Candidate> withTwin = List.of(Candidate.of("red"), Candidate.of("green"),
                new Candidate("green again", List.of("green")));
        List<Classification> results = new ArrayList<>();
        new ContrastiveClassifier(clip, 0.01).classify(List.of(
                new Example("twin", x -> FakeTask.image(1, 1), withTwin, 2, Map.of()),
                new Example("red", x -> FakeTask.image(0, 1), withTwin, 0, Map.of())), results::add);
        Classification twin = results.get(0);
        assertThat(twin.predicted()).isEqualTo(2);
        assertThat(twin.correct()).isTrue();
        assertThat(twin.meanScores()[1]).isEqualTo(twin.meanScores()[2]);
        assertThat(twin.softmax()[1]).isEqualTo(twin.softmax()[2]);
        assertThat(twin.softmax()[0] + twin.softmax()[1] + twin.softmax()[2]).isCloseTo(1, within(1e-12));
        assertThat(results.get(1).predicted()).isZero();
        assertThat(clip.textCalls).isEqualTo(2);
    }
}
