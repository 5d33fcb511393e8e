package dev.diffprobe.reports.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy per task as grouped bars, one bar per series, with 95% interval whiskers; each
 * task's chance accuracy and threshold drawn as a dash across its group (the paper's Table 3
 * as a picture). Tasks keep the order in which they first appear.
 */
public final class TaskAccuracyChart {

    /** Share of a task's slot that its group of bars fills; the rest separates the groups. */
    private static final double GROUP_WIDTH = 0.8;
    private static final int PIXELS_PER_TASK = 64;
    private static final int MARGIN_PIXELS = 140;

    private static final Color[] SERIES_COLORS = {
        new Color(70, 110, 190), new Color(230, 140, 40), new Color(90, 160, 90),
        new Color(150, 90, 170), new Color(120, 120, 120)
    };

    private TaskAccuracyChart() {
    }

    public static Path write(Path file, String title, List<TaskBar> bars) {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("per-task chart '" + title + "' has no bar");
        }
        Map<String, Integer> taskIndex = new LinkedHashMap<>();
        Map<String, XYIntervalSeries> series = new LinkedHashMap<>();
        for (TaskBar bar : bars) {
            taskIndex.putIfAbsent(bar.task(), taskIndex.size());
            series.computeIfAbsent(bar.series(), XYIntervalSeries::new);
        }
        List<String> seriesNames = new ArrayList<>(series.keySet());
        double barWidth = GROUP_WIDTH / seriesNames.size();

        XYSeries chance = new XYSeries("Chance");
        XYSeries threshold = new XYSeries("Threshold");
        for (TaskBar bar : bars) {
            int task = taskIndex.get(bar.task());
            int s = seriesNames.indexOf(bar.series());
            double left = task - GROUP_WIDTH / 2 + s * barWidth;
            series.get(bar.series()).add(left + barWidth / 2, left, left + barWidth,
                    bar.accuracy(), bar.interval().lower(), bar.interval().upper());
            if (chance.indexOf(task) < 0) {
                chance.add(task, bar.chance());
            }
            if (bar.threshold().isPresent() && threshold.indexOf(task) < 0) {
                threshold.add(task, bar.threshold().getAsDouble());
            }
        }
        // Two collections of the same series: XYPlot finds a dataset's renderer (and legend) by
        // the dataset's first index, so one shared collection would lose the bars' legend.
        XYIntervalSeriesCollection barData = new XYIntervalSeriesCollection();
        XYIntervalSeriesCollection whiskerData = new XYIntervalSeriesCollection();
        series.values().forEach(barData::addSeries);
        series.values().forEach(whiskerData::addSeries);

        int width = Math.max(Png.WIDTH, MARGIN_PIXELS + PIXELS_PER_TASK * taskIndex.size());
        double dashPixels = GROUP_WIDTH * (width - MARGIN_PIXELS) / taskIndex.size();

        XYPlot plot = new XYPlot();
        if (threshold.getItemCount() > 0) {
            plot.setDataset(0, new XYSeriesCollection(threshold));
            plot.setRenderer(0, dashes(new Color(200, 30, 30), dashPixels, 3));
        }
        plot.setDataset(1, new XYSeriesCollection(chance));
        plot.setRenderer(1, dashes(Color.BLACK, dashPixels, 2));
        plot.setDataset(2, whiskerData);
        plot.setRenderer(2, whiskers());
        plot.setDataset(3, barData);
        plot.setRenderer(3, bars(seriesNames.size()));

        SymbolAxis tasks = new SymbolAxis("Task", taskIndex.keySet().toArray(String[]::new));
        tasks.setRange(-0.5, taskIndex.size() - 0.5);
        tasks.setGridBandsVisible(false);
        tasks.setVerticalTickLabels(taskIndex.size() > 6);
        tasks.setLabelFont(Png.LABEL);
        tasks.setTickLabelFont(Png.TICK);
        NumberAxis accuracy = new NumberAxis("Accuracy (bars: 95% Wilson interval)");
        accuracy.setRange(0, 1.05);
        accuracy.setLabelFont(Png.LABEL);
        accuracy.setTickLabelFont(Png.TICK);
        plot.setDomainAxis(tasks);
        plot.setRangeAxis(accuracy);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return Png.write(new JFreeChart(title, plot), file, width, Png.HEIGHT);
    }

    private static XYBarRenderer bars(int seriesCount) {
        XYBarRenderer renderer = new XYBarRenderer(0.05);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        for (int s = 0; s < seriesCount; s++) {
            renderer.setSeriesPaint(s, SERIES_COLORS[s % SERIES_COLORS.length]);
        }
        return renderer;
    }

    private static XYErrorRenderer whiskers() {
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(false);
        renderer.setDefaultShapesVisible(false);
        renderer.setErrorPaint(Color.BLACK);
        renderer.setErrorStroke(new BasicStroke(1.5f));
        renderer.setCapLength(6);
        renderer.setDefaultSeriesVisibleInLegend(false);
        return renderer;
    }

    /** A horizontal dash at each point: a line across the task's group, in the legend too. */
    private static XYLineAndShapeRenderer dashes(Color color, double widthPixels, double thickness) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, color);
        renderer.setSeriesShape(0, new Rectangle2D.Double(-widthPixels / 2, -thickness / 2, widthPixels, thickness));
        renderer.setLegendShape(0, new Rectangle2D.Double(-12, -thickness / 2, 24, thickness));
        return renderer;
    }
}
