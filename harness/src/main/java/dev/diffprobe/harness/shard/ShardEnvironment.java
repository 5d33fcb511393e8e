package dev.diffprobe.harness.shard;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which shard this process is, when no shard is set explicitly: a Slurm array task
 * ({@code SLURM_ARRAY_TASK_ID} with {@code SLURM_ARRAY_TASK_COUNT}, or with
 * {@code SLURM_ARRAY_TASK_MIN}, {@code _MAX} and {@code _STEP}) or a pod of a Kubernetes Indexed
 * Job ({@code JOB_COMPLETION_INDEX}, whose count the Job's {@code completions} gives and the pod
 * does not see, so it comes from a setting).
 */
public final class ShardEnvironment {
    public static final String SLURM_ID = "SLURM_ARRAY_TASK_ID";
    public static final String SLURM_COUNT = "SLURM_ARRAY_TASK_COUNT";
    public static final String SLURM_MIN = "SLURM_ARRAY_TASK_MIN";
    public static final String SLURM_MAX = "SLURM_ARRAY_TASK_MAX";
    public static final String SLURM_STEP = "SLURM_ARRAY_TASK_STEP";
    public static final String K8S_INDEX = "JOB_COMPLETION_INDEX";

    private ShardEnvironment() {
    }

    /**
     * The shard: {@code explicit} when set, else the environment's. {@code count} is the shard
     * count setting, required with {@code JOB_COMPLETION_INDEX} and checked against Slurm's.
     *
     * @param countKey the setting's name, for messages
     */
    public static Optional<Shard> resolve(Optional<String> explicit, OptionalInt count, String countKey,
                                          Map<String, String> env) {
        if (explicit.isPresent()) {
            Shard shard = Shard.parse(explicit.get());
            if (count.isPresent() && count.getAsInt() != shard.count()) {
                throw new ShardException("shard " + shard + " and " + countKey + "=" + count.getAsInt()
                        + " disagree on the number of shards");
            }
            return Optional.of(shard);
        }
        if (env.containsKey(SLURM_ID)) {
            Shard shard = slurm(env);
            if (count.isPresent() && count.getAsInt() != shard.count()) {
                throw new ShardException("Slurm array task " + shard + " (from " + SLURM_ID + ") and " + countKey
                        + "=" + count.getAsInt() + " disagree on the number of shards");
            }
            return Optional.of(shard);
        }
        if (env.containsKey(K8S_INDEX)) {
            int index = number(env, K8S_INDEX);
            if (count.isEmpty()) {
                throw new ShardException(K8S_INDEX + "=" + index + " is set (a pod of an Indexed Job) but "
                        + countKey + " is not: set it to the Job's completions");
            }
            return Optional.of(checked(index, count.getAsInt(), K8S_INDEX + " with " + countKey));
        }
        return Optional.empty();
    }

    private static Shard slurm(Map<String, String> env) {
        int id = number(env, SLURM_ID);
        int min = env.containsKey(SLURM_MIN) ? number(env, SLURM_MIN) : 0;
        int step = env.containsKey(SLURM_STEP) ? number(env, SLURM_STEP) : 1;
        if (step < 1) {
            throw new ShardException(SLURM_STEP + "=" + step + ": expected at least 1");
        }
        int count;
        if (env.containsKey(SLURM_COUNT)) {
            count = number(env, SLURM_COUNT);
        } else if (env.containsKey(SLURM_MAX)) {
            count = (number(env, SLURM_MAX) - min) / step + 1;
        } else {
            throw new ShardException(SLURM_ID + "=" + id + " is set but neither " + SLURM_COUNT + " nor "
                    + SLURM_MAX + ": cannot tell the number of shards");
        }
        if ((id - min) % step != 0) {
            throw new ShardException(SLURM_ID + "=" + id + " is not on the array's grid (min " + min + ", step "
                    + step + ")");
        }
        return checked((id - min) / step, count, SLURM_ID + "/" + SLURM_COUNT
                + " (an array with gaps, such as --array=0,2,5, cannot be a partition: use --array=0-<n-1>)");
    }

    private static Shard checked(int index, int count, String source) {
        if (count < 1 || index < 0 || index >= count) {
            throw new ShardException("shard " + index + "/" + count + " from " + source
                    + ": expected 0 <= index < count");
        }
        return new Shard(index, count);
    }

    private static int number(Map<String, String> env, String name) {
        String value = env.get(name);
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ShardException(name + "='" + value + "': expected a whole number");
        }
    }
}
