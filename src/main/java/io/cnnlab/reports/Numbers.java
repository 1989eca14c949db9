package io.cnnlab.reports;

import io.cnnlab.output.Quantities;
import java.util.Locale;

/**
 * Numbers written for people: a few significant digits, seconds as {@code 12.3 s}, rates as {@code 16.7k img/s}.
 * Raw values stay in the CSVs; what a page or a chart says is rounded here, never with more than six decimals.
 */
public final class Numbers {
  private Numbers() {}

  /** Most decimals any number gets; smaller magnitudes switch to scientific notation. */
  public static final int MAX_DECIMALS = 6;

  /** {@code value} to {@code digits} significant digits ("n/a" for NaN), e.g. 0.10106666 to "0.1011". */
  public static String sig(double value, int digits) {
    String special = Quantities.special(value);
    if (special != null) {
      return special;
    }
    int magnitude = (int) Math.floor(Math.log10(Math.abs(value)));
    int decimals = digits - 1 - magnitude;
    if (decimals > MAX_DECIMALS) {
      return String.format(Locale.ROOT, "%." + (digits - 1) + "e", value);
    }
    return String.format(Locale.ROOT, "%." + Math.max(0, decimals) + "f", value);
  }

  /** Seconds with three significant digits: "0.412 s", "12.3 s", "245 s", "12.5 min" from ten minutes on. */
  public static String seconds(double s) {
    if (Double.isNaN(s)) {
      return "n/a";
    }
    return Math.abs(s) >= 600 ? sig(s / 60, 3) + " min" : sig(s, 3) + " s";
  }

  /** A rate with three significant digits and k/M: "16.7k img/s", "523 img/s", "1.20M img/s". */
  public static String rate(double perSecond, String unit) {
    if (Double.isNaN(perSecond)) {
      return "n/a";
    }
    double a = Math.abs(perSecond);
    String n = a >= 1e6 ? sig(perSecond / 1e6, 3) + "M" : a >= 1e3 ? sig(perSecond / 1e3, 3) + "k" : sig(perSecond, 3);
    return n + " " + unit + "/s";
  }
}
