package io.cnnlab.cli.bench;

import io.cnnlab.bench.BenchEnvironment;
import io.cnnlab.bench.BenchModel;
import io.cnnlab.bench.Mode;
import io.cnnlab.bench.results.BenchReport;
import io.cnnlab.bench.results.BenchSummary;
import io.cnnlab.data.Datasets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cnnlab bench all}: every cnnlab part in one run — manifest, peak and training/inference throughput
 * (interleaved in one pass), loader, step composition, eager vs graph, memory — then the summary. The peers
 * run separately ({@code make bench} runs them and {@code bench peers}).
 */
@Command(name = "all", mixinStandardHelpOptions = true,
    description = "Runs train+infer (with the peak), loader, steps, eager and memory, writes manifest.json and"
        + " summary.md under --out. `make bench` adds the peers.")
final class BenchAllCommand implements Callable<Integer> {
  @Mixin BenchOptions bench = new BenchOptions();

  @Option(names = "--data-root", paramLabel = "DIR", description = "where `make datasets` installed the data (datasets)")
  Path dataRoot = Datasets.DEFAULT_ROOT;

  @Option(names = "--skip", split = ",", paramLabel = "PART[,PART...]",
      description = "parts to leave out: throughput, loader, steps, eager, memory")
  List<String> skip = List.of();

  @Override
  public Integer call() throws IOException {
    for (String s : skip) {
      if (!List.of("throughput", "loader", "steps", "eager", "memory").contains(s)) {
        System.err.println("cnnlab bench all: --skip expects throughput, loader, steps, eager or memory, got '" + s + "'");
        return 2;
      }
    }
    BenchReport report = bench.report();
    var manifest = BenchEnvironment.write(bench.out.resolve("manifest.json"), bench.execution());
    report.console().println("bench: " + manifest.get("device") + ", " + manifest.get("cores") + " cores, load "
        + manifest.get("load_average") + ", GLIBC_TUNABLES=" + ((java.util.Map<?, ?>) manifest.get("environment"))
        .get("GLIBC_TUNABLES"));
    try {
      if (!skip.contains("throughput")) {
        BenchThroughputCommand t = new BenchTrainCommand();
        t.bench = bench;
        t.models = BenchModel.ALL.stream().map(BenchModel::name).toList();
        t.measure(report, List.of(Mode.TRAIN, Mode.INFER));
      }
      if (!skip.contains("loader")) {
        int status = BenchCommand.loader(report, "fashion-mnist", 256, List.of(0, 1, 2, 5), bench.quick ? 1 : 3, 1,
            dataRoot);
        if (status != 0) {
          return status;
        }
      }
      if (!skip.contains("steps")) {
        BenchStepsCommand s = new BenchStepsCommand();
        s.bench = bench;
        s.dataRoot = dataRoot;
        s.measure(report);
      }
      if (!skip.contains("eager")) {
        BenchEagerCommand e = new BenchEagerCommand();
        e.bench = bench;
        e.measure(report);
      }
      if (!skip.contains("memory")) {
        BenchMemoryCommand m = new BenchMemoryCommand();
        m.bench = bench;
        m.dataRoot = dataRoot;
        m.measure(report);
      }
    } catch (IllegalArgumentException | IllegalStateException | io.cnnlab.data.MissingDatasetException e) {
      System.err.println("cnnlab bench all: " + e.getMessage());
      return 2;
    }
    BenchSummary.write(bench.out);
    report.console().println("load average at the end: " + BenchEnvironment.loadAverage() + "; summary parts in "
        + bench.out.resolve(BenchReport.PARTS));
    return 0;
  }
}
