package dev.diffprobe.harness.shard;

import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTest {
    private static final String COUNT_KEY = "-Dshard.count";

    @Test
    void shardsPartitionTheExamplesInSizesThatDifferByAtMostOne() {
        List<Example> examples = examples(103);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<Example> mine = new Shard(i, 4).select(examples);
            assertThat(mine.size()).isBetween(25, 26);
            mine.forEach(e -> all.add(e.id()));
        }
        assertThat(all).doesNotHaveDuplicates().hasSize(103);
    }

    @Test
    void theSliceDependsOnTheIdsNotOnTheirOrder() {
        List<Example> examples = examples(40);
        List<Example> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(3));

        List<String> a = new Shard(2, 3).select(examples).stream().map(Example::id).sorted().toList();
        List<String> b = new Shard(2, 3).select(shuffled).stream().map(Example::id).sorted().toList();

        assertThat(a).isEqualTo(b).isNotEmpty();
    }

    @Test
    void aShardIsReadFromTextAndFolderName() {
        assertThat(Shard.parse(" 3/4 ")).isEqualTo(new Shard(3, 4));
        assertThat(Shard.ofFolderName("shard-3-of-4")).contains(new Shard(3, 4));
        assertThat(Shard.ofFolderName("shard-4-of-4")).isEmpty();
        assertThatThrownBy(() -> Shard.parse("4/4")).hasMessageContaining("0 <= index < count");
        assertThatThrownBy(() -> Shard.parse("1 of 4")).hasMessageContaining("expected index/count");
    }

    @Test
    void slurmArrayTasksAreShards() {
        assertThat(ShardEnvironment.resolve(Optional.empty(), OptionalInt.empty(), COUNT_KEY,
                Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_COUNT", "4"))).contains(new Shard(2, 4));
        assertThat(ShardEnvironment.resolve(Optional.empty(), OptionalInt.empty(), COUNT_KEY,
                Map.of("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "8")))
                .contains(new Shard(4, 8));
        assertThat(ShardEnvironment.resolve(Optional.empty(), OptionalInt.empty(), COUNT_KEY,
                Map.of("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "6",
                        "SLURM_ARRAY_TASK_STEP", "2"))).contains(new Shard(2, 4));
        assertThatThrownBy(() -> ShardEnvironment.resolve(Optional.empty(), OptionalInt.empty(), COUNT_KEY,
                Map.of("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_COUNT", "3")))
                .hasMessageContaining("shard 5/3").hasMessageContaining("--array=0-<n-1>");
        assertThatThrownBy(() -> ShardEnvironment.resolve(Optional.empty(), OptionalInt.of(3), COUNT_KEY,
                Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_COUNT", "4"))).hasMessageContaining("disagree");
    }

    @Test
    void kubernetesIndexesNeedTheCountSetting() {
        assertThat(ShardEnvironment.resolve(Optional.empty(), OptionalInt.of(4), COUNT_KEY,
                Map.of("JOB_COMPLETION_INDEX", "3"))).contains(new Shard(3, 4));
        assertThatThrownBy(() -> ShardEnvironment.resolve(Optional.empty(), OptionalInt.empty(), COUNT_KEY,
                Map.of("JOB_COMPLETION_INDEX", "3"))).hasMessageContaining("-Dshard.count is not");
        assertThatThrownBy(() -> ShardEnvironment.resolve(Optional.empty(), OptionalInt.of(4), COUNT_KEY,
                Map.of("JOB_COMPLETION_INDEX", "x"))).hasMessageContaining("JOB_COMPLETION_INDEX='x'");
    }

    @Test
    void anExplicitShardWinsOverTheEnvironmentAndNoneMeansAWholeRun() {
        assertThat(ShardEnvironment.resolve(Optional.of("1/2"), OptionalInt.empty(), COUNT_KEY,
                Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_COUNT", "4"))).contains(new Shard(1, 2));
        assertThat(ShardEnvironment.resolve(Optional.empty(), OptionalInt.empty(), COUNT_KEY, Map.of())).isEmpty();
    }

    private static List<Example> examples(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Example("task/" + i, null,
                List.of(new Candidate("a", List.of("a")), new Candidate("b", List.of("b"))), 0, Map.of())).toList();
    }
}
