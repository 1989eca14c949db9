package io.cnnlab.cli.bench;

import io.cnnlab.bench.results.BenchReport;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every {@code cnnlab bench} part shares. */
final class BenchOptions {
  @Option(names = "--out", paramLabel = "DIR", description = "where CSV, charts and summary parts go (reports/bench)")
  Path out = Path.of("reports", "bench");

  @Option(names = "--quick", description = "fewer rounds and steps: a smoke run, figures less stable")
  boolean quick;

  /** The report, after a header naming the CPU, its vector extensions and whether oneDNN is on. */
  BenchReport report() {
    System.out.println(io.cnnlab.bench.BenchEnvironment.header());
    return new BenchReport(out, System.out);
  }
}
