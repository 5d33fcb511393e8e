package dev.diffprobe.reports.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy against mean denoiser calls per example, one line per series, in the manner of the
 * paper's Figure 2. Calls span orders of magnitude between naive and pruned classification, so
 * the x axis is logarithmic. Vertical bars are 95% intervals.
 */
public final class AccuracyVsCallsChart {

    private AccuracyVsCallsChart() {
    }

    public static Path write(Path file, String title, List<ComputePoint> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("accuracy-versus-calls chart '" + title + "' has no point");
        }
        Map<String, XYIntervalSeries> series = new LinkedHashMap<>();
        XYPlot plot = new XYPlot();
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (ComputePoint p : points.stream().sorted(Comparator.comparingDouble(ComputePoint::meanCalls)).toList()) {
            if (!(p.meanCalls() > 0)) {
                throw new IllegalArgumentException("point '" + p.label() + "' of series '" + p.series()
                        + "' has " + p.meanCalls() + " mean calls; the log axis needs > 0");
            }
            series.computeIfAbsent(p.series(), XYIntervalSeries::new)
                    .add(p.meanCalls(), p.meanCalls(), p.meanCalls(), p.accuracy(),
                            p.interval().lower(), p.interval().upper());
            lowest = Math.min(lowest, p.meanCalls());
            highest = Math.max(highest, p.meanCalls());
            if (!p.label().isEmpty()) {
                XYTextAnnotation label = new XYTextAnnotation(p.label(), p.meanCalls(), p.accuracy());
                label.setFont(Png.TICK);
                label.setTextAnchor(TextAnchor.BOTTOM_LEFT);
                plot.addAnnotation(label);
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        series.values().forEach(data::addSeries);

        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesStroke(s, new BasicStroke(2f));
        }

        LogAxis calls = LogRange.axis("Mean denoiser calls per example (log scale)", lowest, highest,
                new DecimalFormat("#,##0"));
        NumberAxis accuracy = new NumberAxis("Accuracy");
        accuracy.setRange(0, 1.05);
        accuracy.setLabelFont(Png.LABEL);
        accuracy.setTickLabelFont(Png.TICK);

        plot.setDataset(data);
        plot.setRenderer(renderer);
        plot.setDomainAxis(calls);
        plot.setRangeAxis(accuracy);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return Png.write(new JFreeChart(title, plot), file);
    }
}
