package io.cnnlab.cli.bench;

import io.cnnlab.bench.BenchEnvironment;
import io.cnnlab.bench.BenchExecution;
import io.cnnlab.bench.results.BenchReport;
import io.cnnlab.graph.ConvFormChoice;
import io.cnnlab.graph.Machine;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every {@code cnnlab bench} part shares. */
final class BenchOptions {
  @Option(names = "--out", paramLabel = "DIR", description = "where CSV, charts and summary parts go (reports/bench)")
  Path out = Path.of("reports", "bench");

  @Option(names = "--quick", description = "fewer rounds and steps: a smoke run, figures less stable")
  boolean quick;

  @Option(names = "--conv-form", paramLabel = "auto|plain",
      description = "convolution forms of the measured models, as cnnlab train's --conv-form (auto)")
  String convForm = "auto";

  private BenchExecution execution;

  /** The requested forms on this process's machine, detected once (oneDNN probed once per bench process). */
  BenchExecution execution() {
    if (execution == null) {
      execution = new BenchExecution(ConvFormChoice.parse(convForm), Machine.detect());
    }
    return execution;
  }

  /** The report, after a header naming the CPU, its vector extensions, whether oneDNN is on and the forms. */
  BenchReport report() {
    System.out.println(BenchEnvironment.header(execution()));
    return new BenchReport(out, System.out);
  }
}
