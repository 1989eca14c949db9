package io.cnnlab.bench;

import io.cnnlab.graph.Execution;
import io.cnnlab.models.Model;
import io.cnnlab.tf.Sessions;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;

/**
 * How a timed step is set up and run: the session's thread pools and JIT setting, and how the step feeds
 * and fetches, and how many data-parallel towers the batch is split into. {@link #trainer(int)} is what
 * {@link io.cnnlab.training.Trainer} does; the other settings are what {@code cnnlab bench tune} compares it
 * with.
 *
 * @param label name in tables
 * @param intraThreads threads inside one op; with {@code towers} 0, all the threads the step may use
 * @param interThreads threads running independent ops side by side (towers among them)
 * @param towers data-parallel towers; 0: as the trainer chooses for the model and batch ({@link #resolve})
 * @param xlaJit global XLA JIT level ON_1 in the session's optimizer options
 * @param freshTensors new input tensors copied from Java arrays every step (as the trainer does); false
 *     feeds the same tensors every step
 * @param fetch what the step reads back
 */
public record StepVariant(
    String label, int intraThreads, int interThreads, int towers, boolean xlaJit, boolean freshTensors,
    Fetch fetch) {
  /** What a training step reads back. */
  public enum Fetch {
    /** loss and correct count, every step (the trainer, for its running metrics) */
    LOSS_AND_CORRECT,
    /** the loss only */
    LOSS,
    /** nothing: the step op as a target only */
    NONE
  }

  public StepVariant {
    if (intraThreads < 1 || interThreads < 1 || towers < 0) {
      throw new IllegalArgumentException("thread counts must be >= 1 and towers >= 0, got intra " + intraThreads
          + ", inter " + interThreads + ", towers " + towers);
    }
  }

  /** The trainer's step on {@code threads} threads, with the towers it chooses. */
  public static StepVariant trainer(int threads) {
    return new StepVariant("trainer", threads, 1, 0, false, true, Fetch.LOSS_AND_CORRECT);
  }

  /**
   * This variant with its towers and thread pools fixed for {@code model} at batch {@code batch}: automatic
   * towers become the trainer's choice for {@code intraThreads} threads ({@link Execution#towers()}), with the
   * pools of {@link Execution#sessionConfig()}. Explicit variants are returned as they are.
   */
  public StepVariant resolve(Model model, int batch, BenchExecution execution) {
    if (towers > 0) {
      return this;
    }
    Execution e = execution.resolve(model, execution.config(batch, intraThreads, 0, 1));
    ConfigProto pools = e.sessionConfig();
    return new StepVariant(label, pools.getIntraOpParallelismThreads(), pools.getInterOpParallelismThreads(),
        e.towers(), xlaJit, freshTensors, fetch);
  }

  public StepVariant named(String newLabel) {
    return new StepVariant(newLabel, intraThreads, interThreads, towers, xlaJit, freshTensors, fetch);
  }

  /** Explicit thread pools and towers (>= 1). */
  public StepVariant withThreads(int intra, int inter, int towerCount) {
    if (towerCount < 1) {
      throw new IllegalArgumentException("explicit towers must be >= 1, got " + towerCount);
    }
    return new StepVariant(label, intra, inter, towerCount, xlaJit, freshTensors, fetch);
  }

  public StepVariant withJit(boolean on) {
    return new StepVariant(label, intraThreads, interThreads, towers, on, freshTensors, fetch);
  }

  public StepVariant withFreshTensors(boolean fresh) {
    return new StepVariant(label, intraThreads, interThreads, towers, xlaJit, fresh, fetch);
  }

  public StepVariant withFetch(Fetch f) {
    return new StepVariant(label, intraThreads, interThreads, towers, xlaJit, freshTensors, f);
  }

  /** The session configuration: {@link Sessions#config(int)} plus the inter-op count and the JIT level. */
  public ConfigProto sessionConfig() {
    ConfigProto.Builder b = Sessions.config(intraThreads).toBuilder().setInterOpParallelismThreads(interThreads);
    if (xlaJit) {
      b.setGraphOptions(GraphOptions.newBuilder().setOptimizerOptions(
          OptimizerOptions.newBuilder().setGlobalJitLevel(OptimizerOptions.GlobalJitLevel.ON_1)));
    }
    return b.build();
  }

  /**
   * Key of the session a {@link #resolve resolved} variant needs: variants that differ only in feeding and
   * fetching share one.
   */
  String sessionKey() {
    return towers + "/" + intraThreads + "/" + interThreads + "/" + xlaJit;
  }
}
