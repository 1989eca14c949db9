package io.cnnlab.bench;

import io.cnnlab.tf.Sessions;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;

/**
 * How a timed step is set up and run: the session's thread pools and JIT setting, and how the step feeds
 * and fetches. {@link #trainer(int)} is what {@link io.cnnlab.training.Trainer} does; the other settings are
 * what {@code cnnlab bench tune} compares it with.
 *
 * @param label name in tables
 * @param intraThreads threads inside one op
 * @param interThreads threads running independent ops side by side
 * @param xlaJit global XLA JIT level ON_1 in the session's optimizer options
 * @param freshTensors new input tensors copied from Java arrays every step (as the trainer does); false
 *     feeds the same tensors every step
 * @param fetch what the step reads back
 */
public record StepVariant(
    String label, int intraThreads, int interThreads, boolean xlaJit, boolean freshTensors, Fetch fetch) {
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
    if (intraThreads < 1 || interThreads < 1) {
      throw new IllegalArgumentException("thread counts must be >= 1, got intra " + intraThreads + ", inter "
          + interThreads);
    }
  }

  /** The trainer's step with {@code threads} intra-op threads. */
  public static StepVariant trainer(int threads) {
    return new StepVariant("trainer", threads, 1, false, true, Fetch.LOSS_AND_CORRECT);
  }

  public StepVariant named(String newLabel) {
    return new StepVariant(newLabel, intraThreads, interThreads, xlaJit, freshTensors, fetch);
  }

  public StepVariant withThreads(int intra, int inter) {
    return new StepVariant(label, intra, inter, xlaJit, freshTensors, fetch);
  }

  public StepVariant withJit(boolean on) {
    return new StepVariant(label, intraThreads, interThreads, on, freshTensors, fetch);
  }

  public StepVariant withFreshTensors(boolean fresh) {
    return new StepVariant(label, intraThreads, interThreads, xlaJit, fresh, fetch);
  }

  public StepVariant withFetch(Fetch f) {
    return new StepVariant(label, intraThreads, interThreads, xlaJit, freshTensors, f);
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

  /** Key of the session this variant needs: variants that differ only in feeding and fetching share one. */
  String sessionKey() {
    return intraThreads + "/" + interThreads + "/" + xlaJit;
  }
}
