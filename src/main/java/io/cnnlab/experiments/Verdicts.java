package io.cnnlab.experiments;

import io.cnnlab.runs.ExperimentRecord.Status;
import io.cnnlab.runs.ExperimentRecord.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an experiment's run results into its verdict. With a reference: the mean over seeds of the reference
 * variant's metric is {@link Status#REPRODUCED} inside the band (ends included, each widened by
 * {@link #EDGE_TOLERANCE}), else {@link Status#OUTSIDE_BAND} with the signed distance to the nearest
 * end. Without one, or for training runs of a smoke sweep (a tiny subset says nothing about the band):
 * {@link Status#MEASURED}. The note lists every variant's mean.
 */
public final class Verdicts {
  /**
   * How far outside a band's end a mean may lie and still count as on the end: 1e-9. A mean of a few seeds
   * carries rounding errors of ~1e-16 (0.760, 0.780, 0.800 average to 0.7799999999999999), which must not
   * decide a verdict; the bands are published to 4 decimals at the finest (conv-1x1's 1.0e-4), so a
   * tolerance 100,000 times finer than that changes no verdict a real difference would give.
   */
  public static final double EDGE_TOLERANCE = 1e-9;

  private Verdicts() {}

  /** The verdict of an experiment that could not run. */
  public static Verdict notRun(String reason) {
    return new Verdict(Status.NOT_RUN, null, null, null, reason);
  }

  /** The verdict of an experiment one of whose runs failed. */
  public static Verdict failed(String reason) {
    return new Verdict(Status.FAILED, null, null, null, reason);
  }

  /**
   * The verdict over {@code results}: per variant (in declaration order), each seed's metrics.
   *
   * @param smoke whether the runs were smoke runs
   */
  public static Verdict of(Declaration d, Map<String, List<Map<String, Double>>> results, boolean smoke) {
    Declaration.Reference ref = d.reference();
    String metric = ref != null ? ref.metric() : d.kind().headlineMetric();
    Map<String, double[]> values = new LinkedHashMap<>();
    for (Declaration.Variant v : d.variants()) {
      List<Map<String, Double>> runs = results.getOrDefault(v.name(), List.of());
      double[] xs = runs.stream().map(m -> m.get(metric)).filter(x -> x != null && Double.isFinite(x))
          .mapToDouble(Double::doubleValue).toArray();
      if (xs.length > 0) {
        values.put(v.name(), xs);
      }
    }
    String note = note(metric, values);
    boolean comparable = ref != null && !(smoke && d.kind().trains());
    if (!comparable) {
      double[] only = d.variants().size() == 1 ? values.get(d.variants().get(0).name()) : null;
      String why = ref != null ? "smoke run (tiny subset, one epoch): not compared with the band "
          + band(ref) + "; " : "";
      return new Verdict(Status.MEASURED, only == null ? null : mean(only), spread(only), null, why + note, metric);
    }
    double[] xs = values.get(ref.variant());
    if (xs == null) {
      return failed("no " + metric + " from variant '" + ref.variant() + "' to compare with " + band(ref));
    }
    double m = mean(xs);
    double gap = m < ref.low() - EDGE_TOLERANCE ? m - ref.low()
        : m > ref.high() + EDGE_TOLERANCE ? m - ref.high() : 0;
    Status status = gap == 0 ? Status.REPRODUCED : Status.OUTSIDE_BAND;
    String where = gap == 0 ? "inside " : String.format(Locale.ROOT, "%s %s by %.4g; ", gap < 0 ? "below" : "above",
        band(ref), Math.abs(gap));
    return new Verdict(status, m, spread(xs), gap, (gap == 0 ? where + band(ref) + "; " : where) + note, metric);
  }

  public static String band(Declaration.Reference ref) {
    return "[" + plain(ref.low()) + ", " + plain(ref.high()) + "]";
  }

  private static String note(String metric, Map<String, double[]> values) {
    List<String> parts = new ArrayList<>();
    values.forEach((name, xs) -> parts.add(name + " " + num(mean(xs))
        + (xs.length > 1 ? " (" + num(min(xs)) + "-" + num(max(xs)) + ", " + xs.length + " seeds)" : "")));
    return metric + ": " + (parts.isEmpty() ? "no values" : String.join("; ", parts));
  }

  /** A band end as written, e.g. {@code 0.78} or {@code 0.0001}. */
  public static String plain(double x) {
    return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }

  static String num(double x) {
    return String.format(Locale.ROOT, "%.4g", x);
  }

  static double mean(double[] xs) {
    double s = 0;
    for (double x : xs) {
      s += x;
    }
    return s / xs.length;
  }

  private static double[] spread(double[] xs) {
    return xs == null || xs.length < 2 ? null : new double[] {min(xs), max(xs)};
  }

  private static double min(double[] xs) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : xs) {
      m = Math.min(m, x);
    }
    return m;
  }

  private static double max(double[] xs) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : xs) {
      m = Math.max(m, x);
    }
    return m;
  }
}
