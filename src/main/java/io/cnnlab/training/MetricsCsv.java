package io.cnnlab.training;

import io.cnnlab.runs.MetricsColumns;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
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

  /** Writes one row. */
  public static void print(CSVPrinter printer, EpochMetrics m) throws IOException {
    EpochMetrics.Timing t = m.timing();
    printer.printRecord(m.epoch(), m.train().loss(), m.train().accuracy(), m.test().loss(), m.test().accuracy(),
        t.examplesPerSecond(), t.wallSeconds(), t.dataWaitSeconds(), t.feedSeconds(), t.stepSeconds(),
        t.evalSeconds(), t.checkpointSeconds(), m.learningRate());
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
