package io.cnnlab.reports.input;

import io.cnnlab.runs.MetricsColumns;
import io.cnnlab.runs.RunFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-epoch metrics of one training run, read from its {@code metrics.csv} (columns in {@link
 * MetricsColumns}, read by name, extra columns ignored).
 */
public final class MetricsTable {
  private final Path source;
  private final int[] epochs;
  private final Map<String, double[]> columns;

  private MetricsTable(Path source, int[] epochs, Map<String, double[]> columns) {
    this.source = source;
    this.epochs = epochs;
    this.columns = columns;
  }

  /**
   * Reads a run's metrics.csv.
   *
   * @throws RunFileException naming the file (and row and column) when the file is missing, lacks a
   *     required column, has no rows, a non-numeric cell, or epochs that do not increase
   */
  public static MetricsTable read(Path file) throws RunFileException {
    CsvInput csv = CsvInput.read(file, "a run's metrics.csv (one row per epoch)", MetricsColumns.REQUIRED);
    int n = csv.rows();
    int[] epochs = new int[n];
    for (int r = 0; r < n; r++) {
      epochs[r] = csv.integer(r, MetricsColumns.EPOCH);
      if (r > 0 && epochs[r] <= epochs[r - 1]) {
        throw csv.cellError(r, MetricsColumns.EPOCH, "an epoch greater than " + epochs[r - 1], csv.cell(r, MetricsColumns.EPOCH));
      }
    }
    Map<String, double[]> columns = new LinkedHashMap<>();
    for (String name : MetricsColumns.REQUIRED.subList(1, MetricsColumns.REQUIRED.size())) {
      columns.put(name, numbers(csv, name, false));
    }
    for (String name : MetricsColumns.OPTIONAL) {
      if (csv.hasColumn(name)) {
        columns.put(name, numbers(csv, name, true));
      }
    }
    return new MetricsTable(file, epochs, Collections.unmodifiableMap(columns));
  }

  private static double[] numbers(CsvInput csv, String column, boolean optional) throws RunFileException {
    double[] values = new double[csv.rows()];
    for (int r = 0; r < values.length; r++) {
      values[r] = csv.number(r, column, optional);
    }
    return values;
  }

  /**
   * A table built in memory (for runs that have not been written yet, and for tests).
   *
   * @param columns values per column name, each as long as {@code epochs}; must include the required ones
   */
  public static MetricsTable of(Path source, int[] epochs, Map<String, double[]> columns) {
    for (String name : MetricsColumns.REQUIRED.subList(1, MetricsColumns.REQUIRED.size())) {
      if (!columns.containsKey(name)) {
        throw new IllegalArgumentException("metrics of " + source + " lack required column " + name);
      }
    }
    Map<String, double[]> copy = new LinkedHashMap<>();
    columns.forEach(
        (name, values) -> {
          if (values.length != epochs.length) {
            throw new IllegalArgumentException(
                "column " + name + " has " + values.length + " values for " + epochs.length + " epochs");
          }
          copy.put(name, values.clone());
        });
    return new MetricsTable(source, epochs.clone(), Collections.unmodifiableMap(copy));
  }

  /** The file the table was read from. */
  public Path source() {
    return source;
  }

  /** Number of epochs (rows). */
  public int size() {
    return epochs.length;
  }

  /** Epoch numbers, in file order. */
  public int[] epochs() {
    return epochs.clone();
  }

  /** Whether the column was present (required columns always are; the epoch column is {@link #epochs()}). */
  public boolean hasColumn(String name) {
    return columns.containsKey(name);
  }

  /** Names of the value columns present, required first. */
  public List<String> columnNames() {
    return new ArrayList<>(columns.keySet());
  }

  /**
   * Values of a column, one per epoch; NaN where an optional cell was empty.
   *
   * @throws IllegalArgumentException naming the file when the column is absent
   */
  public double[] column(String name) {
    double[] values = columns.get(name);
    if (values == null) {
      throw new IllegalArgumentException(source + " has no column " + name + "; it has " + columns.keySet());
    }
    return values.clone();
  }

  /** The column's value in the last epoch. */
  public double last(String name) {
    double[] values = column(name);
    return values[values.length - 1];
  }
}
