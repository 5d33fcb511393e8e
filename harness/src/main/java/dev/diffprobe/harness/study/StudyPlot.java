package dev.diffprobe.harness.study;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
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
        NumberAxis accuracy = new NumberAxis("accuracy (%)");
        accuracy.setRange(0, 100);
        XYPlot plot = new XYPlot(data, calls, accuracy, new XYLineAndShapeRenderer(true, true));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 560);
    }
}
