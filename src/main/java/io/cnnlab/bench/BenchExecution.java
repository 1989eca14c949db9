package io.cnnlab.bench;

import io.cnnlab.graph.ConvFormChoice;
import io.cnnlab.graph.Execution;
import io.cnnlab.graph.ExecutionOptions;
import io.cnnlab.graph.Machine;
import io.cnnlab.models.Model;
import io.cnnlab.training.TrainConfig;

/**
 * How the bench builds its graphs: the convolution forms it was asked for ({@code --conv-form}) on this process's
 * machine, resolved per model, batch size, threads and towers as the trainer resolves a run's.
 *
 * @param convForm the requested forms
 * @param machine the machine the bench runs on
 */
public record BenchExecution(ConvFormChoice convForm, Machine machine) {
  /** The trainer's default: automatic forms on this process's machine (probes oneDNN once). */
  public static BenchExecution auto() {
    return new BenchExecution(ConvFormChoice.AUTO, Machine.detect());
  }

  /** The request for {@code threads} threads and {@code towers} towers (0: automatic). */
  public ExecutionOptions options(int threads, int towers) {
    return new ExecutionOptions(convForm, threads, towers, false);
  }

  /** The execution of {@code model} trained at batch {@code batch} as {@code config} asks. */
  public Execution resolve(Model model, TrainConfig config) {
    return config.resolve(model, machine);
  }

  /** A bench training configuration: SGD at {@link StepBench#LEARNING_RATE}, {@code seed}, this execution's forms. */
  public TrainConfig config(int batch, int threads, int towers, long seed) {
    return TrainConfig.builder().learningRate(StepBench.LEARNING_RATE).seed(seed).batchSize(batch)
        .execution(options(threads, towers)).build();
  }

  /** One line for headers: the machine and the forms asked for. */
  public String describe() {
    return machine.describe() + "; convolution forms " + convForm.token();
  }
}
