package io.cnnlab.training;

import io.cnnlab.models.Model;
import io.cnnlab.models.ModelOutputs;
import io.cnnlab.nn.StepSeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Test double of a model: 6x6x1 images, a 3x3 convolution with 2 channels, ReLU, and a dense layer to 3
 * classes. With {@code movingMean} it centers the convolution output per channel with batch statistics in
 * training and a moving average in evaluation, kept by a training update (a stand-in for batch norm), and
 * has a variable that only scales a tap, which the loss does not depend on.
 */
final class TinyModel implements Model {
  static final int SIZE = 6;
  static final int CLASSES = 3;
  private final boolean movingMean;

  TinyModel(boolean movingMean) {
    this.movingMean = movingMean;
  }

  @Override
  public String name() {
    return movingMean ? "tiny-bn" : "tiny";
  }

  @Override
  public int inputHeight() {
    return SIZE;
  }

  @Override
  public int inputWidth() {
    return SIZE;
  }

  @Override
  public int inputChannels() {
    return 1;
  }

  @Override
  public int classes() {
    return CLASSES;
  }

  @Override
  public ModelOutputs build(Ops tf, Operand<TFloat32> images, Operand<TBool> training, StepSeed seeds) {
    Random random = new Random(seeds.seed());
    Variable<TFloat32> kernel =
        tf.withName("conv_kernel").variable(gaussian(tf, random, 0.5f, 3, 3, 1, 2));
    Variable<TFloat32> convBias = tf.withName("conv_bias").variable(tf.constant(new float[2]));
    Operand<TFloat32> conv = tf.nn.biasAdd(
        tf.nn.conv2d(images, kernel, List.of(1L, 1L, 1L, 1L), "VALID"), convBias);
    Operand<TFloat32> relu = tf.nn.relu(conv);
    List<ModelOutputs.Tap> taps = new ArrayList<>(List.of(new ModelOutputs.Tap("conv", conv),
        new ModelOutputs.Tap("relu", relu)));
    List<Op> updates = new ArrayList<>();
    Operand<TFloat32> features = relu;
    if (movingMean) {
      Variable<TFloat32> moving = tf.withName("moving_mean").variable(tf.constant(new float[2]));
      Operand<TFloat32> batchMean = tf.math.mean(relu, tf.constant(new int[] {0, 1, 2}));
      Operand<TFloat32> mix = tf.dtypes.cast(training, TFloat32.class);
      Operand<TFloat32> mean = tf.math.add(tf.math.mul(mix, batchMean),
          tf.math.mul(tf.math.sub(tf.constant(1f), mix), moving));
      features = tf.math.sub(relu, mean);
      updates.add(tf.assign(moving, tf.math.add(tf.math.mul(tf.constant(0.9f), moving),
          tf.math.mul(tf.constant(0.1f), batchMean))));
      taps.add(new ModelOutputs.Tap("centered", features));
      // A variable the loss does not depend on (it only scales a tap): no gradient path at all.
      Variable<TFloat32> tapScale = tf.withName("tap_scale").variable(tf.constant(2f));
      taps.add(new ModelOutputs.Tap("scaled", tf.math.mul(relu, tapScale)));
    }
    Operand<TFloat32> flat = tf.reshape(features, tf.constant(new int[] {-1, 4 * 4 * 2}));
    Variable<TFloat32> dense =
        tf.withName("dense_kernel").variable(gaussian(tf, random, 0.3f, 32, CLASSES));
    Variable<TFloat32> denseBias = tf.withName("dense_bias").variable(tf.constant(new float[CLASSES]));
    Operand<TFloat32> logits = tf.nn.biasAdd(tf.linalg.matMul(flat, dense), denseBias);
    return new ModelOutputs(logits, updates, taps, List.of(kernel, dense));
  }

  /** A seeded Gaussian initial value (a constant: the initializer is reproducible from the seed). */
  private static Operand<TFloat32> gaussian(Ops tf, Random random, float std, long... shape) {
    Shape s = Shape.of(shape);
    float[] values = new float[(int) s.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian() * std;
    }
    return tf.constant(s, DataBuffers.of(values));
  }
}
