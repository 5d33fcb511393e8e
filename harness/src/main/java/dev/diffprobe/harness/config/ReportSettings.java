package dev.diffprobe.harness.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The report's settings, read and validated by {@link Settings} and handed to the
 * {@link dev.diffprobe.harness.run.Reporter}s.
 *
 * @param calibrationFit {@value DiffProbeSettings#CALIBRATION_FIT}, strictly between 0 and 1; empty: the reports module's default
 * @param tracePlots {@value DiffProbeSettings#TRACE_PLOTS}, 0 or more
 * @param allureResults Allure's results directory when Allure writes results ({@value DiffProbeSettings#ALLURE_RESULTS})
 */
public record ReportSettings(OptionalDouble calibrationFit, int tracePlots, Optional<Path> allureResults) {

    public ReportSettings {
        if (calibrationFit.isPresent() && !(calibrationFit.getAsDouble() > 0 && calibrationFit.getAsDouble() < 1)) {
            throw new IllegalArgumentException(DiffProbeSettings.CALIBRATION_FIT
                    + " must be strictly between 0 and 1, got " + calibrationFit.getAsDouble());
        }
        if (tracePlots < 0) {
            throw new IllegalArgumentException(DiffProbeSettings.TRACE_PLOTS + " must be 0 or more, got " + tracePlots);
        }
    }

    /** Every default, and no Allure results. */
    public static ReportSettings defaults() {
        return new ReportSettings(OptionalDouble.empty(), DiffProbeSettings.DEFAULT_TRACE_PLOTS, Optional.empty());
    }
}
