package io.cnnlab.bench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.bench.Mode;
import io.cnnlab.bench.Stats;
import io.cnnlab.bench.ThroughputRow;
import io.cnnlab.output.CsvTables;
import io.cnnlab.output.TextTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Throughput CSV written and read back, GFLOP/s and peak share columns, Markdown sections. */
class BenchTablesTest {
  @TempDir Path dir;

  @Test
  void throughputCsvRoundTripsAndCarriesGflopsAndPeakShare() throws IOException {
    ThroughputRow train = new ThroughputRow("lenet-textbook", Mode.TRAIN, 256, 2, 2, new Stats(20_000, 18_000, 21_000, 5),
        32, 2_499_120);
    ThroughputRow infer = new ThroughputRow("alexnet-budget", Mode.INFER, 64, 1, 1, new Stats(9_000, 8_500, 9_100, 3),
        128, 1000);
    TextTable table = BenchTables.throughput(List.of(train, infer), Map.of(2, 100.0));
    Path csv = CsvTables.write(table, dir.resolve("throughput.csv"));

    List<String> lines = Files.readAllLines(csv);
    assertEquals(String.join(",", BenchTables.THROUGHPUT_HEADER), lines.get(0));
    // 256 images in 256/20000 s = 12.80 ms; 2,499,120 * 20,000 / 1e9 = 49.98 GFLOP/s = 0.500 of 100
    assertEquals("lenet-textbook,train,256,2,2,20000,18000,21000,12.80,32,5,2499120,49.98,100.0,0.500", lines.get(1));
    assertEquals("alexnet-budget,infer,64,1,1,9000,8500,9100,7.11,128,3,1000,0.01,,", lines.get(2),
        "no peak measured for 1 thread: empty cells");

    List<ThroughputRow> back = ThroughputCsv.read(csv);
    assertEquals(List.of(train, infer), back);
  }

  @Test
  void readingNamesTheMissingColumn() throws IOException {
    Path csv = Files.writeString(dir.resolve("bad.csv"), "model,mode,batch\nlenet,train,64\n");
    var e = assertThrows(IOException.class, () -> ThroughputCsv.read(csv));
    assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("'threads'"), e.getMessage());
  }

  @Test
  void sectionsAreMarkdownTables() throws IOException {
    TextTable t = new TextTable("Peak", List.of("threads", "gflops"), List.of(List.of("1", "110.0"),
        List.of("2", "a|b")));
    assertEquals("*Peak*\n\n| threads | gflops |\n|---|---|\n| 1 | 110.0 |\n| 2 | a\\|b |\n", BenchReport.markdown(t));
    BenchReport report = new BenchReport(dir, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    report.section("peak", "Practical peak", List.of("- 1 thread: 110 GFLOP/s"), List.of(t));
    report.section("zeta", "Other", List.of(), List.of());
    String summary = BenchSummary.write(dir);
    assertTrue(summary.startsWith("# cnnlab benchmark"), summary);
    int peak = summary.indexOf("## Practical peak");
    int other = summary.indexOf("## Other");
    assertTrue(peak > 0 && other > peak, "listed sections first, others after: " + summary);
    assertTrue(summary.contains("- 1 thread: 110 GFLOP/s\n\n*Peak*"), summary);
  }
}
