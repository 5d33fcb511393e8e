package dev.diffprobe.harness.shard;

/** Shards that cannot be run or merged as asked; the message names the shard and what is wrong. */
public final class ShardException extends RuntimeException {
    public ShardException(String message) {
        super(message);
    }

    public ShardException(String message, Throwable cause) {
        super(message, cause);
    }
}
