package io.cnnlab.reports;

import io.cnnlab.output.Quantities;
import io.cnnlab.output.TextTable;
import io.cnnlab.reports.input.MetricsTable;
import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.RunAttempt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words and tables a report says about an experiment record: the verdict line, the smoke notice, the
 * settings and the comparison of our numbers with the published ones.
 */
public final class ExperimentText {
  private ExperimentText() {}

  /** Title-page warning of smoke records. */
  public static final String SMOKE_NOTICE = "SMOKE \u2014 not comparable";

  /**
   * One line: the status in words, the measured value with its spread over seeds, and the band or the gap
   * to it; the reason for runs not run or failed.
   */
  public static String verdict(ExperimentRecord record) {
    ExperimentRecord.Verdict v = record.verdict();
    ExperimentRecord.Reference ref = record.reference();
    String metric = metric(record);
    StringBuilder s = new StringBuilder(status(v.status()));
    if (v.measured() != null) {
      s.append(": ").append(Quantities.named(metric, v.measured()));
      if (v.spread() != null && v.spread().length == 2) {
        s.append(" (seeds ").append(number(v.spread()[0])).append(" to ").append(Quantities.of(v.spread()[1], metric))
            .append(')');
      }
    }
    if (ref != null && v.status() == ExperimentRecord.Status.REPRODUCED) {
      s.append(", within ").append(band(ref));
    } else if (ref != null && v.status() == ExperimentRecord.Status.OUTSIDE_BAND) {
      double gap = v.gap() == null ? Double.NaN : v.gap();
      s.append(", ").append(Quantities.of(Math.abs(gap), metric)).append(gap < 0 ? " below " : " above ")
          .append(band(ref));
    }
    if (v.reason() != null && !v.reason().isBlank()) {
      s.append(v.measured() == null ? ": " : "; ").append(v.reason());
    }
    return s.toString();
  }

  /** What the index shows: the verdict, after the smoke notice for smoke records. */
  public static String indexVerdict(ExperimentRecord record) {
    return record.smoke() ? SMOKE_NOTICE + "; " + verdict(record) : verdict(record);
  }

  /** Null for full runs, the smoke notice with what it means for smoke runs. */
  public static String notice(ExperimentRecord record) {
    return record.smoke() ? SMOKE_NOTICE + " (run with --smoke: a tiny subset and one epoch; the numbers only show"
        + " that the pipeline works)" : null;
  }

  public static String status(ExperimentRecord.Status status) {
    return switch (status) {
      case REPRODUCED -> "reproduced";
      case OUTSIDE_BAND -> "outside the published band";
      case MEASURED -> "measured";
      case NOT_RUN -> "not run";
      case FAILED -> "failed";
    };
  }

  /**
   * The settings page: what the record says about the experiment, the processes that trained each resumed run
   * ({@code attempts}, by run name), then its effective settings.
   */
  public static Map<String, String> settings(ExperimentRecord record, Map<String, List<MetricsTable>> variants,
      Map<String, List<RunAttempt>> attempts) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("kind", record.kind());
    if (record.dataset() != null) {
      out.put("dataset", record.dataset() + (record.classNames() == null || record.classNames().isEmpty()
          ? "" : " (" + record.classNames().size() + " classes)"));
    }
    List<ExperimentRecord.RunRecord> runs = record.runs();
    long reused = runs.stream().filter(ExperimentRecord.RunRecord::reused).count();
    long variantCount = runs.stream().map(ExperimentRecord.RunRecord::variant).distinct().count();
    out.put("runs", runs.size() + " (" + variantCount + (variantCount == 1 ? " variant" : " variants")
        + (reused > 0 ? ", " + reused + " reused from earlier runs with the same configuration" : "") + ")");
    if (!variants.isEmpty()) {
      variants.forEach((label, tables) -> out.put("variant " + label, tables.size() + (tables.size() == 1 ? " seed, " : " seeds, ")
          + tables.get(0).size() + " epochs"));
    }
    attempts.forEach((run, list) -> {
      List<String> each = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        each.add((i + 1) + ". " + list.get(i).describe());
      }
      out.put("attempts of " + run, String.join("; ", each));
    });
    if (record.smoke()) {
      out.put("smoke", "yes: not comparable with the published numbers");
    }
    if (record.settings() != null) {
      out.putAll(record.settings());
    }
    return out;
  }

  /**
   * Our numbers against the published ones, one row per framework the textbook printed: its value and how far
   * our judged mean is from it; the band the verdict uses; our last-epoch mean and min-max over seeds per variant
   * (when the metric is a metrics.csv column); peers run here with the same settings; the verdict. Null when the
   * record has no reference.
   *
   * @param peers other frameworks' runs on this machine (label to one table per seed); may be empty
   */
  public static TextTable comparison(ExperimentRecord record, Map<String, List<MetricsTable>> variants,
      Map<String, List<MetricsTable>> peers) {
    ExperimentRecord.Reference ref = record.reference();
    if (ref == null) {
      return null;
    }
    ExperimentRecord.Verdict v = record.verdict();
    List<List<String>> rows = new ArrayList<>();
    if (ref.published() != null) {
      // The source once, on the first framework's row: the others share it.
      ref.published().forEach((who, value) -> rows.add(List.of("textbook, " + who, number(value), "",
          v.measured() == null ? "" : signed(v.measured() - value), rows.isEmpty() ? ref.source() : "")));
    }
    rows.add(List.of("published band", band(ref), "", "", "what counts as reproduced"));
    variants.forEach((label, runs) -> lastEpoch(ref.metric(), runs).ifPresent(s -> rows.add(List.of("ours: " + label,
        number(s[0]), number(s[1]) + " to " + number(s[2]), "",
        runs.size() + (runs.size() == 1 ? " seed" : " seeds") + ", last epoch (" + runs.get(0).size() + ")"))));
    peers.forEach((label, runs) -> lastEpoch(ref.metric(), runs).ifPresent(s -> rows.add(List.of("peer: " + label,
        number(s[0]), runs.size() > 1 ? number(s[1]) + " to " + number(s[2]) : "",
        v.measured() == null ? "" : signed(v.measured() - s[0]),
        runs.size() + (runs.size() == 1 ? " seed" : " seeds") + " on this machine, same settings"))));
    if (v.measured() != null) {
      boolean spread = v.spread() != null && v.spread().length == 2;
      rows.add(List.of("ours, as judged", number(v.measured()), spread ? number(v.spread()[0]) + " to "
          + number(v.spread()[1]) : "", "", "mean over seeds of the reference variant"));
    }
    rows.add(List.of("verdict", status(v.status()), "", v.gap() != null && v.gap() != 0 ? signed(v.gap()) : "",
        v.gap() != null && v.gap() != 0 ? "gap to the band" : record.smoke() ? SMOKE_NOTICE : ""));
    return new TextTable("Ours against the textbook: " + ref.metric(),
        List.of("source", ref.metric(), "seeds min to max", "ours minus this", "note"), rows);
  }

  /** Mean, min and max of the last epoch's {@code metric} over {@code runs}; empty when a run lacks it. */
  private static java.util.Optional<double[]> lastEpoch(String metric, List<MetricsTable> runs) {
    if (runs.isEmpty() || !runs.stream().allMatch(r -> r.hasColumn(metric))) {
      return java.util.Optional.empty();
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (MetricsTable run : runs) {
      double x = run.last(metric);
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    return java.util.Optional.of(new double[] {sum / runs.size(), min, max});
  }

  private static String signed(double d) {
    return (d >= 0 ? "+" : "") + number(d);
  }

  /** Settings keys the context line leaves out: they say where, not what. */
  private static final java.util.Set<String> NOT_CONTEXT =
      java.util.Set.of("declaration", "description", "dataset", "seeds", "device", "smoke");

  /**
   * What a chart shows, for its title or caption, so that a PNG taken out of the bundle still says it: data set,
   * model (the experiment's title), the variant's settings (or the record's) and the seeds, e.g.
   * "fashion-mnist · LeNet on Fashion-MNIST · variant textbook: lr=0.9, batch=256 · seeds 1, 2, 3".
   *
   * @param variant the variant shown, or null for the whole experiment
   */
  public static String context(ExperimentRecord record, String variant) {
    List<String> parts = new ArrayList<>();
    if (record.dataset() != null) {
      parts.add(record.dataset());
    }
    parts.add(record.title());
    Map<String, String> settings = record.settings() == null ? Map.of() : record.settings();
    List<String> chosen = new ArrayList<>();
    settings.forEach((k, v) -> {
      boolean isVariant = k.startsWith("variant ");
      if (isVariant && (variant == null || k.equals("variant " + variant))) {
        chosen.add(k + ": " + v);
      } else if (!isVariant && !NOT_CONTEXT.contains(k)) {
        chosen.add(k + "=" + v);
      }
    });
    if (!chosen.isEmpty()) {
      parts.add(String.join("; ", chosen));
    }
    List<Long> seeds = record.runs().stream()
        .filter(r -> variant == null || variant.equals(r.variant()))
        .map(ExperimentRecord.RunRecord::seed).distinct().sorted().toList();
    if (!seeds.isEmpty()) {
      parts.add((seeds.size() == 1 ? "seed " : "seeds ")
          + String.join(", ", seeds.stream().map(String::valueOf).toList()));
    }
    if (record.smoke()) {
      parts.add("SMOKE run");
    }
    return String.join(" \u00b7 ", parts);
  }

  /** The band with the metric's unit when it has one: {@code [0, 1e-4]}, {@code [0.76, 0.8]}. */
  public static String band(ExperimentRecord.Reference ref) {
    String unit = Quantities.unit(ref.metric());
    return "[" + number(ref.low()) + ", " + number(ref.high()) + "]" + (unit.isEmpty() ? "" : " " + unit);
  }

  /** What the verdict's value measures: the reference's metric, else the one the verdict names (or null). */
  public static String metric(ExperimentRecord record) {
    return record.reference() != null ? record.reference().metric() : record.verdict().metric();
  }

  /** Significant digits at every scale ({@link Quantities#number}): 0.7813, 41.66, 5.722e-6. */
  static String number(double value) {
    return Quantities.number(value);
  }
}
