package dev.diffprobe.clevr;

import java.nio.file.Path;

/**
 * The CLI's settings.
 *
 * @param count    number of scenes ({@code --count}, required, > 0)
 * @param seed     seed of the whole set ({@code --seed}, default 0)
 * @param size     image side in pixels ({@code --size}, default 64, >= 16)
 * @param objects  objects per scene ({@code --objects}, default 2, 1 to {@link SceneSampler#MAX_OBJECTS})
 * @param binding  two objects of different shapes, well apart left/right ({@code --binding})
 * @param captions training captions per scene, 0 for none ({@code --captions}, default 0)
 * @param threads  worker threads ({@code --threads}, default: available processors); the
 *                 output does not depend on it
 * @param out      output directory ({@code --out}, required; created if missing)
 */
public record Options(int count, long seed, int size, int objects, boolean binding, int captions,
                      int threads, Path out) {
    public static final String USAGE = "usage: clevr-gen --count N --out DIR [--seed S] [--size PX] "
            + "[--objects K] [--binding] [--captions N] [--threads T]";
    public static final int MIN_SIZE = 16;

    public static Options parse(String... args) throws UsageException {
        Integer count = null;
        long seed = 0;
        int size = 64;
        Integer objects = null;
        boolean binding = false;
        int captions = 0;
        int threads = Runtime.getRuntime().availableProcessors();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--binding" -> binding = true;
                case "--count" -> count = integer(option, value(args, ++i, option));
                case "--seed" -> seed = longValue(option, value(args, ++i, option));
                case "--size" -> size = integer(option, value(args, ++i, option));
                case "--objects" -> objects = integer(option, value(args, ++i, option));
                case "--captions" -> captions = integer(option, value(args, ++i, option));
                case "--threads" -> threads = integer(option, value(args, ++i, option));
                case "--out" -> out = Path.of(value(args, ++i, option));
                default -> throw new UsageException("unknown option '" + option + "'; " + USAGE);
            }
        }
        if (count == null) {
            throw new UsageException("missing --count; " + USAGE);
        }
        if (out == null) {
            throw new UsageException("missing --out; " + USAGE);
        }
        require(count > 0, "--count must be > 0, was " + count);
        require(size >= MIN_SIZE, "--size must be >= " + MIN_SIZE + ", was " + size);
        require(captions >= 0, "--captions must be >= 0, was " + captions);
        require(threads > 0, "--threads must be > 0, was " + threads);
        if (binding) {
            require(objects == null || objects == 2, "--binding scenes have exactly 2 objects, --objects was " + objects);
            objects = 2;
        }
        int k = objects == null ? 2 : objects;
        require(k >= 1 && k <= SceneSampler.MAX_OBJECTS,
                "--objects must be between 1 and " + SceneSampler.MAX_OBJECTS + ", was " + k);
        return new Options(count, seed, size, k, binding, captions, threads, out);
    }

    public SceneSampler sampler() {
        return binding ? SceneSampler.forBinding() : SceneSampler.withObjects(objects);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException("missing value for " + option);
        }
        return args[i];
    }

    private static int integer(String option, String text) throws UsageException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs an integer, was '" + text + "'");
        }
    }

    private static long longValue(String option, String text) throws UsageException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs an integer, was '" + text + "'");
        }
    }

    private static void require(boolean condition, String message) throws UsageException {
        if (!condition) {
            throw new UsageException(message);
        }
    }
}
