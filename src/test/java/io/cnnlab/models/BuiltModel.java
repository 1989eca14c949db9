package io.cnnlab.models;

import io.cnnlab.graph.Execution;
import io.cnnlab.graph.Lowering;
import io.cnnlab.graph.Machine;
import io.cnnlab.graph.ModelOutputs;
import io.cnnlab.graph.ExecutionOptions;
import io.cnnlab.nn.StepSeed;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * A model lowered into its own graph, with fed images and training flag: in the default execution's forms on
 * this machine (one tower), or the plain ones.
 */
record BuiltModel(Graph graph, Ops tf, Placeholder<TFloat32> images, Placeholder<TBool> training, ModelOutputs outputs)
    implements AutoCloseable {
  static BuiltModel of(Model model, long seed) {
    return of(model, seed, ExecutionOptions.DEFAULT);
  }

  static BuiltModel of(Model model, long seed, ExecutionOptions options) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(
        Shape.of(-1, model.inputHeight(), model.inputWidth(), model.inputChannels())));
    Placeholder<TBool> training = tf.placeholder(TBool.class, Placeholder.shape(Shape.scalar()));
    Execution execution = Execution.resolve(options.withTowers(1), Machine.detect(), model.network(), 256);
    return new BuiltModel(g, tf, images, training,
        Lowering.build(tf, model, execution, images, training, StepSeed.fixed(seed)));
  }

  /** {@code n} random images in [0, 1), flat NHWC. */
  static float[] images(int n, int side, int channels, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n * side * side * channels];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat();
    }
    return v;
  }

  @Override
  public void close() {
    graph.close();
  }
}
