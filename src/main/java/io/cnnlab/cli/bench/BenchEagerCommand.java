package io.cnnlab.cli.bench;

import io.cnnlab.bench.EagerVsGraph;
import io.cnnlab.bench.results.BenchCharts;
import io.cnnlab.bench.results.BenchReport;
import io.cnnlab.bench.results.BenchTables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cnnlab bench eager}: the same LeNet forward pass executed eagerly and as a graph. */
@Command(name = "eager", mixinStandardHelpOptions = true,
    description = "LeNet forward pass, eager (op by op) vs graph session: images/s and speed-up. Writes"
        + " eager.csv/.png.")
final class BenchEagerCommand implements Callable<Integer> {
  @Mixin BenchOptions bench = new BenchOptions();

  @Option(names = "--batches", split = ",", paramLabel = "N[,N...]", description = "batch sizes (1,64,256)")
  List<Integer> batches = List.of(1, 64, 256);

  @Option(names = "--threads", paramLabel = "N", description = "intra-op threads (2)")
  int threads = 2;

  @Option(names = "--rounds", paramLabel = "N", description = "alternating rounds (5; --quick: 3)")
  Integer rounds;

  @Override
  public Integer call() throws IOException {
    try {
      measure(bench.report());
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("cnnlab bench eager: " + e.getMessage());
      return 2;
    }
  }

  List<EagerVsGraph.Comparison> measure(BenchReport report) throws IOException {
    int r = rounds != null ? rounds : bench.quick ? 3 : 5;
    List<EagerVsGraph.Comparison> results = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (int b : batches) {
      int passes = Math.max(4, 4096 / b); // a round of about 4096 images, at least 4 passes
      EagerVsGraph.Comparison c = EagerVsGraph.measure(b, threads, passes, r);
      results.add(c);
      lines.add(String.format(Locale.ROOT, "- batch %d: graph %.2fx eager (%,.0f vs %,.0f img/s)", b, c.speedup(),
          c.graph().median(), c.eager().median()));
    }
    var table = BenchTables.eager(results);
    report.table("eager", table);
    report.chart("eager", BenchCharts.eager(threads, results));
    lines.forEach(report.console()::println);
    report.section("eager", "Graph vs eager execution", lines, List.of(table));
    return results;
  }
}
