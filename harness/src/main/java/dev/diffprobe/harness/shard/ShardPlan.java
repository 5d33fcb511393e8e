package dev.diffprobe.harness.shard;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a run does with shards: run one ({@code shard}), merge the shards found under
 * {@code merge} ({@code partial}: merge what is there), or neither (a whole run).
 */
public record ShardPlan(Optional<Shard> shard, List<Path> merge, boolean partial) {
    public ShardPlan {
        merge = List.copyOf(merge);
        if (shard.isPresent() && !merge.isEmpty()) {
            throw new ShardException("a run is either shard " + shard.get() + " or a merge of " + merge + ", not both");
        }
        if (partial && merge.isEmpty()) {
            throw new ShardException("a partial merge needs the shards' folders to merge");
        }
    }

    /** Neither a shard nor a merge. */
    public static ShardPlan whole() {
        return new ShardPlan(Optional.empty(), List.of(), false);
    }

    public boolean merging() {
        return !merge.isEmpty();
    }

    /** The output folder of this run's journals: the shard's own folder, or {@code output} itself. */
    public Path outputDir(Path output) {
        return shard.map(s -> output.resolve(s.folderName())).orElse(output);
    }
}
