package dev.diffprobe.reports.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weighted scores of one example against the noise level t at which each was drawn, one
 * colour per candidate: where in t the candidates separate, and how the weighting shapes it.
 * Weighted scores span orders of magnitude under exp(-k t), so the y axis is logarithmic when
 * every score is positive.
 */
public final class ScoreTraceChart {

    private ScoreTraceChart() {
    }

    public static Path write(Path file, String title, List<ScorePoint> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("score trace '" + title + "' has no score");
        }
        Map<String, XYSeries> series = new LinkedHashMap<>();
        boolean positive = true;
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (ScorePoint p : points) {
            lowest = Math.min(lowest, p.weightedScore());
            highest = Math.max(highest, p.weightedScore());
            series.computeIfAbsent(p.candidate(), name -> new XYSeries(name, false, true))
                    .add(p.t(), p.weightedScore());
            positive &= p.weightedScore() > 0;
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        for (int s = 0; s < series.size(); s++) {
            // Candidates share each round's t and often score alike: growing hollow rings keep
            // a later candidate's point from hiding an earlier one's.
            double size = 6 + 5 * s;
            renderer.setSeriesShape(s, new Ellipse2D.Double(-size / 2, -size / 2, size, size));
            renderer.setSeriesShapesFilled(s, s == 0);
        }
        renderer.setUseOutlinePaint(false);
        renderer.setDrawOutlines(true);
        NumberAxis t = new NumberAxis("Noise level t");
        t.setRange(0, 1);
        t.setLabelFont(Png.LABEL);
        t.setTickLabelFont(Png.TICK);
        ValueAxis score = positive
                ? LogRange.axis("Weighted score w(t)·‖x − x̂‖² (log scale)", lowest, highest, new DecimalFormat("0.#E0"))
                : new NumberAxis("Weighted score w(t)·‖x − x̂‖²");
        score.setLabelFont(Png.LABEL);
        score.setTickLabelFont(Png.TICK);

        XYPlot plot = new XYPlot(data, t, score, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return Png.write(new JFreeChart(title, plot), file);
    }
}
