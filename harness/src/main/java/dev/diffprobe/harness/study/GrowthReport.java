package dev.diffprobe.harness.study;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How calls per example grow with the number of candidates K: for each rule, the least-squares
 * fit of log(calls) = a log(K) + b over the K-way tasks, its exponent a, and a log-log plot.
 * a = 1 is linear growth (every candidate costs the same); the paper's pruning should give a < 1.
 */
final class GrowthReport {
    private GrowthReport() {
    }

    /** @param byK K -> rule -> {calls per example, accuracy} */
    static void write(Map<Integer, Map<String, double[]>> byK, Path out, List<String> lines) throws IOException {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        List<String> csv = new ArrayList<>(List.of("rule,k,calls_per_example,accuracy"));
        byK.forEach((k, rules) -> rules.forEach((rule, v) -> {
            series.computeIfAbsent(rule, r -> new XYSeries(r, true)).add((double) k, v[0]);
            csv.add(String.format(Locale.ROOT, "%s,%d,%.2f,%.4f", rule, k, v[0], v[1]));
        }));
        lines.add("");
        lines.add("| rule | fitted exponent a (calls ~ K^a) | K values |");
        lines.add("|---|---|---|");
        for (XYSeries s : series.values()) {
            double[] fit = exponent(s);
            lines.add(String.format(Locale.ROOT, "| %s | %.2f | %d |", s.getKey(), fit[0], s.getItemCount()));
            csv.add(String.format(Locale.ROOT, "# %s exponent %.4f intercept %.4f", s.getKey(), fit[0], fit[1]));
        }
        Files.write(out.resolve("growth.csv"), csv);
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        LogAxis k = new LogAxis("candidates K (log scale)");
        k.setBase(2);
        k.setTickUnit(new NumberTickUnit(1));
        k.setNumberFormatOverride(new DecimalFormat("#,##0"));
        LogAxis calls = new LogAxis("mean denoiser calls per example (log scale)");
        calls.setTickUnit(new NumberTickUnit(1));
        calls.setNumberFormatOverride(new DecimalFormat("#,##0"));
        XYPlot plot = new XYPlot(data, k, calls, new XYLineAndShapeRenderer(true, true));
        JFreeChart chart = new JFreeChart("Cost against the number of candidates", plot);
        ChartUtils.saveChartAsPNG(out.resolve("growth.png").toFile(), chart, 800, 550);
    }

    /** {a, b} of the least-squares line log(y) = a log(x) + b. */
    static double[] exponent(XYSeries s) {
        int n = s.getItemCount();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.log(s.getX(i).doubleValue());
            double y = Math.log(s.getY(i).doubleValue());
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double a = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new double[] {a, (sy - a * sx) / n};
    }
}
