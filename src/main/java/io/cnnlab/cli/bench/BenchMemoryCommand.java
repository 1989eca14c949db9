package io.cnnlab.cli.bench;

import io.cnnlab.bench.MemoryBench;
import io.cnnlab.bench.results.BenchCharts;
import io.cnnlab.bench.results.BenchReport;
import io.cnnlab.bench.results.BenchTables;
import io.cnnlab.data.Datasets;
import io.cnnlab.output.TextTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cnnlab bench memory}: peak resident memory of a LeNet reproduction and an AlexNet budget run, and a
 * long LeNet step loop's resident-memory trace, each in a child process of its own.
 */
@Command(name = "memory", mixinStandardHelpOptions = true,
    description = "Peak and per-epoch resident memory (child processes): the textbook LeNet on Fashion-MNIST,"
        + " the 1/256 AlexNet, and RSS every N steps of a long LeNet run on random data (native memory must stay"
        + " flat). Also times the LeNet reproduction. Writes memory.csv, rss-*.csv/.png.")
final class BenchMemoryCommand implements Callable<Integer> {
  /** Wall time the issue allows the 10-epoch textbook LeNet reproduction. */
  static final double REPRODUCTION_SECONDS = 45;
  /**
   * Growth of native memory that counts as flat: under 1 MB per 1000 steps (a leaked batch-64 input tensor
   * alone would add 200 KB per step, 200 MB per 1000 steps).
   */
  static final double FLAT_MB_PER_1000_STEPS = 1.0;

  @Mixin BenchOptions bench = new BenchOptions();

  @Option(names = "--epochs", paramLabel = "N", description = "LeNet epochs (10; --quick: 2)")
  Integer epochs;

  @Option(names = "--alexnet-epochs", paramLabel = "N", description = "AlexNet budget epochs (1)")
  int alexnetEpochs = 1;

  @Option(names = "--alexnet-train-limit", paramLabel = "N",
      description = "AlexNet: first N training images (0 = all; --quick: 10000)")
  Integer alexnetTrainLimit;

  @Option(names = "--steps", paramLabel = "N", description = "steps of the long LeNet run (20000; --quick: 3000)")
  Integer steps;

  @Option(names = "--step-batch", paramLabel = "N", description = "batch of the long run (64)")
  int stepBatch = 64;

  @Option(names = "--data-root", paramLabel = "DIR", description = "where `make datasets` installed the data (datasets)")
  Path dataRoot = Datasets.DEFAULT_ROOT;

  @Override
  public Integer call() throws IOException {
    try {
      measure(bench.report());
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("cnnlab bench memory: " + e.getMessage());
      return 2;
    }
  }

  void measure(BenchReport report) throws IOException {
    int lenetEpochs = epochs != null ? epochs : bench.quick ? 2 : 10;
    int limit = alexnetTrainLimit != null ? alexnetTrainLimit : bench.quick ? 10_000 : 0;
    int longSteps = steps != null ? steps : bench.quick ? 3000 : 20_000;
    int every = Math.max(1, longSteps / 20);
    String root = dataRoot.toString();
    String form = bench.convForm;
    report.console().printf(Locale.ROOT, "memory: child processes; load average %s%n",
        io.cnnlab.bench.BenchEnvironment.loadAverage());
    MemoryBench.Outcome lenet = MemoryBench.run("lenet-" + lenetEpochs + "-epochs",
        List.of("--run", "lenet-epochs", "--epochs", "" + lenetEpochs, "--data-root", root, "--conv-form", form));
    MemoryBench.Outcome alexnet = MemoryBench.run("alexnet-budget-" + alexnetEpochs + "-epochs",
        List.of("--run", "alexnet-budget", "--epochs", "" + alexnetEpochs, "--train-limit", "" + limit,
            "--data-root", root, "--conv-form", form));
    MemoryBench.Outcome longRun = MemoryBench.run("lenet-" + longSteps + "-steps",
        List.of("--run", "lenet-steps", "--steps", "" + longSteps, "--batch", "" + stepBatch, "--every", "" + every,
            "--conv-form", form));

    TextTable summary = BenchTables.memory(List.of(lenet, alexnet, longRun));
    report.table("memory", summary);
    TextTable lenetTrace = BenchTables.rss(lenet.name(), lenet.trace(), "epoch");
    TextTable longTrace = BenchTables.rss(longRun.name(), longRun.trace(), "step");
    report.table("rss-lenet-epochs", lenetTrace);
    report.table("rss-alexnet-budget", BenchTables.rss(alexnet.name(), alexnet.trace(), "epoch"));
    report.table("rss-lenet-steps", longTrace);
    report.chart("rss-lenet-epochs",
        BenchCharts.rss("Resident memory per epoch, " + lenet.name(), lenet.trace(), "epoch "));
    report.chart("rss-lenet-steps", BenchCharts.rss("Resident memory, " + longRun.name() + " (batch " + stepBatch + ")",
        longRun.trace(), "step "));

    List<String> lines = new ArrayList<>();
    double waitShare = lenet.lastLines().stream().mapToDouble(m -> Double.parseDouble(m.get("wait_s"))).sum()
        / lenet.lastLines().stream().mapToDouble(m -> Double.parseDouble(m.get("epoch_s"))).sum();
    Map<String, String> last = lenet.lastLines().get(lenet.lastLines().size() - 1);
    lines.add(String.format(Locale.ROOT, "- textbook LeNet, %d epochs (training + evaluation): %.1f s wall in the run"
            + " (%.1f s with JVM start)%s; test accuracy %s; data wait %.2f%% of epoch time", lenetEpochs,
        lenet.runSeconds(), lenet.processSeconds(), lenetEpochs == 10 ? String.format(Locale.ROOT,
            " (target < %.0f s: %s)", REPRODUCTION_SECONDS, lenet.runSeconds() < REPRODUCTION_SECONDS ? "met" : "missed")
            : "", last.get("test_acc"), 100 * waitShare));
    lines.add(String.format(Locale.ROOT, "- peak resident memory: LeNet %.0f MB, AlexNet budget %.0f MB, long LeNet run"
        + " %.0f MB", lenet.trace().peakKb() / 1024.0, alexnet.trace().peakKb() / 1024.0,
        longRun.trace().peakKb() / 1024.0));
    double slope = longRun.trace().slopeOfSecondHalf() * 1000 / 1024.0;
    lines.add(String.format(Locale.ROOT, "- %s (RSS sampled after a full GC, so growth is native): %+.1f MB from the"
            + " first to the last sample; second-half slope %+.2f MB per 1000 steps (flat, i.e. below %.1f MB per 1000"
            + " steps: %s)", longRun.name(), longRun.trace().growthKb() / 1024.0, slope, FLAT_MB_PER_1000_STEPS,
        Math.abs(slope) < FLAT_MB_PER_1000_STEPS ? "yes" : "no"));
    lines.forEach(report.console()::println);
    report.section("memory", "Memory and the reproduction's wall time", lines, List.of(summary, lenetTrace, longTrace));
  }

}
