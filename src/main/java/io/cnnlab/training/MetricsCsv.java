package io.cnnlab.training;

import io.cnnlab.runs.MetricsColumns;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV layout of {@link EpochMetrics}, shared by the metrics file and the checkpoint's history.
 * Numbers are written with {@link Double#toString(double)}, which reads back to the identical double.
 */
public final class MetricsCsv {
  private MetricsCsv() {}


  /** CSV format for writing a file that starts with the header. */
  public static CSVFormat withHeader() {
    return CSVFormat.DEFAULT.builder().setHeader(MetricsColumns.HEADER.toArray(String[]::new))
        .setRecordSeparator('\n').get();
  }

  /** CSV format for appending rows to a file that already has the header. */
  public static CSVFormat rowsOnly() {
    return CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
  }

  /** Writes one row: {@link #values}, the epoch as an integer. */
  public static void print(CSVPrinter printer, EpochMetrics m) throws IOException {
    List<Object> row = new ArrayList<>();
    values(m).forEach((column, v) -> row.add(column.equals(MetricsColumns.EPOCH) ? (Object) m.epoch() : v));
    printer.printRecord(row);
  }

  /** {@code m} keyed by its {@link MetricsColumns#HEADER} columns, in their order. */
  public static Map<String, Double> values(EpochMetrics m) {
    EpochMetrics.Timing t = m.timing();
    Map<String, Double> v = new LinkedHashMap<>();
    v.put(MetricsColumns.EPOCH, (double) m.epoch());
    v.put(MetricsColumns.TRAIN_LOSS, m.train().loss());
    v.put(MetricsColumns.TRAIN_ACCURACY, m.train().accuracy());
    v.put(MetricsColumns.TEST_LOSS, m.test().loss());
    v.put(MetricsColumns.TEST_ACCURACY, m.test().accuracy());
    v.put(MetricsColumns.EXAMPLES_PER_SECOND, t.examplesPerSecond());
    v.put(MetricsColumns.WALL_SECONDS, t.wallSeconds());
    v.put(MetricsColumns.DATA_WAIT_SECONDS, t.dataWaitSeconds());
    v.put(MetricsColumns.FEED_SECONDS, t.feedSeconds());
    v.put(MetricsColumns.STEP_SECONDS, t.stepSeconds());
    v.put(MetricsColumns.EVAL_SECONDS, t.evalSeconds());
    v.put(MetricsColumns.CHECKPOINT_SECONDS, t.checkpointSeconds());
    v.put(MetricsColumns.LEARNING_RATE, m.learningRate());
    return v;
  }

  /**
   * Reads every row of a file written with {@link #withHeader()}.
   *
   * @param source names the file in error messages
   */
  public static List<EpochMetrics> read(Reader reader, String source) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    List<EpochMetrics> rows = new ArrayList<>();
    for (CSVRecord r : format.parse(reader)) {
      try {
        rows.add(new EpochMetrics(Integer.parseInt(r.get(MetricsColumns.EPOCH)),
            new EpochMetrics.Pass(num(r, MetricsColumns.TRAIN_LOSS), num(r, MetricsColumns.TRAIN_ACCURACY)),
            new EpochMetrics.Pass(num(r, MetricsColumns.TEST_LOSS), num(r, MetricsColumns.TEST_ACCURACY)),
            new EpochMetrics.Timing(num(r, MetricsColumns.EXAMPLES_PER_SECOND), num(r, MetricsColumns.WALL_SECONDS),
                num(r, MetricsColumns.DATA_WAIT_SECONDS), num(r, MetricsColumns.FEED_SECONDS),
                num(r, MetricsColumns.STEP_SECONDS), num(r, MetricsColumns.EVAL_SECONDS),
                num(r, MetricsColumns.CHECKPOINT_SECONDS)),
            num(r, MetricsColumns.LEARNING_RATE)));
      } catch (IllegalArgumentException e) {
        throw new IOException(source + " line " + r.getRecordNumber() + ": expected the columns "
            + MetricsColumns.HEADER
            + " with numbers, got " + r.toList() + " (" + e.getMessage() + ")", e);
      }
    }
    return rows;
  }

  private static double num(CSVRecord r, String column) {
    return Double.parseDouble(r.get(column));
  }
}
