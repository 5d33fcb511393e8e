package dev.diffprobe.reports;

import dev.diffprobe.reports.calibration.CalibrationSplit;

/**
 * The report's settings, read from JVM system properties (Maven user properties reach them:
 * {@code mvn test -Dsuite=binding -Dreports.calibrationFit=0.3}). They live outside the
 * engine's {@code diffprobe.} namespace, which rejects keys it does not know.
 */
public final class ReportSettings {

    /**
     * Fraction of each task's examples, chosen by a hash of the example id (see
     * {@link CalibrationSplit}), that calibrations are fitted on; the rest measure them. Strictly
     * between 0 and 1. Default {@value CalibrationSplit#DEFAULT_FIT_FRACTION}.
     */
    public static final String CALIBRATION_FIT = "reports.calibrationFit";

    /** How many examples of a task's score trace get a score-versus-t plot. Default {@value #DEFAULT_TRACE_PLOTS}. */
    public static final String TRACE_PLOTS = "reports.tracePlots";
    /** Default of {@value #TRACE_PLOTS}. */
    public static final int DEFAULT_TRACE_PLOTS = 3;

    private ReportSettings() {
    }

    public static CalibrationSplit calibrationSplit() {
        String value = System.getProperty(CALIBRATION_FIT);
        if (value == null) {
            return CalibrationSplit.defaults();
        }
        try {
            return new CalibrationSplit(Double.parseDouble(value.trim()));
        } catch (IllegalArgumentException e) {
            throw new ReportException("setting " + CALIBRATION_FIT + "='" + value + "': " + e.getMessage()
                    + " (a fraction strictly between 0 and 1)", e);
        }
    }

    public static int tracePlots() {
        String value = System.getProperty(TRACE_PLOTS);
        if (value == null) {
            return DEFAULT_TRACE_PLOTS;
        }
        try {
            int plots = Integer.parseInt(value.trim());
            if (plots < 0) {
                throw new NumberFormatException();
            }
            return plots;
        } catch (NumberFormatException e) {
            throw new ReportException("setting " + TRACE_PLOTS + "='" + value + "' is not a count >= 0");
        }
    }
}
