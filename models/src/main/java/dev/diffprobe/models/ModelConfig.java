package dev.diffprobe.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A checkpoint's model.yaml, validated: every field is present and sensible and every file it
 * names exists. See models/README.md for the format.
 *
 * @param files the TorchScript files by role ({@link #TEXT_ENCODER}, ...), resolved against the
 *     checkpoint directory
 * @param prediction null for contrastive checkpoints
 * @param schedule null for contrastive checkpoints
 * @param heldOut the {@code shape:colour} compositions the checkpoint's training data never put on
 *     one object ({@code held_out} in model.yaml), in file order; empty when none is declared
 * @param precision what the TorchScript modules compute in ({@code dtype}; float32 when absent)
 */
public record ModelConfig(
        Path directory,
        String name,
        Kind kind,
        Space space,
        int resolution,
        int channels,
        Prediction prediction,
        ScheduleConfig schedule,
        double latentScale,
        Path tokenizer,
        int maxTextLength,
        Map<String, Path> files,
        List<String> heldOut,
        Precision precision) {

    public static final String FILE_NAME = "model.yaml";
    public static final String TEXT_ENCODER = "text_encoder";
    public static final String DENOISER = "denoiser";
    public static final String VAE_ENCODER = "vae_encoder";
    public static final String IMAGE_ENCODER = "image_encoder";
    private static final List<String> ROLES = List.of(TEXT_ENCODER, DENOISER, VAE_ENCODER, IMAGE_ENCODER);

    /** What the checkpoint is. */
    public enum Kind {
        DIFFUSION,
        CONTRASTIVE
    }

    /** Where a diffusion checkpoint's x lives. */
    public enum Space {
        PIXEL,
        LATENT
    }

    public ModelConfig {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        heldOut = List.copyOf(heldOut);
    }

    /** How errors name this checkpoint: its name and where it lives. */
    public String label() {
        return name + " (" + directory + ")";
    }

    /** The resolved path of the file with this role. */
    public Path file(String role) {
        Path file = files.get(role);
        if (file == null) {
            throw new IllegalArgumentException("checkpoint " + name + " has no " + role + " file");
        }
        return file;
    }

    /** Reads and validates {@code directory/model.yaml}; every problem is named in one exception. */
    public static ModelConfig read(Path directory) {
        Path yaml = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(yaml)) {
            throw new CheckpointException(directory.toString(), List.of("no " + FILE_NAME + " in " + directory));
        }
        Object root;
        try (InputStream in = Files.newInputStream(yaml)) {
            root = new Load(LoadSettings.builder().setLabel(yaml.toString()).build()).loadFromInputStream(in);
        } catch (IOException e) {
            throw new CheckpointException(directory.toString(), "cannot read " + yaml + ": " + e.getMessage(), e);
        } catch (YamlEngineException e) {
            throw new CheckpointException(directory.toString(), yaml + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new CheckpointException(directory.toString(), List.of(yaml + " is not a YAML mapping"));
        }
        List<String> problems = new ArrayList<>();
        ModelConfig config = parse(directory, new YamlFields(map, "", problems), problems);
        if (!problems.isEmpty()) {
            throw new CheckpointException(directory.toString(), problems);
        }
        return config;
    }

    private static ModelConfig parse(Path directory, YamlFields yaml, List<String> problems) {
        String name = yaml.string("name");
        Kind kind = enumField(yaml, "kind", Kind.class);
        Space space = enumField(yaml, "space", Space.class);
        int resolution = yaml.positiveInt("resolution");
        int channels = yaml.positiveInt("channels");
        int maxTextLength = yaml.positiveInt("max_text_length");
        Prediction prediction = null;
        ScheduleConfig schedule = null;
        if (kind == Kind.DIFFUSION) {
            String predictionName = yaml.string("prediction");
            prediction = Prediction.parse(predictionName);
            if (predictionName != null && prediction == null) {
                yaml.invalid("prediction", predictionName, "one of epsilon, v, x0 (unknown prediction type)");
            }
            YamlFields scheduleFields = yaml.mapping("schedule");
            if (scheduleFields != null) {
                schedule = ScheduleConfig.read(scheduleFields);
            }
        }
        double latentScale = 1.0;
        if (space == Space.LATENT || yaml.has("latent_scale")) {
            latentScale = yaml.number("latent_scale");
            if (!(latentScale > 0) && !Double.isNaN(latentScale)) {
                yaml.invalid("latent_scale", latentScale, "a positive number");
            }
        }
        Path tokenizer = existingFile(directory, "tokenizer", yaml.string("tokenizer"), problems);
        Map<String, Path> files = files(directory, yaml, kind, space, problems);
        return new ModelConfig(directory, name, kind, space, resolution, channels, prediction, schedule,
                latentScale, tokenizer, maxTextLength, files, heldOut(yaml), precision(yaml, kind));
    }

    /**
     * {@code dtype}: absent is float32. Half precision is offered for diffusion checkpoints,
     * whose denoiser runs thousands of times per example; a contrastive checkpoint runs once.
     */
    private static Precision precision(YamlFields yaml, Kind kind) {
        if (!yaml.has("dtype")) {
            return Precision.FLOAT32;
        }
        Precision precision = enumField(yaml, "dtype", Precision.class);
        if (precision == null) {
            return Precision.FLOAT32;
        }
        if (precision != Precision.FLOAT32 && kind == Kind.CONTRASTIVE) {
            yaml.invalid("dtype", precision.word(), "float32 for a contrastive checkpoint (float16 and bfloat16"
                    + " are for diffusion checkpoints)");
        }
        return precision;
    }

    /**
     * {@code held_out}: absent, empty or a list of distinct {@code shape:colour} strings. The
     * words are not checked against a vocabulary: this module knows nothing of scenes, and a
     * composition no task draws simply never marks an example unseen.
     */
    private static List<String> heldOut(YamlFields yaml) {
        List<String> compositions = new ArrayList<>();
        for (Object item : yaml.list("held_out")) {
            String text = item instanceof String s ? s.strip() : null;
            int colon = text == null ? -1 : text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1 || text.indexOf(':', colon + 1) >= 0
                    || text.chars().anyMatch(Character::isWhitespace)) {
                yaml.invalid("held_out", item, "a list of 'shape:colour' strings, e.g. [cube:red, sphere:blue]");
            } else if (compositions.contains(text)) {
                yaml.invalid("held_out", item, "each composition once (it is listed twice)");
            } else {
                compositions.add(text);
            }
        }
        return compositions;
    }

    private static Map<String, Path> files(
            Path directory, YamlFields yaml, Kind kind, Space space, List<String> problems) {
        Map<String, Path> files = new LinkedHashMap<>();
        YamlFields section = yaml.mapping("files");
        if (section == null || kind == null) {
            return files;
        }
        List<String> required = new ArrayList<>(List.of(TEXT_ENCODER));
        if (kind == Kind.DIFFUSION) {
            required.add(DENOISER);
            if (space == Space.LATENT) {
                required.add(VAE_ENCODER);
            }
        } else {
            required.add(IMAGE_ENCODER);
        }
        for (String role : required) {
            Path file = existingFile(directory, "files." + role, section.string(role), problems);
            if (file != null) {
                files.put(role, file);
            }
        }
        for (Object key : section.keys()) {
            if (!ROLES.contains(String.valueOf(key))) {
                section.unknown(key, ROLES);
            }
        }
        return files;
    }

    private static Path existingFile(Path directory, String field, String fileName, List<String> problems) {
        if (fileName == null) {
            return null;
        }
        Path file = directory.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            problems.add("model.yaml field '" + field + "' names " + fileName + ", which does not exist in " + directory);
            return null;
        }
        if (!insideDirectory(directory, file)) {
            problems.add("model.yaml field '" + field + "' names " + fileName + ", which is outside the checkpoint"
                    + " folder " + directory + "; a checkpoint's files must lie inside its folder");
            return null;
        }
        return file;
    }

    /**
     * Whether {@code file}, with every symbolic link followed, lies inside {@code directory}
     * (links followed too): an absolute path, a {@code ..} or a link must not reach other files.
     */
    private static boolean insideDirectory(Path directory, Path file) {
        try {
            return file.toRealPath().startsWith(directory.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static <E extends Enum<E>> E enumField(YamlFields yaml, String key, Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        String expected = "one of " + String.join(", ", names);
        String value = yaml.string(key, expected, expected);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        yaml.invalid(key, value, expected);
        return null;
    }
}
