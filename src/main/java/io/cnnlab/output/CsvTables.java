package io.cnnlab.output;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes {@link TextTable}s as CSV (header row, RFC 4180 quoting, '\n' line ends). */
public final class CsvTables {
  private CsvTables() {}

  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  /** Writes the table; creates parent folders. */
  public static Path write(TextTable table, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
      printer.printRecord(table.header());
      for (var row : table.rows()) {
        printer.printRecord(row);
      }
    }
    return file;
  }
}
