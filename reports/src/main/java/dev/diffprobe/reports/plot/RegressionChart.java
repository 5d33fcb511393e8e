package dev.diffprobe.reports.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Candidate minus baseline accuracy per task with its 95% interval (a forest plot of the
 * regression verdicts): points below zero are drops; each is labelled with its discordant
 * counts and McNemar p-value, the figures the verdict rests on.
 */
public final class RegressionChart {

    private static final int PIXELS_PER_TASK = 64;
    private static final int MARGIN_PIXELS = 140;
    /** Above this many tasks the labels stand upright. */
    private static final int UPRIGHT_LABELS = 6;

    private RegressionChart() {
    }

    public static Path write(Path file, String title, String candidate, String baseline,
                             List<PairedDifference> tasks) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("regression chart '" + title + "' has no task");
        }
        XYIntervalSeries series = new XYIntervalSeries(candidate + " − " + baseline + " (95% interval)");
        XYPlot plot = new XYPlot();
        double lowest = 0;
        double highest = 0;
        for (int i = 0; i < tasks.size(); i++) {
            PairedDifference d = tasks.get(i);
            series.add(i, i, i, d.difference(), d.interval().lower(), d.interval().upper());
            lowest = Math.min(lowest, d.interval().lower());
            highest = Math.max(highest, d.interval().upper());
            XYTextAnnotation label = new XYTextAnnotation(String.format(Locale.ROOT, " −%d/+%d p(worse)=%.2g",
                    d.lost(), d.gained(), d.pWorse()), i, d.interval().upper());
            label.setFont(Png.TICK);
            if (tasks.size() > UPRIGHT_LABELS) {
                // Side by side, labels of neighbouring tasks would overlap: stand them upright.
                label.setRotationAngle(-Math.PI / 2);
                label.setTextAnchor(TextAnchor.CENTER_LEFT);
                label.setRotationAnchor(TextAnchor.CENTER_LEFT);
            } else {
                label.setTextAnchor(TextAnchor.BOTTOM_CENTER);
            }
            plot.addAnnotation(label);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(series);

        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(false);
        renderer.setErrorStroke(new BasicStroke(2f));
        renderer.setCapLength(8);
        renderer.setSeriesPaint(0, new Color(70, 110, 190));

        SymbolAxis axis = new SymbolAxis("Task", tasks.stream().map(PairedDifference::task).toArray(String[]::new));
        axis.setRange(-0.5, tasks.size() - 0.5);
        axis.setGridBandsVisible(false);
        axis.setVerticalTickLabels(tasks.size() > 6);
        axis.setLabelFont(Png.LABEL);
        axis.setTickLabelFont(Png.TICK);
        NumberAxis difference = new NumberAxis("Accuracy difference, candidate − baseline (0: no change)");
        double pad = 0.1 * Math.max(0.1, highest - lowest);
        // Upright labels need about a third of the height above the highest whisker.
        double headroom = tasks.size() > UPRIGHT_LABELS ? 0.5 * (highest - lowest) + pad : 2 * pad;
        difference.setRange(lowest - pad, highest + headroom);
        difference.setLabelFont(Png.LABEL);
        difference.setTickLabelFont(Png.TICK);

        plot.setDataset(data);
        plot.setRenderer(renderer);
        plot.setDomainAxis(axis);
        plot.setRangeAxis(difference);
        plot.addRangeMarker(new ValueMarker(0, Color.BLACK, new BasicStroke(1.5f)));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        int width = Math.max(Png.WIDTH, MARGIN_PIXELS + PIXELS_PER_TASK * tasks.size());
        return Png.write(new JFreeChart(title, plot), file, width, Png.HEIGHT);
    }
}
