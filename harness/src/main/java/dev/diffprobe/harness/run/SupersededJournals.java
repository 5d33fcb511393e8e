package dev.diffprobe.harness.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Journals put aside when a run with other settings took their place, kept in
 * {@code <suite dir>/superseded/<task>.<settings hash>.csv}, so that going back to earlier
 * settings (another seed and back, say) resumes the earlier run instead of repeating it. Nothing
 * here is ever overwritten: a second journal of one settings hash (its examples had changed) gets
 * a numbered name beside the first. The folder keeps them apart from the current journals that
 * reports read.
 */
final class SupersededJournals {
    static final String FOLDER = "superseded";
    private static final String CSV = ".csv";

    private final Path journal;
    private final Path folder;
    private final String stem;

    SupersededJournals(Path journal) {
        this.journal = journal;
        this.folder = journal.resolveSibling(FOLDER);
        String name = journal.getFileName().toString();
        this.stem = name.endsWith(CSV) ? name.substring(0, name.length() - CSV.length()) : name;
    }

    /** Moves {@code file} (the journal, or an old {@code .bak} of it) aside under its settings hash. */
    Path keep(Path file, String settingsHash) throws IOException {
        Files.createDirectories(folder);
        Path target = folder.resolve(stem + "." + settingsHash + CSV);
        for (int i = 2; Files.exists(target); i++) {
            target = folder.resolve(stem + "." + settingsHash + "." + i + CSV);
        }
        return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The kept journals of one settings hash, oldest name first. */
    List<Path> of(String settingsHash) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        String prefix = stem + "." + settingsHash + ".";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(CSV);
        })) {
            files.forEach(found::add);
        }
        found.sort(java.util.Comparator.comparingInt((Path p) -> p.toString().length()).thenComparing(Path::toString));
        return found;
    }

    /** Moves the first kept journal of this hash that {@code resumable} accepts back into place. */
    Optional<Path> restore(String settingsHash, Predicate<Path> resumable) throws IOException {
        for (Path kept : of(settingsHash)) {
            if (resumable.test(kept)) {
                Files.move(kept, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return Optional.of(kept);
            }
        }
        return Optional.empty();
    }
}
