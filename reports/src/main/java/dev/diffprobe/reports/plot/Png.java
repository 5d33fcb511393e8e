package dev.diffprobe.reports.plot;

import dev.diffprobe.harness.run.AtomicFiles;
import dev.diffprobe.reports.ReportException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes charts as PNG files. Reports are made on build machines without a display, so AWT is
 * put in headless mode before the first chart is drawn (an explicit
 * {@code -Djava.awt.headless=false} is respected).
 */
public final class Png {

    /** Width of every chart, in pixels: readable in Allure's attachment pane without zooming. */
    public static final int WIDTH = 960;
    /** Height of every chart, in pixels. */
    public static final int HEIGHT = 640;

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Png() {
    }

    static Path write(JFreeChart chart, Path file) {
        return write(chart, file, WIDTH, HEIGHT);
    }

    static Path write(JFreeChart chart, Path file, int width, int height) {
        chart.setBackgroundPaint(Color.WHITE);
        // Room on the right for the last tick label, which axes centre on the plot's edge.
        chart.setPadding(new RectangleInsets(4, 4, 4, 24));
        chart.getTitle().setFont(TITLE);
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(LABEL);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.writeBytes(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
            return file;
        } catch (IOException e) {
            throw new ReportException("cannot write chart " + file + ": " + e.getMessage(), e);
        }
    }
}
