package io.cnnlab.cli.bench;

import io.cnnlab.bench.Mode;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code cnnlab bench train}. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Training images/s per model, batch size and thread count (random data, the trainer's step),"
        + " GFLOP/s against the matmul peak. Writes throughput-train.csv/.png, gflops-train.png, peak.csv.")
final class BenchTrainCommand extends BenchThroughputCommand {
  @Override
  List<Mode> modes() {
    return List.of(Mode.TRAIN);
  }
}
