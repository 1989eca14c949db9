package io.cnnlab.graph;

import io.cnnlab.models.Layer;
import io.cnnlab.models.Model;
import io.cnnlab.models.Network;
import io.cnnlab.nn.BatchNorm;
import io.cnnlab.nn.ChannelsFirst;
import io.cnnlab.nn.Conv;
import io.cnnlab.nn.Dense;
import io.cnnlab.nn.Dropout;
import io.cnnlab.nn.LocalResponseNorm;
import io.cnnlab.nn.StepSeed;
import io.cnnlab.nn.TowerBatchNorm;
import io.cnnlab.nn.WeightedOutput;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * The lowering step: a {@link Network}'s layers into graph ops, in the forms an {@link Execution} chose for each
 * convolution. A convolution in {@link ConvForm#BLOCKED} form takes its [batch norm,] activation and pooling with
 * it ({@link BlockedStage}); the others are a layer each. Every layer's output is tapped in NHWC whatever its form,
 * and variables are named after the tap ({@code conv1_kernel}), which is how {@link Summary} and checkpoints find
 * them.
 */
public final class Lowering {
  private Lowering() {}

  /**
   * {@code model} on the whole batch {@code images}.
   *
   * @param images input batch {@code [N, inputHeight, inputWidth, inputChannels]}, already normalized
   * @param training scalar flag: true in training steps (dropout active, batch statistics), false in evaluation
   * @param random the seed of every initializer, and the key of every random draw in a step (dropout)
   */
  public static ModelOutputs build(Ops tf, Model model, Execution execution, Operand<TFloat32> images,
      Operand<TBool> training, StepSeed random) {
    return build(tf, model.network(), execution, List.of(images), List.of(), training, random).get(0);
  }

  /**
   * {@code network} once per slice of one batch, layer by layer on one set of variables: slice 0 at the root
   * scope, slice {@code i} in scope {@code tower<i>}. Batch norm normalises every slice with the statistics of all
   * of them; dropout draws the whole batch's mask and gives each slice its rows.
   *
   * @param slices consecutive slices of the batch (one: the whole batch)
   * @param rowWeights per slice {@code [rows]}: 1 for a row of the batch, 0 for a padding row; empty for one slice
   * @return per slice its logits and taps; the training updates and decayed weights are slice 0's
   */
  public static List<ModelOutputs> build(Ops tf, Network network, Execution execution, List<Operand<TFloat32>> slices,
      List<Operand<TFloat32>> rowWeights, Operand<TBool> training, StepSeed random) {
    LoweringState s = new LoweringState(tf, slices, rowWeights, training, random);
    // The reshape pins the static shape (layers need known channel counts) and checks the fed size.
    long[] shape = {-1, network.height(), network.width(), network.channels()};
    s.replace((scope, x) -> scope.reshape(x, scope.constant(shape)));
    List<Layer> layers = network.layers();
    int convolutions = 0;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      if (layer instanceof Layer.Conv conv) {
        StageForm form = execution.stage(++convolutions);
        if (form.form() == ConvForm.BLOCKED) {
          i = BlockedStage.lower(s, layers, i);
        } else {
          conv(s, conv, form);
        }
      } else {
        layer(s, layer);
      }
    }
    if (convolutions != execution.stages().size()) {
      throw new IllegalArgumentException("the execution was resolved for " + execution.stages().size()
          + " convolutions, the network has " + convolutions);
    }
    return s.outputs();
  }

  /** A convolution that is a layer of its own. */
  private static void conv(LoweringState s, Layer.Conv conv, StageForm form) {
    String name = s.next("conv");
    long seed = s.random.seed();
    int f = conv.filters();
    int k = conv.kernel();
    int p = conv.padding();
    switch (form.form()) {
      case GATHERED -> s.weighted(name, (tf, x) -> Conv.conv2dGathered(tf, name, x, f, k, p, seed, form.chunks()));
      case CHANNELS_FIRST -> s.weighted(name, (tf, x) -> {
        WeightedOutput nchw = Conv.conv2d(tf, name, ChannelsFirst.fromLast(tf.withSubScope("to_nchw"), x), f, k,
            conv.stride(), p, seed, true, form.chunks());
        return new WeightedOutput(ChannelsFirst.toLast(tf.withSubScope("to_nhwc"), nchw.output()), nchw.kernel(),
            nchw.bias());
      });
      case PLAIN -> s.weighted(name, (tf, x) -> Conv.conv2d(tf, name, x, f, k, conv.stride(), p, seed, false, 1));
      case BLOCKED -> throw new IllegalStateException(name + ": a blocked stage is lowered by BlockedStage");
    }
  }

  /** Every layer but a convolution. */
  private static void layer(LoweringState s, Layer layer) {
    if (layer instanceof Layer.BatchNorm) {
      batchNorm(s);
    } else if (layer instanceof Layer.Activate a) {
      String name = s.next(a.function().label());
      s.each(name, (tf, x) -> a.function().apply(tf.withSubScope(name), x));
    } else if (layer instanceof Layer.Pool p) {
      String name = s.next(p.kind().label() + "pool");
      s.each(name, (tf, x) -> p.kind().apply(tf.withSubScope(name), x, p.window(), p.stride()));
    } else if (layer instanceof Layer.ResponseNorm r) {
      String name = s.next("lrn");
      s.each(name, (tf, x) -> LocalResponseNorm.apply(tf.withSubScope(name), x, r.settings()));
    } else if (layer instanceof Layer.Dropout d) {
      dropout(s, d.rate());
    } else if (layer instanceof Layer.Flatten) {
      String name = s.next("flatten");
      s.each(name, (tf, x) -> Dense.flatten(tf.withSubScope(name), x));
    } else if (layer instanceof Layer.Dense d) {
      String name = s.next("dense");
      s.weighted(name, (tf, x) -> Dense.dense(tf, name, x, d.units(), s.random.seed()));
    } else if (layer instanceof Layer.Resize r) {
      String name = s.next("resize");
      s.each(name, (tf, x) -> {
        Ops scope = tf.withSubScope(name);
        return scope.image.resizeBilinear(x, scope.constant(new int[] {r.size(), r.size()}),
            ResizeBilinear.halfPixelCenters(true));
      });
    } else {
      throw new IllegalArgumentException("no lowering for layer " + layer);
    }
  }

  /** One slice: the fused batch norm; several: each normalised with the statistics of all ({@link TowerBatchNorm}). */
  private static void batchNorm(LoweringState s) {
    String name = s.next("bn");
    if (s.slices() == 1) {
      BatchNorm.Output out = BatchNorm.apply(s.scopes.get(0), name, s.current(0), s.training);
      s.updates.addAll(out.updates());
      s.advance(name, List.of(out.output()), List.of(out.output()), null);
      return;
    }
    TowerBatchNorm.Output out = TowerBatchNorm.apply(s.scopes, name, s.currents(), s.rowWeights, s.training);
    s.updates.addAll(out.updates());
    s.advance(name, out.outputs(), out.outputs(), null);
  }

  /** Several slices draw the whole batch's mask once and each takes its rows: the masks one slice would draw. */
  private static void dropout(LoweringState s, float rate) {
    String name = s.next("dropout");
    if (s.slices() == 1) {
      s.each(name, (tf, x) -> Dropout.apply(tf, name, x, rate, s.training, s.random));
      return;
    }
    List<Operand<TFloat32>> out = Dropout.apply(s.scopes, name, s.currents(), rate, s.training, s.random);
    s.advance(name, out, out, null);
  }
}
