package io.cnnlab.cli;

import io.cnnlab.data.DataLoader;
import io.cnnlab.data.DatasetId;
import io.cnnlab.data.Datasets;
import io.cnnlab.data.ImageSet;
import io.cnnlab.data.LoaderOptions;
import io.cnnlab.data.LoaderThroughput;
import io.cnnlab.data.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cnnlab bench ...}: benchmarks that print figures (never run by the tests). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks that print figures.")
public final class BenchCommand implements Callable<Integer> {
  /** What LeNet training consumes on this project's 2-core machine at batch 256 (tensorflow-java.md). */
  static final double LENET_IMAGES_PER_SECOND = 13_000;

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
      @Option(names = "--root", paramLabel = "DIR", defaultValue = "datasets", description = "data root (default: ${DEFAULT-VALUE})") Path root) {
    ImageSet data;
    try {
      data = Datasets.open(DatasetId.parse(dataset), root, Split.TRAIN);
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("bench loader: " + e.getMessage());
      return 2;
    }
    System.out.printf(
        Locale.ROOT, "loader throughput: %s, batch %d, shuffled, scaled to [0,1], >= 1 s warm-up + %d timed epochs, %d CPUs%n",
        data, batch, epochs, Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "%-8s %12s %14s %16s%n", "workers", "images/s", "consumer wait", "x LeNet's need");
    double need = LENET_IMAGES_PER_SECOND;
    for (int w : workers) {
      LoaderOptions options;
      try {
        options = LoaderOptions.training(batch, seed).withWorkers(w);
      } catch (IllegalArgumentException e) {
        System.err.println("bench loader: " + e.getMessage());
        return 2;
      }
      LoaderThroughput.Result r = LoaderThroughput.measure(new DataLoader(data, options), epochs);
      System.out.printf(
          Locale.ROOT, "%-8d %,12.0f %13.0f%% %15.1fx%n", w, r.imagesPerSecond(), 100 * r.waitSeconds() / r.seconds(),
          r.imagesPerSecond() / need);
    }
    System.out.printf(
        Locale.ROOT, "LeNet training at batch 256 consumes ~%,.0f img/s here; the loader must supply >= 5x (%,.0f).%n",
        need, 5 * need);
    return 0;
  }
}
