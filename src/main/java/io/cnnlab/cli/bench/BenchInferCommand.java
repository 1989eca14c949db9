package io.cnnlab.cli.bench;

import io.cnnlab.bench.Mode;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code cnnlab bench infer}. */
@Command(name = "infer", mixinStandardHelpOptions = true,
    description = "Inference images/s per model, batch size and thread count (forward pass, predictions read"
        + " back). Writes throughput-infer.csv/.png, gflops-infer.png, peak.csv.")
final class BenchInferCommand extends BenchThroughputCommand {
  @Override
  List<Mode> modes() {
    return List.of(Mode.INFER);
  }
}
