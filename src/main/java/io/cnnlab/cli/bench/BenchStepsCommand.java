package io.cnnlab.cli.bench;

import io.cnnlab.bench.BenchModel;
import io.cnnlab.bench.StepComposition;
import io.cnnlab.bench.results.BenchCharts;
import io.cnnlab.bench.results.BenchReport;
import io.cnnlab.bench.results.BenchTables;
import io.cnnlab.data.DatasetId;
import io.cnnlab.data.Datasets;
import io.cnnlab.data.Split;
import io.cnnlab.data.loading.DataLoader;
import io.cnnlab.data.loading.LoaderOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cnnlab bench steps}: what one training step is made of, on real data through the loader. */
@Command(name = "steps", mixinStandardHelpOptions = true,
    description = "Per-step data wait, feeding, session run and fetching of textbook LeNet training on"
        + " Fashion-MNIST, per thread count; the share of the epoch spent waiting for data. Writes steps.csv/.png.")
final class BenchStepsCommand implements Callable<Integer> {
  /** Data wait the issue allows, as a share of epoch time. */
  static final double WAIT_TARGET = 0.02;

  @Mixin BenchOptions bench = new BenchOptions();

  @Option(names = "--workers", paramLabel = "N", description = "loader workers (2, cnnlab train's default)")
  int workers = 2;

  @Option(names = "--batch", paramLabel = "N", description = "batch size (256)")
  int batch = 256;

  @Option(names = "--threads", split = ",", paramLabel = "N[,N...]", description = "intra-op thread counts (1,2)")
  List<Integer> threads = List.of(1, 2);

  @Option(names = "--epochs", paramLabel = "N", description = "timed epochs per thread count (2; --quick: 1)")
  Integer epochs;

  @Option(names = "--data-root", paramLabel = "DIR", description = "where `make datasets` installed the data (datasets)")
  Path dataRoot = Datasets.DEFAULT_ROOT;

  @Override
  public Integer call() throws IOException {
    try {
      measure(bench.report());
      return 0;
    } catch (IllegalArgumentException | IllegalStateException | io.cnnlab.data.MissingDatasetException e) {
      System.err.println("cnnlab bench steps: " + e.getMessage());
      return 2;
    }
  }

  List<StepComposition.Parts> measure(BenchReport report) throws IOException {
    int n = epochs != null ? epochs : bench.quick ? 1 : 2;
    var data = Datasets.open(DatasetId.FASHION_MNIST, dataRoot, Split.TRAIN);
    DataLoader loader = new DataLoader(data, LoaderOptions.training(batch, 1).withWorkers(workers));
    report.console().printf(Locale.ROOT, "step composition: textbook LeNet, %s, batch %d, %d workers, threads %s,"
        + " %d timed epoch(s) each; load average %s%n", data, batch, workers, threads, n,
        io.cnnlab.bench.BenchEnvironment.loadAverage());
    List<StepComposition.Parts> parts =
        StepComposition.measure(BenchModel.LENET_TEXTBOOK.build(), loader, batch, workers, threads, n,
            bench.execution());
    var table = BenchTables.steps(parts);
    report.table("steps", table);
    List<String> lines = new ArrayList<>();
    for (StepComposition.Parts p : parts) {
      String g = p.threads() + (p.threads() == 1 ? " thread" : " threads");
      lines.add(String.format(Locale.ROOT, "- %s, %d workers: data wait %.2f%% of the epoch (target < %.0f%%: %s);"
              + " feeding %.1f%%, session run %.1f%%, fetching %.1f%% of step time", g, p.workers(),
          100 * p.waitShare(), 100 * WAIT_TARGET, p.waitShare() < WAIT_TARGET ? "met" : "missed",
          100 * p.feedMs() / p.totalMs(), 100 * p.runMs() / p.totalMs(), 100 * p.fetchMs() / p.totalMs()));
    }
    report.chart("steps", BenchCharts.steps(batch, parts));
    lines.forEach(report.console()::println);
    report.section("steps", "Step composition", lines, List.of(table));
    return parts;
  }
}
