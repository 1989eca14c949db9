package io.cnnlab.reports.charts;

import io.cnnlab.output.ComparisonBarChart;
import io.cnnlab.output.TextTable;
import io.cnnlab.reports.input.EpochTimeBreakdown;
import io.cnnlab.reports.input.MetricsTable;
import io.cnnlab.reports.input.RunOutputs;
import io.cnnlab.runs.RunFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The loader-workers comparison as bars, from whatever the experiment measured: a CSV output with a
 * {@code workers} column (one bar group per worker count, one bar per other numeric column, rows with the
 * same count averaged), or else the epoch times of training variants (one group per variant: epoch time and
 * data wait).
 */
public final class WorkerBars {
  private WorkerBars() {}

  /** The column naming the number of loader workers. */
  static final String WORKERS = "workers";

  /**
   * Bars from the first CSV whose header has a {@value #WORKERS} column, else from timing in {@code variants}.
   *
   * @throws RunFileException naming the files looked at when neither is there, or the CSV when it has
   *     no numeric column besides the workers
   */
  public static List<ComparisonBarChart.Bar> of(List<RunOutputs.Output> csvs, Map<String, List<MetricsTable>> variants,
      Path experimentJson) throws RunFileException {
    List<String> seen = new ArrayList<>();
    for (RunOutputs.Output csv : csvs) {
      TextTable table = RunOutputs.readTable(csv.file(), csv.name());
      seen.add(csv.file() + " " + table.header());
      int w = indexOf(table.header(), WORKERS);
      if (w >= 0) {
        return fromTable(csv.file(), table, w);
      }
    }
    List<ComparisonBarChart.Bar> bars = new ArrayList<>();
    variants.forEach((label, runs) -> {
      if (runs.stream().anyMatch(EpochTimeBreakdown::hasTiming)) {
        EpochTimeBreakdown t = EpochTimeBreakdown.fromMetrics(label, runs, true);
        bars.add(new ComparisonBarChart.Bar(label, "seconds per epoch", t.total()));
        bars.add(new ComparisonBarChart.Bar(label, "data wait seconds per epoch", t.dataWait()));
      }
    });
    if (bars.isEmpty()) {
      throw new RunFileException(experimentJson, "render lists 'workers', but no run output CSV has a '"
          + WORKERS + "' column" + (seen.isEmpty() ? " (no CSV outputs listed)" : " (read " + seen + ")")
          + " and no run's metrics.csv has timing columns");
    }
    return bars;
  }

  private static List<ComparisonBarChart.Bar> fromTable(Path file, TextTable table, int workersColumn)
      throws RunFileException {
    List<String> header = table.header();
    Map<String, double[]> sums = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    List<Integer> numeric = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) {
      if (c != workersColumn && allNumbers(table, c)) {
        numeric.add(c);
      }
    }
    if (numeric.isEmpty()) {
      throw new RunFileException(file, "has a '" + WORKERS + "' column but no numeric column to compare; header "
          + header);
    }
    for (List<String> row : table.rows()) {
      String group = row.get(workersColumn) + " workers";
      double[] sum = sums.computeIfAbsent(group, k -> new double[numeric.size()]);
      for (int k = 0; k < numeric.size(); k++) {
        sum[k] += Double.parseDouble(row.get(numeric.get(k)));
      }
      counts.merge(group, 1, Integer::sum);
    }
    List<ComparisonBarChart.Bar> bars = new ArrayList<>();
    sums.forEach((group, sum) -> {
      for (int k = 0; k < numeric.size(); k++) {
        bars.add(new ComparisonBarChart.Bar(group, header.get(numeric.get(k)).replace('_', ' '), sum[k] / counts.get(group)));
      }
    });
    return bars;
  }

  private static boolean allNumbers(TextTable table, int column) {
    for (List<String> row : table.rows()) {
      try {
        if (!Double.isFinite(Double.parseDouble(row.get(column)))) {
          return false;
        }
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(List<String> header, String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
