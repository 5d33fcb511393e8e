package dev.diffprobe.reports.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;

/**
 * A heat map of how often each true class (rows, y) was predicted as each class (columns, x).
 * Cells are shaded by the fraction of their row, so that unequal class sizes do not hide an
 * error pattern, and carry the raw count.
 */
public final class ConfusionMatrixChart {

    /** Above this many classes the counts would not fit in their cells and are left out. */
    private static final int MAX_ANNOTATED_CLASSES = 24;
    private static final int SHADES = 100;

    private ConfusionMatrixChart() {
    }

    /**
     * @param counts {@code counts[trueClass][predictedClass]}, square, one row per class name
     */
    public static Path write(Path file, String title, List<String> classes, long[][] counts) {
        int k = classes.size();
        if (counts.length != k) {
            throw new IllegalArgumentException("confusion matrix has " + counts.length
                    + " rows for " + k + " classes");
        }
        double[][] xyz = new double[3][k * k];
        DefaultXYZDataset data = new DefaultXYZDataset();
        XYPlot plot = new XYPlot();
        for (int row = 0; row < k; row++) {
            if (counts[row].length != k) {
                throw new IllegalArgumentException("confusion matrix row " + row + " has "
                        + counts[row].length + " columns for " + k + " classes");
            }
            long rowTotal = 0;
            for (long c : counts[row]) {
                rowTotal += c;
            }
            for (int col = 0; col < k; col++) {
                int i = row * k + col;
                xyz[0][i] = col;
                xyz[1][i] = row;
                xyz[2][i] = rowTotal == 0 ? 0 : (double) counts[row][col] / rowTotal;
                if (k <= MAX_ANNOTATED_CLASSES) {
                    XYTextAnnotation label = new XYTextAnnotation(Long.toString(counts[row][col]), col, row);
                    label.setFont(Png.LABEL);
                    label.setPaint(xyz[2][i] > 0.6 ? Color.WHITE : Color.BLACK);
                    plot.addAnnotation(label);
                }
            }
        }
        data.addSeries("row fraction", xyz);

        String[] names = classes.toArray(String[]::new);
        SymbolAxis predicted = new SymbolAxis("Predicted class", names);
        SymbolAxis actual = new SymbolAxis("True class", names);
        for (SymbolAxis axis : List.of(predicted, actual)) {
            axis.setGridBandsVisible(false);
            axis.setLabelFont(Png.LABEL);
            axis.setTickLabelFont(Png.TICK);
        }
        predicted.setVerticalTickLabels(k > 6);
        actual.setInverted(true);

        LookupPaintScale scale = new LookupPaintScale(0, 1.0000001, Color.WHITE);
        for (int s = 0; s < SHADES; s++) {
            double f = (double) s / SHADES;
            scale.add(f, new Color(Color.HSBtoRGB(0.6f, (float) (0.05 + 0.95 * f), (float) (1 - 0.55 * f))));
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);

        plot.setDataset(data);
        plot.setDomainAxis(predicted);
        plot.setRangeAxis(actual);
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setRangeAxisLocation(AxisLocation.TOP_OR_LEFT);

        JFreeChart chart = new JFreeChart(title, plot);
        chart.removeLegend();
        NumberAxis shadeAxis = new NumberAxis("Fraction of the true class");
        shadeAxis.setRange(0, 1);
        shadeAxis.setLabelFont(Png.TICK);
        PaintScaleLegend legend = new PaintScaleLegend(scale, shadeAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(40, 10, 40, 10));
        legend.setStripWidth(16);
        chart.addSubtitle(legend);
        int side = Math.max(Png.HEIGHT, Math.min(1600, 160 + 40 * k));
        return Png.write(chart, file, side + 160, side);
    }
}
