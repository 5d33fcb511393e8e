package dev.diffprobe.reports;

import dev.diffprobe.harness.run.AtomicFiles;
import dev.diffprobe.harness.classify.Classification;
import dev.diffprobe.harness.classify.Mode;
import dev.diffprobe.harness.config.DiffProbeSettings;
import dev.diffprobe.reports.calibration.Calibration;
import dev.diffprobe.reports.calibration.CalibrationSplit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One calibration method tried on a set of results: the fitted calibration, or the reason it was
 * not fitted (no calls signal, a pruned run for the temperature, too few examples on a side).
 */
record CalibrationAttempt(String method, Optional<Calibration> calibration, String reason) {

    /** Platt scaling of calls and temperature scaling of mean scores, in that order. */
    static List<CalibrationAttempt> both(List<Classification> results, String mode, CalibrationSplit split) {
        List<CalibrationAttempt> attempts = new ArrayList<>();
        attempts.add(attempt(Calibration.PLATT, plattSkipReason(results), () -> Calibration.platt(results, split)));
        attempts.add(attempt(Calibration.TEMPERATURE, temperatureSkipReason(mode),
                () -> Calibration.temperature(results, split)));
        return attempts;
    }

    private static CalibrationAttempt attempt(String method, String skipReason,
                                              Supplier<Calibration> fit) {
        if (skipReason != null) {
            return new CalibrationAttempt(method, Optional.empty(), skipReason);
        }
        try {
            return new CalibrationAttempt(method, Optional.of(fit.get()), "");
        } catch (IllegalArgumentException e) {
            return new CalibrationAttempt(method, Optional.empty(), e.getMessage());
        }
    }

    /** The file-name word of the method: {@code platt} or {@code temperature}. */
    String word() {
        return method.equals(Calibration.PLATT) ? "platt" : "temperature";
    }

    /** A markdown table row: method, fitted map, fit n, held-out n, held-out ECE. */
    String row(String scope) {
        return calibration.map(c -> String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %.4f |", scope, method,
                        c.fitted(), c.fitCount(), c.heldOutCount(), c.heldOut().value()))
                .orElse("| " + scope + " | " + method + " | not fitted: " + reason + " | | | |");
    }

    /** The CSV header of {@link #csv}: Allure shows a text/csv attachment as a table. */
    static final List<String> CSV_COLUMNS = List.of("scope", "method", "fitted", "fit_n", "held_out_n",
            "held_out_ece", "fit_fraction", "not_fitted_because");

    List<String> csv(String scope, CalibrationSplit split) {
        String fraction = Double.toString(split.fitFraction());
        return calibration.map(c -> List.of(scope, method, c.fitted(), Integer.toString(c.fitCount()),
                        Integer.toString(c.heldOutCount()), String.format(Locale.ROOT, "%.4f", c.heldOut().value()),
                        fraction, ""))
                .orElse(List.of(scope, method, "", "", "", "", fraction, reason));
    }

    static Path writeCsv(Path file, List<List<String>> rows) {
        try {
            AtomicFiles.write(file, out -> {
                CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
                printer.printRecord(CSV_COLUMNS);
                for (List<String> row : rows) {
                    printer.printRecord(row);
                }
                printer.flush();
            });
        } catch (IOException e) {
            throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    static List<String> header(CalibrationSplit split) {
        return List.of(String.format(Locale.ROOT, "Fit split: examples whose id hashes below %.2f (%s); "
                        + "the rest are held out. ECE: 15 equal-width confidence bins, held-out examples only.",
                        split.fitFraction(), DiffProbeSettings.CALIBRATION_FIT), "",
                "| scope | method | fitted | fit n | held-out n | held-out ECE |", "|---|---|---|---|---|---|");
    }

    private static String plattSkipReason(List<Classification> results) {
        long[] calls = results.stream().filter(c -> c.error().isEmpty())
                .mapToLong(Classification::denoiserCalls).distinct().toArray();
        return calls.length != 1 ? null
                : "every example cost the same number of denoiser calls (" + calls[0] + "): nothing was pruned "
                        + "early, or the run does not prune, so calls carry no confidence";
    }

    /** The paper fits the temperature on scores from unpruned runs (see TemperatureScaling). */
    private static String temperatureSkipReason(String mode) {
        return mode.equals(Mode.PRUNED.word())
                ? "pruned run; mean scores of dropped candidates rest on fewer rounds (fit it on a run with "
                        + "-Ddiffprobe.classifier.mode=shared)"
                : null;
    }
}
