package io.cnnlab.cli.bench;

import io.cnnlab.bench.BenchExecution;
import io.cnnlab.bench.MemoryRun;
import io.cnnlab.data.Datasets;
import io.cnnlab.graph.ConvFormChoice;
import io.cnnlab.graph.Machine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The child process of {@code cnnlab bench memory}; prints {@code kind=rss ...} lines (not for direct use). */
@Command(name = "memory-child", hidden = true, description = "child process of bench memory")
final class BenchMemoryChildCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, description = "lenet-epochs, alexnet-budget or lenet-steps")
  String run;

  @Option(names = "--epochs") int epochs = 1;

  @Option(names = "--train-limit") int trainLimit;

  @Option(names = "--steps") int steps = 1000;

  @Option(names = "--batch") int batch = 64;

  @Option(names = "--every") int every = 100;

  @Option(names = "--data-root") Path dataRoot = Datasets.DEFAULT_ROOT;

  @Option(names = "--conv-form") String convForm = "auto";

  @Override
  public Integer call() throws IOException {
    BenchExecution execution = new BenchExecution(ConvFormChoice.parse(convForm), Machine.detect());
    switch (run) {
      case "lenet-epochs" -> MemoryRun.lenetEpochs(dataRoot, epochs, execution, System.out);
      case "alexnet-budget" -> MemoryRun.alexnetBudget(dataRoot, epochs, trainLimit, execution, System.out);
      case "lenet-steps" -> MemoryRun.lenetSteps(steps, batch, every, execution, System.out);
      default -> {
        System.err.println("bench memory-child: --run expects lenet-epochs, alexnet-budget or lenet-steps, got '"
            + run + "'");
        return 2;
      }
    }
    System.out.flush();
    return 0;
  }
}
