package io.cnnlab.reports.charts;

import java.awt.Color;

/** Colour maps shared by heat maps and kernel images. */
public final class ColorScales {
  private ColorScales() {}

  private static final Color[] SEQUENTIAL = {
    new Color(255, 255, 255), new Color(158, 202, 225), new Color(49, 130, 189), new Color(8, 48, 107)
  };
  private static final Color BLUE = new Color(33, 102, 172);
  private static final Color RED = new Color(178, 24, 43);

  /** White (0) through light and mid blue to dark blue (1); values outside 0..1 are clamped. */
  static Color sequential(double t) {
    double x = clamp(t) * (SEQUENTIAL.length - 1);
    int i = Math.min((int) Math.floor(x), SEQUENTIAL.length - 2);
    return mix(SEQUENTIAL[i], SEQUENTIAL[i + 1], x - i);
  }

  /** Blue (-1) through white (0) to red (+1); values outside -1..1 are clamped. */
  public static Color diverging(double t) {
    double x = Math.max(-1, Math.min(1, t));
    return x < 0 ? mix(Color.WHITE, BLUE, -x) : mix(Color.WHITE, RED, x);
  }

  /** Whether text on {@code background} should be white rather than black. */
  static boolean isDark(Color background) {
    double luminance =
        (0.299 * background.getRed() + 0.587 * background.getGreen() + 0.114 * background.getBlue()) / 255;
    return luminance < 0.5;
  }

  private static Color mix(Color a, Color b, double t) {
    return new Color(
        (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
        (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
        (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
  }

  private static double clamp(double t) {
    return Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
  }
}
