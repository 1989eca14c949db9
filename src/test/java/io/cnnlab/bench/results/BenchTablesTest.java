package io.cnnlab.bench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.bench.GraphProfile;
import io.cnnlab.bench.MemoryBench;
import io.cnnlab.bench.Mode;
import io.cnnlab.bench.RssTrace;
import io.cnnlab.bench.Stats;
import io.cnnlab.bench.StepVariant;
import io.cnnlab.bench.ThroughputRow;
import io.cnnlab.bench.TuneBench;
import io.cnnlab.data.loading.LoaderThroughput;
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

  @Test
  void memoryRowsInMegabytesFromFirstToLastSample() {
    RssTrace trace = new RssTrace(List.of(new RssTrace.Sample(1, 102_400, 102_400, 0, 0),
        new RssTrace.Sample(2, 153_600, 256_000, 0, 0)));
    TextTable t = BenchTables.memory(List.of(new MemoryBench.Outcome("lenet-2-epochs", trace, 12.3, 14.5, List.of())));
    // 102,400 KB = 100.0 MB first, 153,600 KB = 150.0 MB last, peak 256,000 KB = 250.0 MB
    assertEquals(List.of(List.of("lenet-2-epochs", "250.0", "100.0", "150.0", "50.0", "12.30", "14.50")), t.rows());
    assertEquals(List.of("run", "peak_mb", "first_sample_mb", "last_sample_mb", "growth_mb", "run_s", "process_s"),
        t.header());
  }

  @Test
  void profileListsTheTopNodesWithTheirShareOfNodeTime() {
    var p = new GraphProfile.Profile(4.0, List.of(new GraphProfile.Node("conv1", "_MklConv2D", 3.0),
        new GraphProfile.Node("dense", "_MklMatMul", 0.75), new GraphProfile.Node("relu", "Relu", 0.25)));
    TextTable t = BenchTables.profile("lenet-textbook", "Training", 256, 2, p, 2);
    assertEquals(List.of(List.of("conv1", "_MklConv2D", "3.000", "75.0"), List.of("dense", "_MklMatMul", "0.750",
        "18.8")), t.rows(), "3.0 and 0.75 of 4.0 ms node time; only the top 2");
    assertEquals("Training step of lenet-textbook, batch 256, 2 threads: 4.00 ms per traced step, 4.00 ms in 3 nodes",
        t.title());
  }

  @Test
  void tuneRowsNameEachVariantsSettings() {
    var v = new StepVariant("xla", 2, 1, 0, true, false, StepVariant.Fetch.LOSS);
    TextTable t = BenchTables.tune("lenet-textbook", 256, List.of(new TuneBench.Row(v, new Stats(25_000.4, 24_000,
        26_000, 7), 1.0416)));
    assertEquals(List.of(List.of("xla", "0", "2", "1", "true", "false", "loss", "25000", "24000", "26000", "1.042")),
        t.rows());
  }

  @Test
  void loaderRowsCompareWithWhatLeNetConsumes() {
    // 60,000 images in 2 s = 30,000 img/s; 0.1 s of 2 s waiting = 5.0 %; 30,000 / 28,000 = 1.07
    var r = new LoaderThroughput.Result(2, 1, 60_000, 2.0, 0.1);
    TextTable t = BenchTables.loader("fashion-mnist", 256, List.of(r), 28_000);
    assertEquals(List.of(List.of("2", "30000", "5.0", "1.1")), t.rows());
    assertEquals("Loader images/s alone (consumer does nothing), fashion-mnist batch 256", t.title());
  }
}
