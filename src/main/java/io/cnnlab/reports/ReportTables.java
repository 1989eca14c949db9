package io.cnnlab.reports;

import io.cnnlab.output.TextTable;
import io.cnnlab.reports.charts.ConfusionMatrix;
import io.cnnlab.reports.input.EpochTimeBreakdown;
import io.cnnlab.reports.input.MetricsTable;
import io.cnnlab.reports.input.SeedBand;
import io.cnnlab.runs.MetricsColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The tables of a report, built from metrics and confusion matrices (shown in PDFs, written as CSV). */
public final class ReportTables {
  private ReportTables() {}

  /** Per class: index, name, support (true examples), predicted count, precision and recall. */
  public static TextTable perClass(ConfusionMatrix m, List<String> names) {
    List<List<String>> rows = new ArrayList<>();
    for (int c = 0; c < m.classes(); c++) {
      rows.add(
          List.of(
              Integer.toString(c),
              names.get(c),
              Long.toString(m.rowTotal(c)),
              Long.toString(m.columnTotal(c)),
              fixed(m.precision(c), 4),
              fixed(m.recall(c), 4)));
    }
    return new TextTable(
        "Per-class precision and recall (accuracy " + fixed(m.accuracy(), 4) + " over " + m.total() + " examples)",
        List.of("class", "name", "support", "predicted", "precision", "recall"),
        rows);
  }

  /** The {@code k} largest off-diagonal cells with the share of the true class they take. */
  public static TextTable mostConfused(ConfusionMatrix m, List<String> names, int k) {
    List<List<String>> rows = new ArrayList<>();
    for (ConfusionMatrix.ConfusedPair p : m.mostConfused(k)) {
      rows.add(
          List.of(
              p.actual() + " " + names.get(p.actual()),
              p.predicted() + " " + names.get(p.predicted()),
              Integer.toString(p.count()),
              fixed(p.count() / (double) m.rowTotal(p.actual()), 4)));
    }
    return new TextTable(
        "Most confused pairs", List.of("true class", "predicted as", "count", "share of true class"), rows);
  }

  /** The counts, one row per true class, one column per predicted class. */
  public static TextTable confusionCounts(ConfusionMatrix m, List<String> names) {
    List<String> header = new ArrayList<>();
    header.add("true \\ predicted");
    header.addAll(names);
    List<List<String>> rows = new ArrayList<>();
    for (int a = 0; a < m.classes(); a++) {
      List<String> row = new ArrayList<>();
      row.add(names.get(a));
      for (int p = 0; p < m.classes(); p++) {
        row.add(Integer.toString(m.count(a, p)));
      }
      rows.add(row);
    }
    return new TextTable("Confusion counts", header, rows);
  }

  /** Index to class name, {@code pairs} (index, name) pairs per row: the key to heat maps with index axes. */
  public static TextTable classLegend(List<String> names, int pairs) {
    List<String> header = new ArrayList<>();
    for (int j = 0; j < pairs; j++) {
      header.add("index");
      header.add("class");
    }
    int rowsNeeded = (names.size() + pairs - 1) / pairs;
    List<List<String>> rows = new ArrayList<>();
    for (int r = 0; r < rowsNeeded; r++) {
      List<String> row = new ArrayList<>();
      for (int j = 0; j < pairs; j++) {
        int c = j * rowsNeeded + r;
        row.add(c < names.size() ? Integer.toString(c) : "");
        row.add(c < names.size() ? names.get(c) : "");
      }
      rows.add(row);
    }
    return new TextTable("Class indices", header, rows);
  }

  /** Per epoch, each variant's mean, minimum and maximum of one metric. Epochs missing in a band are blank. */
  public static TextTable seedBands(String title, List<SeedBand> bands) {
    java.util.TreeSet<Integer> epochs = new java.util.TreeSet<>();
    for (SeedBand b : bands) {
      for (int e : b.epochs()) {
        epochs.add(e);
      }
    }
    List<String> header = new ArrayList<>(List.of(MetricsColumns.EPOCH));
    for (SeedBand b : bands) {
      header.add(b.variant() + " mean");
      header.add(b.variant() + " min");
      header.add(b.variant() + " max");
    }
    List<List<String>> rows = new ArrayList<>();
    for (int epoch : epochs) {
      List<String> row = new ArrayList<>(List.of(Integer.toString(epoch)));
      for (SeedBand b : bands) {
        int i = java.util.Arrays.binarySearch(b.epochs(), epoch);
        row.add(i >= 0 ? fixed(b.mean()[i], 6) : "");
        row.add(i >= 0 ? fixed(b.min()[i], 6) : "");
        row.add(i >= 0 ? fixed(b.max()[i], 6) : "");
      }
      rows.add(row);
    }
    return new TextTable(title, header, rows);
  }

  /** Mean seconds per epoch by component, one row per run. */
  public static TextTable epochTimes(List<EpochTimeBreakdown> runs) {
    return epochTimes(runs, false);
  }

  /** As {@link #epochTimes(List)}; {@code forPeople} writes "12.3 s" instead of "12.345". */
  public static TextTable epochTimes(List<EpochTimeBreakdown> runs, boolean forPeople) {
    List<String> header = new ArrayList<>(List.of("run"));
    header.addAll(EpochTimeBreakdown.COMPONENTS);
    header.add("total");
    List<List<String>> rows = new ArrayList<>();
    for (EpochTimeBreakdown run : runs) {
      List<String> row = new ArrayList<>(List.of(run.label()));
      for (double v : run.components()) {
        row.add(forPeople ? Numbers.seconds(v) : fixed(v, 3));
      }
      row.add(forPeople ? Numbers.seconds(run.total()) : fixed(run.total(), 3));
      rows.add(row);
    }
    return new TextTable("Mean seconds per epoch", header, rows);
  }

  /**
   * Final-epoch numbers of every variant: the mean over seeds, with min–max when there are several.
   */
  public static TextTable finalMetrics(Map<String, List<MetricsTable>> variants) {
    List<String> columns =
        List.of(MetricsColumns.TRAIN_LOSS, MetricsColumns.TRAIN_ACCURACY, MetricsColumns.TEST_ACCURACY);
    List<String> header = new ArrayList<>(List.of("variant", "seeds", "epochs"));
    header.addAll(columns);
    List<List<String>> rows = new ArrayList<>();
    variants.forEach(
        (variant, runs) -> {
          List<String> row = new ArrayList<>(List.of(variant, Integer.toString(runs.size())));
          row.add(Integer.toString(runs.get(0).size()));
          for (String column : columns) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (MetricsTable run : runs) {
              double v = run.last(column);
              sum += v;
              min = Math.min(min, v);
              max = Math.max(max, v);
            }
            String mean = fixed(sum / runs.size(), 4);
            row.add(runs.size() > 1 ? mean + " (" + fixed(min, 4) + "-" + fixed(max, 4) + ")" : mean);
          }
          rows.add(row);
        });
    return new TextTable("Our final-epoch numbers", header, rows);
  }

  /** A key/value table, e.g. the settings. */
  public static TextTable keyValues(String title, Map<String, String> entries) {
    return new TextTable(
        title, List.of("setting", "value"), entries.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList());
  }

  /** {@code value} with {@code digits} decimals ("n/a" for NaN), independent of the default locale. */
  public static String fixed(double value, int digits) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + digits + "f", value);
  }
}
