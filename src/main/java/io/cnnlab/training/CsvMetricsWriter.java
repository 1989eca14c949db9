package io.cnnlab.training;

import io.cnnlab.runs.MetricsColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes one CSV row per epoch ({@link MetricsColumns#HEADER} columns), flushed to disk as each epoch ends, so
 * a run that fails later keeps every completed epoch's row.
 *
 * <p>At the start of a run the file is rewritten from the history the checkpoint restored: a resumed run
 * appends after exactly the epochs it restored, never duplicating a row (also when epochs after the last
 * checkpoint had been written before a crash).
 */
public final class CsvMetricsWriter implements TrainListener {
  private final Path file;

  /** @param file the CSV file, normally {@code OUT/metrics.csv}; its directory is created if needed */
  public CsvMetricsWriter(Path file) {
    this.file = file;
  }

  /** The CSV file written. */
  public Path file() {
    return file;
  }

  @Override
  public void onStart(RunStart start) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = parent.resolve(file.getFileName() + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
          CSVPrinter printer = new CSVPrinter(w, MetricsCsv.withHeader())) {
        for (EpochMetrics m : start.history()) {
          MetricsCsv.print(printer, m);
        }
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write metrics file " + file, e);
    }
  }

  @Override
  public void onEpochEnd(EpochMetrics metrics) {
    // Opened per row: one row per epoch costs nothing, and no handle stays open if the run dies.
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        CSVPrinter printer = new CSVPrinter(w, MetricsCsv.rowsOnly())) {
      MetricsCsv.print(printer, metrics);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to metrics file " + file, e);
    }
  }
}
