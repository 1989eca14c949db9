package io.cnnlab.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * What building a model into a graph yields.
 *
 * @param logits unnormalized class scores, shape {@code [N, classes]}
 * @param trainingUpdates ops to run with every training step besides the optimizer (batch-norm moving
 *     averages); empty when the model has none
 * @param taps named intermediate outputs in layer order (every convolution, activation and pooling output),
 *     for feature-map figures and shape summaries
 * @param decayedWeights the kernels weight decay applies to (convolution and dense weights; not biases,
 *     batch-norm scales and offsets, or moving averages)
 */
public record ModelOutputs(
    Operand<TFloat32> logits, List<Op> trainingUpdates, List<Tap> taps, List<Operand<TFloat32>> decayedWeights) {
  /** A named intermediate output of the network. */
  public record Tap(String name, Operand<TFloat32> output) {}
}
