package dev.diffprobe.reports.plot;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;

import java.text.NumberFormat;

/**
 * Log axes that always show labelled ticks: the range is widened to whole decades around the
 * data (with a margin), and ticks sit on the powers of ten. A range inside one decade would
 * otherwise carry no labelled tick at all.
 */
final class LogRange {

    /** Data closer than this factor to a decade's edge get the next decade too, so points never sit on the frame. */
    private static final double MARGIN = 1.5;

    private LogRange() {
    }

    static LogAxis axis(String label, double lowest, double highest, NumberFormat format) {
        LogAxis axis = new LogAxis(label);
        double lower = Math.pow(10, Math.floor(Math.log10(lowest / MARGIN)));
        double upper = Math.pow(10, Math.ceil(Math.log10(highest * MARGIN)));
        axis.setRange(lower, upper);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setNumberFormatOverride(format);
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
        axis.setLabelFont(Png.LABEL);
        axis.setTickLabelFont(Png.TICK);
        return axis;
    }
}
