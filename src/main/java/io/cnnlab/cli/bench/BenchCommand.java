package io.cnnlab.cli.bench;

import io.cnnlab.bench.results.BenchReport;
import io.cnnlab.bench.results.BenchTables;
import io.cnnlab.data.DatasetId;
import io.cnnlab.data.Datasets;
import io.cnnlab.data.ImageSet;
import io.cnnlab.data.Split;
import io.cnnlab.data.loading.DataLoader;
import io.cnnlab.data.loading.LoaderOptions;
import io.cnnlab.data.loading.LoaderThroughput;
import io.cnnlab.output.TextTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code cnnlab bench ...}: benchmarks that print figures (never run by the tests). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks that print figures and write CSV, charts and summary parts under --out.",
    subcommands = {
      BenchAllCommand.class,
      BenchTrainCommand.class,
      BenchInferCommand.class,
      BenchStepsCommand.class,
      BenchEagerCommand.class,
      BenchPeakCommand.class,
      BenchMemoryCommand.class,
      BenchPeersCommand.class,
      BenchTuneCommand.class,
      BenchProfileCommand.class,
      BenchSummaryCommand.class,
      BenchMemoryChildCommand.class,
    })
public final class BenchCommand implements Callable<Integer> {
  /**
   * What textbook LeNet training consumes on this project's 2-core machine at batch 256, 2 threads, 2 towers,
   * rounded up from a `make bench` run (bench/PERFORMANCE.md): the loader's rate is compared with it.
   */
  static final double LENET_IMAGES_PER_SECOND = 28_000;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(System.out);
    return 0;
  }

  @Command(
      name = "loader",
      mixinStandardHelpOptions = true,
      description = "Images per second the data loader supplies, per number of worker threads.")
  int loader(
      @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist", description = "data set (default: ${DEFAULT-VALUE})")
          String dataset,
      @Option(names = "--batch", paramLabel = "N", defaultValue = "256", description = "batch size (default: ${DEFAULT-VALUE})") int batch,
      @Option(names = "--workers", paramLabel = "N[,N...]", defaultValue = "0,1,2,5", split = ",", description = "worker counts (default: ${DEFAULT-VALUE})")
          List<Integer> workers,
      @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", description = "timed epochs per count (default: ${DEFAULT-VALUE})") int epochs,
      @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "shuffle seed (default: ${DEFAULT-VALUE})") long seed,
      @Option(names = "--root", paramLabel = "DIR", defaultValue = "datasets", description = "data root (default: ${DEFAULT-VALUE})") Path root,
      @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports/bench", description = "where loader.csv goes (default: ${DEFAULT-VALUE})") Path out)
      throws IOException {
    return loader(new BenchReport(out, System.out), dataset, batch, workers, epochs, seed, root);
  }

  /** Measures the loader per worker count; prints, writes {@code loader.csv} and its section. */
  static int loader(BenchReport report, String dataset, int batch, List<Integer> workers, int epochs, long seed,
      Path root) throws IOException {
    ImageSet data;
    try {
      data = Datasets.open(DatasetId.parse(dataset), root, Split.TRAIN);
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("bench loader: " + e.getMessage());
      return 2;
    }
    report.console().printf(
        Locale.ROOT, "loader throughput: %s, batch %d, shuffled, scaled to [0,1], >= 1 s warm-up + %d timed epochs, %d CPUs%n",
        data, batch, epochs, Runtime.getRuntime().availableProcessors());
    double need = LENET_IMAGES_PER_SECOND;
    List<LoaderThroughput.Result> results = new ArrayList<>();
    for (int w : workers) {
      LoaderOptions options;
      try {
        options = LoaderOptions.training(batch, seed).withWorkers(w);
      } catch (IllegalArgumentException e) {
        System.err.println("bench loader: " + e.getMessage());
        return 2;
      }
      results.add(LoaderThroughput.measure(new DataLoader(data, options), epochs));
    }
    TextTable table = BenchTables.loader(data.name(), batch, results, need);
    report.table("loader", table);
    String note = String.format(Locale.ROOT, "LeNet training at batch 256 consumes ~%,.0f img/s here; the loader must"
        + " supply >= 5x (%,.0f). The share of a training epoch spent waiting is in the step composition.", need,
        5 * need);
    report.console().println(note);
    report.section("loader", "Data loader", List.of(note), List.of(table));
    return 0;
  }
}
