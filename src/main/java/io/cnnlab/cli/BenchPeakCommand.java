package io.cnnlab.cli;

import io.cnnlab.bench.BenchReport;
import io.cnnlab.bench.BenchTables;
import io.cnnlab.bench.MatmulPeak;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cnnlab bench peak}: the practical float32 peak, a large matrix product in TensorFlow. */
@Command(name = "peak", mixinStandardHelpOptions = true,
    description = "GFLOP/s of a large float32 matrix product (2 n^3 FLOP) per thread count. Writes peak.csv.")
final class BenchPeakCommand implements Callable<Integer> {
  static final int DEFAULT_SIZE = 2048;

  @Mixin BenchOptions bench = new BenchOptions();

  @Option(names = "--size", paramLabel = "N", description = "matrix side (2048)")
  int size = DEFAULT_SIZE;

  @Option(names = "--threads", split = ",", paramLabel = "N[,N...]", description = "intra-op thread counts (1,2)")
  List<Integer> threads = List.of(1, 2);

  @Option(names = "--repeats", paramLabel = "N", description = "timed products per thread count (5)")
  int repeats = 5;

  @Override
  public Integer call() throws IOException {
    if (size < 1 || repeats < 1 || threads.stream().anyMatch(t -> t < 1)) {
      System.err.println("cnnlab bench peak: --size, --repeats and --threads must be >= 1, got " + size + ", "
          + repeats + ", " + threads);
      return 2;
    }
    measure(bench.report(), threads, size, repeats);
    return 0;
  }

  /**
   * Measures, prints and writes {@code peak.csv} and its section; returns threads -> the fastest repetition's
   * GFLOP/s (a peak is what the machine can reach; on a shared machine the median is pulled down by others' load).
   */
  static Map<Integer, Double> measure(BenchReport report, List<Integer> threads, int size, int repeats)
      throws IOException {
    List<MatmulPeak.Result> results = new ArrayList<>();
    Map<Integer, Double> peaks = new LinkedHashMap<>();
    for (int t : threads) {
      MatmulPeak.Result r = MatmulPeak.measure(size, t, repeats);
      results.add(r);
      peaks.put(t, r.gflops().max());
    }
    var table = BenchTables.peaks(results);
    report.table("peak", table);
    List<String> lines = new ArrayList<>();
    peaks.forEach((t, g) -> lines.add(String.format(Locale.ROOT, "- %d thread%s: %.1f GFLOP/s, fastest of %d %dx%d"
        + " products (the peak used for shares)", t, t == 1 ? "" : "s", g, repeats, size, size)));
    report.section("peak", "Practical peak", lines, List.of(table));
    return peaks;
  }
}
