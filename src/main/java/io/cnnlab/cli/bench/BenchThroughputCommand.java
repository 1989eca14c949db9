package io.cnnlab.cli.bench;

import io.cnnlab.bench.BenchModel;
import io.cnnlab.bench.MatmulPeak;
import io.cnnlab.bench.Mode;
import io.cnnlab.bench.ThroughputBench;
import io.cnnlab.bench.ThroughputRow;
import io.cnnlab.bench.results.BenchCharts;
import io.cnnlab.bench.results.BenchReport;
import io.cnnlab.bench.results.BenchTables;
import io.cnnlab.output.ConsoleTables;
import io.cnnlab.output.TextTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Training or inference images per second ({@code cnnlab bench train|infer}): models x batch sizes x thread
 * counts, interleaved rounds, median; with the floating-point rate each reaches against the matrix-product peak measured
 * first in the same run.
 */
abstract class BenchThroughputCommand implements Callable<Integer> {
  @Mixin BenchOptions bench = new BenchOptions();

  @Option(names = "--models", split = ",", paramLabel = "NAME[,NAME...]",
      description = "lenet-textbook, lenet-relu-max, lenet-relu-max-bn, alexnet-budget, alexnet-textbook (all)")
  List<String> models = BenchModel.ALL.stream().map(BenchModel::name).toList();

  @Option(names = "--batches", split = ",", paramLabel = "N[,N...]", description = "batch sizes (64,128,256)")
  List<Integer> batches = List.of(64, 128, 256);

  @Option(names = "--threads", split = ",", paramLabel = "N[,N...]", description = "intra-op thread counts (1,2)")
  List<Integer> threads = List.of(1, 2);

  @Option(names = "--rounds", paramLabel = "N", description = "timed rounds per light model (5; --quick: 3)")
  Integer rounds;

  @Option(names = "--round-images", paramLabel = "N",
      description = "images per round of a light model (8192; --quick: 3072)")
  Integer roundImages;

  @Option(names = "--heavy-rounds", paramLabel = "N",
      description = "timed one-step rounds of the textbook AlexNet (1)")
  Integer heavyRounds;

  /** The modes measured. */
  abstract List<Mode> modes();

  @Override
  public Integer call() throws IOException {
    try {
      measure(bench.report(), modes());
      return 0;
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("cnnlab bench: " + e.getMessage());
      return 2;
    }
  }

  ThroughputBench.Plan plan() {
    ThroughputBench.Plan p = bench.quick ? ThroughputBench.Plan.quick() : ThroughputBench.Plan.standard();
    return new ThroughputBench.Plan(roundImages != null ? roundImages : p.roundImages(),
        rounds != null ? rounds : p.rounds(), heavyRounds != null ? heavyRounds : p.heavyRounds(), p.seed());
  }

  /** Measures the peak, throughput in {@code modes}, the peak again; writes tables, charts and the section. */
  List<ThroughputRow> measure(BenchReport report, List<Mode> modes) throws IOException {
    List<BenchModel> chosen = BenchModel.byNames(models);
    ThroughputBench.Plan plan = plan();
    int repeats = bench.quick ? 3 : 5;
    List<MatmulPeak.Result> before = BenchPeakCommand.measureOnly(threads, BenchPeakCommand.DEFAULT_SIZE, repeats);
    Map<Integer, Double> peaks = new java.util.HashMap<>();
    before.forEach(r -> peaks.put(r.threads(), r.gflops().max()));
    report.console().printf(Locale.ROOT, "throughput: %s, batches %s, threads %s, %s; load average %s%n",
        modes, batches, threads, plan, io.cnnlab.bench.BenchEnvironment.loadAverage());
    List<ThroughputRow> rows = ThroughputBench.run(chosen, modes, batches, threads, plan, bench.execution(),
        report.console()::println, done -> ConsoleTables.print(BenchTables.throughput(done, peaks), report.console()));
    // Again after the models: on a shared machine one measurement of the peak can fall in a busy moment
    // (AlexNet then "exceeds" it); the shares use the better of the two.
    Map<String, List<MatmulPeak.Result>> byWhen = new java.util.LinkedHashMap<>();
    byWhen.put("before", before);
    byWhen.put("after", BenchPeakCommand.measureOnly(threads, BenchPeakCommand.DEFAULT_SIZE, repeats));
    peaks.putAll(BenchPeakCommand.write(report, byWhen));
    List<String> findings = new ArrayList<>();
    List<TextTable> tables = new ArrayList<>();
    for (Mode mode : modes) {
      List<ThroughputRow> part = rows.stream().filter(r -> r.mode() == mode).toList();
      var table = BenchTables.throughput(part, peaks);
      report.table("throughput-" + mode.label(), table);
      tables.add(table);
      report.chart("throughput-" + mode.label(), BenchCharts.throughput(mode, part));
      report.chart("gflops-" + mode.label(), BenchCharts.gflops(mode, part, peaks));
      findings.addAll(findings(mode, part, peaks));
    }
    findings.forEach(report.console()::println);
    report.section("throughput", "Throughput (images per second)", findings, tables);
    return rows;
  }

  private static List<String> findings(Mode mode, List<ThroughputRow> rows, Map<Integer, Double> peaks) {
    List<String> out = new ArrayList<>();
    int maxThreads = rows.stream().mapToInt(ThroughputRow::threads).max().orElse(1);
    int maxBatch = rows.stream().mapToInt(ThroughputRow::batch).max().orElse(1);
    for (ThroughputRow r : rows) {
      if (r.threads() == maxThreads && r.batch() == maxBatch) {
        Double peak = peaks.get(r.threads());
        out.add(String.format(Locale.ROOT, "- %s %s, batch %d, %d threads: %,.0f img/s, %.1f GFLOP/s%s",
            r.model(), mode.label(), r.batch(), r.threads(), r.imagesPerSecond().median(), r.gflops(),
            peak == null ? "" : String.format(Locale.ROOT, " (%.1f%% of the %.0f GFLOP/s matmul peak)",
                100 * r.gflops() / peak, peak)));
      }
    }
    return out;
  }
}
