package io.cnnlab.cli.bench;

import io.cnnlab.bench.MatmulPeak;
import io.cnnlab.bench.results.BenchReport;
import io.cnnlab.bench.results.BenchTables;
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
    try {
      measure(bench.report(), threads, size, repeats);
    } catch (IllegalStateException e) {
      System.err.println("cnnlab bench peak: " + e.getMessage());
      return 2;
    }
    return 0;
  }

  /** Measures the peak for each thread count. */
  static List<MatmulPeak.Result> measureOnly(List<Integer> threads, int size, int repeats) {
    io.cnnlab.tf.Sessions.requirePerSessionPools("the matmul peak", threads);
    List<MatmulPeak.Result> results = new ArrayList<>();
    for (int t : threads) {
      results.add(MatmulPeak.measure(size, t, repeats));
    }
    return results;
  }

  /** Measures, prints and writes {@code peak.csv} and its section; returns threads -> peak GFLOP/s. */
  static Map<Integer, Double> measure(BenchReport report, List<Integer> threads, int size, int repeats)
      throws IOException {
    return write(report, Map.of("run", measureOnly(threads, size, repeats)));
  }

  /**
   * Prints and writes the peaks measured at different moments ({@code when} -> results) and returns
   * threads -> the fastest repetition's rate over all of them: a peak is what the machine can reach, and on
   * a shared machine a single measurement (or the median) can fall in a moment someone else was busy.
   */
  static Map<Integer, Double> write(BenchReport report, Map<String, List<MatmulPeak.Result>> byWhen)
      throws IOException {
    Map<Integer, Double> peaks = new LinkedHashMap<>();
    List<String> when = new ArrayList<>();
    List<MatmulPeak.Result> all = new ArrayList<>();
    byWhen.forEach((w, results) -> results.forEach(r -> {
      when.add(w);
      all.add(r);
      peaks.merge(r.threads(), r.gflops().max(), Math::max);
    }));
    var table = BenchTables.peaks(when, all);
    report.table("peak", table);
    List<String> lines = new ArrayList<>();
    peaks.forEach((t, g) -> lines.add(String.format(Locale.ROOT, "- %d thread%s: %.1f GFLOP/s, the fastest %dx%d"
        + " product (the peak shares are computed against)", t, t == 1 ? "" : "s", g, all.get(0).size(),
        all.get(0).size())));
    report.section("peak", "Practical peak", lines, List.of(table));
    return peaks;
  }
}
