package io.cnnlab.bench.results;

import io.cnnlab.bench.Mode;
import io.cnnlab.bench.Stats;
import io.cnnlab.bench.ThroughputRow;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a {@code throughput.csv} written from {@link BenchTables#throughput} back into rows. */
public final class ThroughputCsv {
  private ThroughputCsv() {}

  /** The rows of {@code file}; names the file, line and column of anything malformed. */
  public static List<ThroughputRow> read(Path file) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    List<ThroughputRow> rows = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(in, format)) {
      for (String column : List.of("model", "mode", "batch", "threads", "towers", "img_per_s", "min_img_per_s",
          "max_img_per_s", "steps_per_round", "rounds", "flop_per_image")) {
        if (!parser.getHeaderMap().containsKey(column)) {
          throw new IOException(file + ": no column '" + column + "' (expected the columns of "
              + BenchTables.THROUGHPUT_HEADER + ")");
        }
      }
      for (CSVRecord r : parser) {
        try {
          Stats rate = new Stats(Double.parseDouble(r.get("img_per_s")), Double.parseDouble(r.get("min_img_per_s")),
              Double.parseDouble(r.get("max_img_per_s")), Integer.parseInt(r.get("rounds")));
          rows.add(new ThroughputRow(r.get("model"), Mode.parse(r.get("mode")), Integer.parseInt(r.get("batch")),
              Integer.parseInt(r.get("threads")), Integer.parseInt(r.get("towers")), rate, Integer.parseInt(r.get("steps_per_round")),
              Double.parseDouble(r.get("flop_per_image"))));
        } catch (IllegalArgumentException e) {
          throw new IOException(file + " line " + parser.getCurrentLineNumber() + ": " + e.getMessage(), e);
        }
      }
    }
    return rows;
  }
}
