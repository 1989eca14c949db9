package io.cnnlab.reports;

import io.cnnlab.output.TextTable;
import io.cnnlab.runs.ExperimentRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.cnnlab.reports.input.MetricsTable;

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
    String metric = ref == null ? "" : ref.metric() + " ";
    StringBuilder s = new StringBuilder(status(v.status()));
    if (v.measured() != null) {
      s.append(": ").append(metric).append(number(v.measured()));
      if (v.spread() != null && v.spread().length == 2) {
        s.append(" (seeds ").append(number(v.spread()[0])).append(" to ").append(number(v.spread()[1])).append(')');
      }
    }
    if (ref != null && v.status() == ExperimentRecord.Status.REPRODUCED) {
      s.append(", within ").append(band(ref));
    } else if (ref != null && v.status() == ExperimentRecord.Status.OUTSIDE_BAND) {
      double gap = v.gap() == null ? Double.NaN : v.gap();
      s.append(", ").append(number(Math.abs(gap))).append(gap < 0 ? " below " : " above ").append(band(ref));
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

  static String status(ExperimentRecord.Status status) {
    return switch (status) {
      case REPRODUCED -> "reproduced";
      case OUTSIDE_BAND -> "outside the published band";
      case MEASURED -> "measured";
      case NOT_RUN -> "not run";
      case FAILED -> "failed";
    };
  }

  /** The settings page: what the record says about the experiment, then its effective settings. */
  public static Map<String, String> settings(ExperimentRecord record, Map<String, List<MetricsTable>> variants) {
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
    if (record.smoke()) {
      out.put("smoke", "yes: not comparable with the published numbers");
    }
    if (record.settings() != null) {
      out.putAll(record.settings());
    }
    return out;
  }

  /**
   * Our numbers against the published ones: each published value, the band the verdict uses, our last-epoch
   * mean, minimum and maximum over seeds per variant (when the metric is a metrics.csv column), the value
   * the verdict judged, and the verdict. Null when the record has no reference.
   */
  public static TextTable comparison(ExperimentRecord record, Map<String, List<MetricsTable>> variants) {
    ExperimentRecord.Reference ref = record.reference();
    if (ref == null) {
      return null;
    }
    List<List<String>> rows = new ArrayList<>();
    if (ref.published() != null) {
      ref.published().forEach((who, value) -> rows.add(List.of("published: " + who, number(value), "", "", ref.source())));
    }
    rows.add(List.of("published band", band(ref), "", "", "what counts as reproduced"));
    variants.forEach((label, runs) -> {
      if (runs.stream().allMatch(r -> r.hasColumn(ref.metric()))) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (MetricsTable run : runs) {
          double v = run.last(ref.metric());
          sum += v;
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        rows.add(List.of("ours: " + label, number(sum / runs.size()), number(min), number(max),
            runs.size() + (runs.size() == 1 ? " seed" : " seeds") + ", last epoch (" + runs.get(0).size() + ")"));
      }
    });
    ExperimentRecord.Verdict v = record.verdict();
    if (v.measured() != null) {
      boolean spread = v.spread() != null && v.spread().length == 2;
      rows.add(List.of("ours, as judged", number(v.measured()), spread ? number(v.spread()[0]) : "",
          spread ? number(v.spread()[1]) : "", "mean over seeds of the reference variant"));
    }
    rows.add(List.of("verdict", status(v.status()), "", "",
        v.gap() != null && v.gap() != 0 ? "gap to the band " + number(v.gap()) : record.smoke() ? SMOKE_NOTICE : ""));
    return new TextTable("Ours against the published numbers: " + ref.metric(),
        List.of("source", ref.metric(), "min", "max", "note"), rows);
  }

  static String band(ExperimentRecord.Reference ref) {
    return "[" + number(ref.low()) + ", " + number(ref.high()) + "]";
  }

  /** Four decimals for rates and accuracies, one for large figures such as examples per second. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.4f", value);
  }
}
