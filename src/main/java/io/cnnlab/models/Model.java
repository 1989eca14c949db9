package io.cnnlab.models;

import io.cnnlab.nn.StepSeed;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/** A classification network that can be built into a TensorFlow graph. */
public interface Model {
  /** Short identifier, e.g. {@code lenet} or {@code alexnet}. */
  String name();

  /** Height, width and channels of the images the model takes (NHWC; resizing, if any, happens inside). */
  int inputHeight();

  int inputWidth();

  int inputChannels();

  int classes();

  /**
   * True when each example's output depends only on that example and the weights: no batch statistics
   * (batch norm) and no random masks (dropout): the model built on each slice of a batch on its own computes
   * what it computes on the whole batch (the default {@link #buildTowers}). False unless a model says so.
   */
  default boolean batchIndependent() {
    return false;
  }

  /**
   * True when a batch may be split into data-parallel towers ({@link #buildTowers}) without changing what is
   * computed: batch-independent models, models whose batch norm takes its statistics over all towers
   * together, and models whose dropout draws the whole batch's mask once and gives each slice its rows.
   */
  default boolean splittable() {
    return batchIndependent();
  }

  /**
   * True when a training step draws random masks (dropout). Towers are not chosen automatically for such a
   * model (only when asked for): whether they pay off is not measured, and the harness counts the towers as
   * part of a run's configuration, so switching them on would rerun every finished dropout experiment.
   */
  default boolean drawsMasks() {
    return false;
  }

  /**
   * The network once per slice of one batch, on one set of variables: slice 0 at the root scope, slice
   * {@code i} in scope {@code tower<i>}. The default builds the model on each slice on its own, which is
   * right for {@link #batchIndependent()} models only; models with batch norm override it.
   *
   * @param slices consecutive slices of the batch, the last ones padded with zero rows
   * @param rowWeights per slice {@code [rows]}: 1 for a row of the batch, 0 for a padding row
   * @return per slice its logits and taps; the training updates and decayed weights are slice 0's
   */
  default List<ModelOutputs> buildTowers(Ops tf, List<Operand<TFloat32>> slices, List<Operand<TFloat32>> rowWeights,
      Operand<TBool> training, StepSeed random) {
    if (!batchIndependent()) {
      throw new UnsupportedOperationException(name() + " is not batch-independent: it cannot be split into towers");
    }
    List<ModelOutputs> built = new ArrayList<>();
    for (int i = 0; i < slices.size(); i++) {
      built.add(build(i == 0 ? tf : tf.withSubScope("tower" + i), slices.get(i), training, random));
    }
    return built;
  }

  /**
   * Adds the network to the graph behind {@code tf}.
   *
   * @param images input batch {@code [N, inputHeight, inputWidth, inputChannels]}, already normalized
   * @param training scalar flag: true in training steps (dropout active, batch statistics), false in evaluation
   * @param random the seed of every initializer, and the key of every random draw in a step (dropout), so
   *     a graph built twice is identical and a step draws the same whatever session runs it
   */
  ModelOutputs build(Ops tf, Operand<TFloat32> images, Operand<TBool> training, StepSeed random);

  /** As {@link #build(Ops, Operand, Operand, StepSeed)} for a graph that never trains: draws at step 0. */
  default ModelOutputs build(Ops tf, Operand<TFloat32> images, Operand<TBool> training, long seed) {
    return build(tf, images, training, StepSeed.fixed(seed));
  }
}
