package io.cnnlab.models;

import io.cnnlab.nn.Activation;
import io.cnnlab.nn.BatchNorm;
import io.cnnlab.nn.Conv;
import io.cnnlab.nn.Dense;
import io.cnnlab.nn.Dropout;
import io.cnnlab.nn.LocalResponseNorm;
import io.cnnlab.nn.Pooling;
import io.cnnlab.nn.WeightedOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Chains layers for one {@code build} call and records what {@link ModelOutputs} reports: every layer's
 * output as a tap named kind + running number ({@code conv1}, {@code sigmoid2}, {@code avgpool1}), the
 * decayed kernels and the batch-norm updates. Variables are named after the tap ({@code conv1_kernel}), which
 * is how {@link Summary} matches parameters to layers. One instance per build.
 */
final class NetworkBuilder {
  private final Ops tf;
  private final Operand<TBool> training;
  private final long seed;
  private final List<ModelOutputs.Tap> taps = new ArrayList<>();
  private final List<Op> updates = new ArrayList<>();
  private final List<Operand<TFloat32>> kernels = new ArrayList<>();
  private final Map<String, Integer> counters = new HashMap<>();
  private Operand<TFloat32> current;

  NetworkBuilder(Ops tf, Operand<TFloat32> input, Operand<TBool> training, long seed) {
    this.tf = tf;
    this.current = input;
    this.training = training;
    this.seed = seed;
  }

  NetworkBuilder conv(int outChannels, int kernel, int stride, int padding) {
    WeightedOutput out = Conv.conv2d(tf, next("conv"), current, outChannels, kernel, stride, padding, seed);
    kernels.add(out.kernel());
    return tap(lastName("conv"), out.output());
  }

  NetworkBuilder dense(int units) {
    WeightedOutput out = Dense.dense(tf, next("dense"), current, units, seed);
    kernels.add(out.kernel());
    return tap(lastName("dense"), out.output());
  }

  NetworkBuilder batchNorm() {
    BatchNorm.Output out = BatchNorm.apply(tf, next("bn"), current, training);
    updates.addAll(out.updates());
    return tap(lastName("bn"), out.output());
  }

  NetworkBuilder activation(Activation activation) {
    String name = next(activation.label());
    return tap(name, activation.apply(tf.withSubScope(name), current));
  }

  NetworkBuilder pool(Pooling pooling, int window, int stride) {
    String name = next(pooling.label() + "pool");
    return tap(name, pooling.apply(tf.withSubScope(name), current, window, stride));
  }

  NetworkBuilder localResponseNorm(LocalResponseNorm.Settings settings) {
    String name = next("lrn");
    return tap(name, LocalResponseNorm.apply(tf.withSubScope(name), current, settings));
  }

  /** Dropout with {@code rate}; no layer at all when the rate is 0. */
  NetworkBuilder dropout(float rate) {
    if (rate == 0f) {
      return this;
    }
    String name = next("dropout");
    return tap(name, Dropout.apply(tf, name, current, rate, training, seed));
  }

  NetworkBuilder flatten() {
    String name = next("flatten");
    return tap(name, Dense.flatten(tf.withSubScope(name), current));
  }

  /** Bilinear resize to {@code size x size} (half-pixel centers), skipped when the input already has it. */
  NetworkBuilder resize(int size) {
    if (current.shape().size(1) == size && current.shape().size(2) == size) {
      return this;
    }
    String name = next("resize");
    Ops scope = tf.withSubScope(name);
    Operand<TFloat32> resized = scope.image.resizeBilinear(current, scope.constant(new int[] {size, size}),
        org.tensorflow.op.image.ResizeBilinear.halfPixelCenters(true));
    return tap(name, resized);
  }

  /** The current output as logits, with everything recorded. */
  ModelOutputs outputs() {
    return new ModelOutputs(current, List.copyOf(updates), List.copyOf(taps), List.copyOf(kernels));
  }

  private NetworkBuilder tap(String name, Operand<TFloat32> output) {
    taps.add(new ModelOutputs.Tap(name, output));
    current = output;
    return this;
  }

  private String next(String kind) {
    return kind + counters.merge(kind, 1, Integer::sum);
  }

  private String lastName(String kind) {
    return kind + counters.get(kind);
  }
}
