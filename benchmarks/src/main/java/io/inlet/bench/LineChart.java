package io.inlet.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A small PNG line chart drawn with Java2D (headless), so that the benchmarks plot their results
 * with what the JDK has: no gnuplot or Python on the user's machine. Several panels side by side,
 * each with its own y axis; series keep their colour and marker across panels, and differ by marker
 * shape too, so the chart reads without colour.
 */
final class LineChart {

  record Series(String name, List<double[]> points) {}

  record Panel(String title, String xLabel, String yLabel, List<Series> series) {}

  private static final int PANEL_WIDTH = 520;
  private static final int HEIGHT = 420;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 50;
  private static final int BOTTOM = 95;
  private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};

  private LineChart() {}

  static void write(Path file, String title, List<Panel> panels) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(PANEL_WIDTH * panels.size(), HEIGHT + 30, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(title, 12, 22);
      for (int i = 0; i < panels.size(); i++) {
        drawPanel(g, panels.get(i), i * PANEL_WIDTH, 30);
      }
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", file.toFile());
  }

  private static void drawPanel(Graphics2D g, Panel panel, int x0, int y0) {
    double maxX = 0;
    double maxY = 0;
    for (Series s : panel.series()) {
      for (double[] p : s.points()) {
        maxX = Math.max(maxX, p[0]);
        maxY = Math.max(maxY, p[1]);
      }
    }
    maxX = niceCeiling(maxX);
    maxY = niceCeiling(maxY);
    int plotLeft = x0 + LEFT;
    int plotRight = x0 + PANEL_WIDTH - RIGHT;
    int plotTop = y0 + TOP;
    int plotBottom = y0 + HEIGHT - BOTTOM;
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.setColor(Color.BLACK);
    g.drawString(panel.title(), plotLeft, y0 + 25);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    FontMetrics metrics = g.getFontMetrics();
    for (int tick = 0; tick <= 5; tick++) {
      int y = plotBottom - (plotBottom - plotTop) * tick / 5;
      int x = plotLeft + (plotRight - plotLeft) * tick / 5;
      g.setColor(new Color(0xe0e0e0));
      g.drawLine(plotLeft, y, plotRight, y);
      g.setColor(Color.DARK_GRAY);
      String yText = format(maxY * tick / 5);
      g.drawString(yText, plotLeft - 6 - metrics.stringWidth(yText), y + 4);
      String xText = format(maxX * tick / 5);
      g.drawString(xText, x - metrics.stringWidth(xText) / 2, plotBottom + 16);
    }
    g.setColor(Color.BLACK);
    g.drawRect(plotLeft, plotTop, plotRight - plotLeft, plotBottom - plotTop);
    g.drawString(panel.xLabel(), (plotLeft + plotRight - metrics.stringWidth(panel.xLabel())) / 2, plotBottom + 34);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString(panel.yLabel(), -(plotTop + plotBottom + metrics.stringWidth(panel.yLabel())) / 2, x0 + 16);
    rotated.dispose();
    int legendY = plotBottom + 56;
    for (int i = 0; i < panel.series().size(); i++) {
      Series series = panel.series().get(i);
      Color colour = COLOURS[i % COLOURS.length];
      g.setColor(colour);
      g.setStroke(new BasicStroke(2f));
      List<int[]> pixels = new ArrayList<>();
      for (double[] p : series.points()) {
        pixels.add(new int[] {plotLeft + (int) Math.round((plotRight - plotLeft) * p[0] / maxX),
            plotBottom - (int) Math.round((plotBottom - plotTop) * p[1] / maxY)});
      }
      for (int j = 1; j < pixels.size(); j++) {
        g.drawLine(pixels.get(j - 1)[0], pixels.get(j - 1)[1], pixels.get(j)[0], pixels.get(j)[1]);
      }
      for (int[] p : pixels) {
        marker(g, i, p[0], p[1]);
      }
      int legendX = plotLeft + (i % 2) * 220;
      int rowY = legendY + (i / 2) * 18;
      marker(g, i, legendX + 6, rowY - 4);
      g.setColor(Color.BLACK);
      g.drawString(series.name(), legendX + 16, rowY);
    }
    g.setStroke(new BasicStroke(1f));
  }

  /** Series differ by marker shape as well as colour: circle, square, triangle, diamond. */
  private static void marker(Graphics2D g, int index, int x, int y) {
    g.setColor(COLOURS[index % COLOURS.length]);
    switch (index % 4) {
      case 0 -> g.fillOval(x - 4, y - 4, 9, 9);
      case 1 -> g.fillRect(x - 4, y - 4, 9, 9);
      case 2 -> g.fillPolygon(new int[] {x, x - 5, x + 5}, new int[] {y - 5, y + 4, y + 4}, 3);
      default -> g.fillPolygon(new int[] {x, x - 5, x, x + 5}, new int[] {y - 5, y, y + 5, y}, 4);
    }
  }

  /** The smallest 1, 2 or 5 times a power of ten that is at least {@code value} (axes end on round numbers). */
  static double niceCeiling(double value) {
    if (value <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }

  private static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.2f", value).replaceAll("0+$", "");
  }
}
