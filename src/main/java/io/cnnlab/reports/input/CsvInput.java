package io.cnnlab.reports.input;

import io.cnnlab.runs.RunFileException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV run output with a header row and reports every problem with the file, line and column.
 * Shared by the metrics and predictions readers so both speak the same error language.
 */
final class CsvInput {
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setTrim(true)
          .setIgnoreEmptyLines(true)
          .get();

  private final Path file;
  private final String expected;
  private final Map<String, Integer> header;
  private final List<CSVRecord> records;

  private CsvInput(Path file, String expected, Map<String, Integer> header, List<CSVRecord> records) {
    this.file = file;
    this.expected = expected;
    this.header = header;
    this.records = records;
  }

  /**
   * Reads the whole file.
   *
   * @param expected what the file should be, for messages (e.g. "a run's metrics.csv")
   * @param required columns that must be in the header
   */
  static CsvInput read(Path file, String expected, List<String> required) throws RunFileException {
    if (!Files.isRegularFile(file)) {
      throw new RunFileException(
          file, "no such file; expected " + expected + " with header columns " + String.join(",", required));
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(in, FORMAT)) {
      Map<String, Integer> header = parser.getHeaderMap();
      List<CSVRecord> records = new ArrayList<>(parser.getRecords());
      CsvInput input = new CsvInput(file, expected, header, records);
      input.requireColumns(required);
      if (records.isEmpty()) {
        throw new RunFileException(file, "no data rows below the header; expected " + expected);
      }
      return input;
    } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      if (e instanceof RunFileException r) {
        throw r;
      }
      throw new RunFileException(file, "not a readable CSV file (" + e.getMessage() + "); expected " + expected, e);
    }
  }

  private void requireColumns(List<String> required) throws RunFileException {
    List<String> missing = new ArrayList<>();
    for (String column : required) {
      if (header == null || !header.containsKey(column)) {
        missing.add(column);
      }
    }
    if (!missing.isEmpty()) {
      throw new RunFileException(
          file,
          "missing required column(s) " + String.join(", ", missing) + "; the header has "
              + (header == null || header.isEmpty() ? "no columns" : String.join(",", header.keySet()))
              + "; expected " + expected + " with columns " + String.join(",", required));
    }
  }

  Path file() {
    return file;
  }

  int rows() {
    return records.size();
  }

  boolean hasColumn(String column) {
    return header != null && header.containsKey(column);
  }

  /** The cell of data row {@code row} (0-based), or "" when the row is shorter than the header. */
  String cell(int row, String column) {
    CSVRecord r = records.get(row);
    return r.isSet(column) ? r.get(column) : "";
  }

  /** A number; empty cells give NaN when {@code allowEmpty}, otherwise an error. */
  double number(int row, String column, boolean allowEmpty) throws RunFileException {
    String text = cell(row, column);
    if (text.isEmpty()) {
      if (allowEmpty) {
        return Double.NaN;
      }
      throw cellError(row, column, "a number", text);
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw cellError(row, column, "a number", text);
    }
  }

  /** An integer cell (no fraction, no exponent). */
  int integer(int row, String column) throws RunFileException {
    String text = cell(row, column);
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw cellError(row, column, "an integer", text);
    }
  }

  /** An error naming the file, the data row, its line in the file, the column and the expectation. */
  RunFileException cellError(int row, String column, String what, String found) {
    long line = lineOf(row);
    return new RunFileException(
        file,
        "data row " + (row + 1) + " (line " + line + "), column '" + column + "': expected " + what
            + ", found " + (found.isEmpty() ? "an empty cell" : "'" + found + "'"));
  }

  private long lineOf(int row) {
    // Records carry their 1-based number among data records; the header is line 1. Blank lines are
    // skipped by the format, so this is exact for files without blank lines or multi-line cells.
    return records.get(row).getRecordNumber() + 1;
  }
}
