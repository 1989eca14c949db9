package io.cnnlab.experiments.tasks;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes a small CSV table with a header row. */
final class CsvFiles {
  private CsvFiles() {}

  static void write(Path file, List<String> header, List<List<Object>> rows) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
        .setRecordSeparator('\n').get();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(w, format)) {
      for (List<Object> row : rows) {
        printer.printRecord(row);
      }
    }
  }
}
