package io.cnnlab.output;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Measured values written for people so that they keep their meaning at any scale: four significant digits, in
 * scientific notation below 0.001 and from a million on (5.722e-6 stays 5.722e-6, never 0.0000), with the unit
 * the metric's name gives ({@code megapixels_per_second} in megapixels/s, {@code detect_seconds} in s).
 */
public final class Quantities {
  private Quantities() {}

  /** Significant digits shown. */
  public static final int DIGITS = 4;

  /** Below this magnitude (and from {@link #LARGE} on) a value is written in scientific notation. */
  public static final double SMALL = 1e-3;

  public static final double LARGE = 1e6;

  /**
   * {@code value} with {@link #DIGITS} significant digits: {@code 0.7813}, {@code 41.66}, {@code 9439};
   * {@code 5.722e-6} and {@code 1e-4} (mantissa without trailing zeros) below {@link #SMALL}; {@code 0} for zero.
   */
  public static String number(double value) {
    String special = special(value);
    if (special != null) {
      return special;
    }
    double magnitude = Math.abs(value);
    if (magnitude < SMALL || magnitude >= LARGE) {
      String[] parts = String.format(Locale.ROOT, "%." + (DIGITS - 1) + "e", value).split("e");
      String mantissa = new BigDecimal(parts[0]).stripTrailingZeros().toPlainString();
      return mantissa + "e" + Integer.parseInt(parts[1]);
    }
    int decimals = Math.max(0, DIGITS - 1 - (int) Math.floor(Math.log10(magnitude)));
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** "n/a", "inf", "-inf" or "0" for the values that have no digits to show; null for every other. */
  public static String special(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    return value == 0 ? "0" : null;
  }

  /**
   * The unit {@code metric} is measured in, read from its name: {@code X_per_second} in X/s, {@code X_seconds} in
   * s, {@code X_ms} in ms; empty for ratios, counts, differences and losses, which have none.
   */
  public static String unit(String metric) {
    if (metric == null) {
      return "";
    }
    if (metric.endsWith("_per_second")) {
      return metric.substring(0, metric.length() - "_per_second".length()).replace('_', ' ') + "/s";
    }
    if (metric.endsWith("_seconds") || metric.equals("seconds")) {
      return "s";
    }
    return metric.endsWith("_ms") ? "ms" : "";
  }

  /** {@code value} with its unit when it has one: {@code 41.66 megapixels/s}, {@code 5.722e-6}. */
  public static String of(double value, String metric) {
    String unit = unit(metric);
    return number(value) + (unit.isEmpty() ? "" : " " + unit);
  }

  /**
   * The metric and its value: {@code max_abs_diff 5.722e-6}, {@code detect_seconds 3.1 s}; a rate, whose name is
   * its unit, as {@code 41.66 megapixels/s}. The value alone when no metric is known.
   */
  public static String named(String metric, double value) {
    if (metric == null || metric.isEmpty()) {
      return number(value);
    }
    return metric.endsWith("_per_second") ? of(value, metric) : metric + " " + of(value, metric);
  }
}
