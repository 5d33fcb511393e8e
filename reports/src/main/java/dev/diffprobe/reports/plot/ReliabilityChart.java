package dev.diffprobe.reports.plot;

import dev.diffprobe.reports.calibration.Calibration;
import dev.diffprobe.reports.calibration.ReliabilityBin;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The reliability diagram of a calibration on its held-out examples: per confidence bin, the
 * fraction correct (bars) against the mean confidence (points), with the diagonal of perfect
 * calibration. Each non-empty bin is labelled with its example count, since a bar of two
 * examples says little.
 */
public final class ReliabilityChart {

    private ReliabilityChart() {
    }

    public static Path write(Path file, String task, Calibration calibration) {
        XYIntervalSeries accuracy = new XYIntervalSeries("Fraction correct");
        XYSeries confidence = new XYSeries("Mean confidence in bin");
        XYPlot plot = new XYPlot();
        for (ReliabilityBin bin : calibration.heldOut().bins()) {
            if (bin.isEmpty()) {
                continue;
            }
            double mid = (bin.lower() + bin.upper()) / 2;
            accuracy.add(mid, bin.lower(), bin.upper(), bin.accuracy(), bin.accuracy(), bin.accuracy());
            confidence.add(mid, bin.meanConfidence());
            XYTextAnnotation count = new XYTextAnnotation("n=" + bin.count(), mid,
                    Math.min(bin.accuracy(), 0.95) + 0.02);
            count.setFont(Png.TICK);
            count.setTextAnchor(TextAnchor.BOTTOM_CENTER);
            plot.addAnnotation(count);
        }
        XYSeries diagonal = new XYSeries("Perfect calibration");
        diagonal.add(0, 0);
        diagonal.add(1, 1);

        XYBarRenderer bars = new XYBarRenderer(0.05);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(70, 110, 190));
        XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
        points.setSeriesPaint(0, new Color(220, 120, 30));
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, Color.DARK_GRAY);
        line.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10, new float[] {6, 4}, 0));

        plot.setDataset(0, new XYSeriesCollection(confidence));
        plot.setRenderer(0, points);
        plot.setDataset(1, new XYSeriesCollection(diagonal));
        plot.setRenderer(1, line);
        XYIntervalSeriesCollection accuracyData = new XYIntervalSeriesCollection();
        accuracyData.addSeries(accuracy);
        plot.setDataset(2, accuracyData);
        plot.setRenderer(2, bars);
        plot.setDomainAxis(unitAxis("Confidence (" + calibration.method() + ")"));
        plot.setRangeAxis(unitAxis("Fraction correct"));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);

        String title = String.format(Locale.ROOT, "%s: reliability, %s, ECE %.3f (%d held-out, %d fit)",
                task, calibration.method(), calibration.heldOut().value(), calibration.heldOutCount(),
                calibration.fitCount());
        JFreeChart chart = new JFreeChart(title, plot);
        chart.addSubtitle(new TextTitle(calibration.fitted(), Png.LABEL));
        return Png.write(chart, file);
    }

    private static NumberAxis unitAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(0, 1.05);
        axis.setLabelFont(Png.LABEL);
        axis.setTickLabelFont(Png.TICK);
        return axis;
    }
}
