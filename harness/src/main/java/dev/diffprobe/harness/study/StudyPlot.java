package dev.diffprobe.harness.study;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The paper's Figure 2 for our task: accuracy against mean denoiser calls, one line per mode. */
final class StudyPlot {
    private StudyPlot() {
    }

    static void write(List<StudyPoint> points, double chance, String title, Path png) throws IOException {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (StudyPoint p : points) {
            series.computeIfAbsent(p.mode(), m -> new XYSeries(m, true)).add(p.meanCalls(), 100 * p.accuracy());
        }
        XYSeries chanceLine = new XYSeries("chance", true);
        double min = points.stream().mapToDouble(StudyPoint::meanCalls).min().orElse(1);
        double max = points.stream().mapToDouble(StudyPoint::meanCalls).max().orElse(10);
        chanceLine.add(min, 100 * chance);
        chanceLine.add(max, 100 * chance);
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        data.addSeries(chanceLine);
        LogAxis calls = new LogAxis("mean denoiser calls per example (log scale)");
        calls.setSmallestValue(0.5);
        calls.setAutoTickUnitSelection(false);
        calls.setTickUnit(new NumberTickUnit(1));
        calls.setNumberFormatOverride(new DecimalFormat("#,##0"));
        NumberAxis accuracy = new NumberAxis("accuracy (%)");
        accuracy.setRange(0, 100);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int chanceIndex = data.getSeriesCount() - 1;
        renderer.setSeriesPaint(chanceIndex, Color.GRAY);
        renderer.setSeriesShapesVisible(chanceIndex, false);
        renderer.setSeriesStroke(chanceIndex, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        XYPlot plot = new XYPlot(data, calls, accuracy, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 560);
    }
}
