package io.cnnlab.models;

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
   * (batch norm) and no random masks (dropout). Only then may a batch be split into data-parallel towers
   * ({@code io.cnnlab.training.Towers}) without changing what is computed. False unless a model says so.
   */
  default boolean batchIndependent() {
    return false;
  }

  /**
   * Adds the network to the graph behind {@code tf}.
   *
   * @param images input batch {@code [N, inputHeight, inputWidth, inputChannels]}, already normalized
   * @param training scalar flag: true in training steps (dropout active, batch statistics), false in evaluation
   * @param seed seed of every initializer and of dropout, so a graph built twice is identical
   */
  ModelOutputs build(Ops tf, Operand<TFloat32> images, Operand<TBool> training, long seed);
}
