package io.cnnlab.models;

import io.cnnlab.nn.StepSeed;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * A model described once as a chain of {@link NetworkBuilder} layers, built on the whole batch or on every
 * slice of it for towers. Splittable: batch norm takes its statistics over all towers and dropout draws the
 * whole batch's mask, so towers compute what one tower computes.
 */
abstract class LayeredModel implements Model {
  /** Adds the layers to {@code net} and returns it. */
  abstract NetworkBuilder layers(NetworkBuilder net);

  @Override
  public boolean splittable() {
    return true;
  }

  @Override
  public ModelOutputs build(Ops tf, Operand<TFloat32> images, Operand<TBool> training, StepSeed random) {
    return layers(new NetworkBuilder(tf, images, training, random)).outputs();
  }

  @Override
  public List<ModelOutputs> buildTowers(Ops tf, List<Operand<TFloat32>> slices, List<Operand<TFloat32>> rowWeights,
      Operand<TBool> training, StepSeed random) {
    return layers(NetworkBuilder.towers(tf, slices, rowWeights, training, random)).towerOutputs();
  }
}
