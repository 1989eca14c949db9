package io.cnnlab.cli.bench;

import io.cnnlab.bench.BenchModel;
import io.cnnlab.bench.StepVariant;
import io.cnnlab.bench.TuneBench;
import io.cnnlab.bench.results.BenchReport;
import io.cnnlab.bench.results.BenchTables;
import io.cnnlab.output.TextTable;
import io.cnnlab.tf.Sessions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cnnlab bench tune}: interleaved A/B of training-step settings on one model. */
@Command(name = "tune", mixinStandardHelpOptions = true,
    description = "Interleaved A/B of training-step settings (threads, inter-op pool, fetches, tensor reuse, XLA"
        + " JIT) against the trainer's step, one process, median of rounds. Writes tune.csv. Process-wide"
        + " settings (malloc, oneDNN, allocator) are compared by bench/env-ab.sh.")
final class BenchTuneCommand implements Callable<Integer> {
  @Mixin BenchOptions bench = new BenchOptions();

  @Option(names = "--model", paramLabel = "NAME", description = "bench model (lenet-textbook)")
  String model = "lenet-textbook";

  @Option(names = "--batch", paramLabel = "N", description = "batch size (256)")
  int batch = 256;

  @Option(names = "--steps", paramLabel = "N", description = "steps per round (20)")
  int steps = 20;

  @Option(names = "--rounds", paramLabel = "N", description = "rounds (7; --quick: 3)")
  Integer rounds;

  @Option(names = "--only", split = ",", paramLabel = "LABEL[,LABEL...]",
      description = "run only these variants (the trainer's always first)")
  List<String> only;

  @Override
  public Integer call() throws IOException {
    try {
      BenchModel bm = BenchModel.byName(model);
      List<StepVariant> variants = new ArrayList<>(TuneBench.standardVariants(Sessions.defaultThreads()));
      if (only != null) {
        variants.removeIf(v -> !v.label().equals("trainer") && !only.contains(v.label()));
      }
      BenchReport report = bench.report();
      report.console().printf(Locale.ROOT, "tune: %s, batch %d, %d steps x %d rounds; load average %s%n", model,
          batch, steps, rounds(), io.cnnlab.bench.BenchEnvironment.loadAverage());
      List<TuneBench.Row> rows = TuneBench.run(bm, batch, variants, steps, rounds(), 1, bench.execution());
      TextTable table = BenchTables.tune(model, batch, rows);
      report.table("tune", table);
      report.section("tune", "Step settings A/B", List.of(), List.of(table));
      return 0;
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("cnnlab bench tune: " + e.getMessage());
      return 2;
    }
  }

  private int rounds() {
    return rounds != null ? rounds : bench.quick ? 3 : 7;
  }
}
