package io.cnnlab.models;

import io.cnnlab.nn.Activation;
import io.cnnlab.nn.BatchNorm;
import io.cnnlab.nn.BlockedConvStage;
import io.cnnlab.nn.ChannelsFirst;
import io.cnnlab.nn.Conv;
import io.cnnlab.nn.Dense;
import io.cnnlab.nn.Dropout;
import io.cnnlab.nn.GatheredConv;
import io.cnnlab.nn.LocalResponseNorm;
import io.cnnlab.nn.Pooling;
import io.cnnlab.nn.StepSeed;
import io.cnnlab.nn.TowerBatchNorm;
import io.cnnlab.nn.WeightedOutput;
import io.cnnlab.tf.OneDnn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
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
 *
 * <p>It builds either one network on the whole batch or, for data-parallel towers, the same network on each
 * slice of a batch ({@link #towers}), layer by layer: slice 0 at the root scope, where the variables are
 * made, slice {@code i} in scope {@code tower<i>} sharing them. Layer by layer, because batch norm then
 * normalises every slice with the statistics of all of them ({@link TowerBatchNorm}).
 */
final class NetworkBuilder {
  private final List<Ops> scopes;
  /** {@code current} in 2x2 space-to-depth form where a blocked stage left it so (per slice), else null. */
  private List<Operand<TFloat32>> blockedCurrent;
  private final List<Operand<TFloat32>> rowWeights;
  private final Operand<TBool> training;
  private final StepSeed random;
  private final List<List<ModelOutputs.Tap>> taps = new ArrayList<>();
  private final List<Op> updates = new ArrayList<>();
  private final List<Operand<TFloat32>> kernels = new ArrayList<>();
  private final Map<String, Integer> counters = new HashMap<>();
  private final List<Operand<TFloat32>> current;
  /** True until the first layer: the current tensors are the images, which no gradient flows into. */
  private boolean atInput = true;
  /**
   * True while the current tensors are {@code [N, C, H, W]} ({@link ChannelsFirst}): between convolutions
   * over many channels, their activations and poolings. Every other layer gets {@code [N, H, W, C]}, and taps
   * are always NHWC.
   */
  private boolean channelsFirst = false;

  NetworkBuilder(Ops tf, Operand<TFloat32> input, Operand<TBool> training, StepSeed random) {
    this(tf, List.of(input), List.of(), training, random);
  }

  private NetworkBuilder(Ops tf, List<Operand<TFloat32>> inputs, List<Operand<TFloat32>> rowWeights,
      Operand<TBool> training, StepSeed random) {
    this.scopes = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      scopes.add(i == 0 ? tf : tf.withSubScope("tower" + i));
      taps.add(new ArrayList<>());
    }
    this.current = new ArrayList<>(inputs);
    this.rowWeights = List.copyOf(rowWeights);
    this.training = training;
    this.random = random;
  }

  /**
   * A builder of one network per slice of a batch.
   *
   * @param slices consecutive slices of the batch
   * @param rowWeights per slice, {@code [rows]}: 1 for a row of the batch, 0 for a padding row
   */
  static NetworkBuilder towers(Ops tf, List<Operand<TFloat32>> slices, List<Operand<TFloat32>> rowWeights,
      Operand<TBool> training, StepSeed random) {
    if (slices.isEmpty() || slices.size() != rowWeights.size()) {
      throw new IllegalArgumentException("towers need one row-weight vector per slice, got " + slices.size()
          + " slices and " + rowWeights.size() + " weight vectors");
    }
    return new NetworkBuilder(tf, slices, rowWeights, training, random);
  }

  /** Reshapes every input to {@code shape} without a tap: pins the static shape and checks the fed size. */
  NetworkBuilder pin(long... shape) {
    channelsLast();
    blockedCurrent = null;
    for (int i = 0; i < current.size(); i++) {
      Ops tf = scopes.get(i);
      current.set(i, tf.reshape(current.get(i), tf.constant(shape)));
    }
    return this;
  }

  NetworkBuilder conv(int outChannels, int kernel, int stride, int padding) {
    String name = next("conv");
    long seed = random.seed();
    long inChannels = Conv.knownDim(current.get(0), channelsFirst ? 1 : 3, name);
    boolean wide = ChannelsFirst.wanted(inChannels, () -> OneDnn.status().active());
    // A wide stride-1 convolution is faster still as a gather and a product than in NCHW (GatheredConv)
    boolean gathered = wide && GatheredConv.wanted(stride);
    layout(wide && !gathered);
    if (gathered) {
      return weighted(name, (tf, x) -> Conv.conv2dGathered(tf, name, x, outChannels, kernel, padding, seed));
    }
    boolean first = channelsFirst;
    return weighted(name, (tf, x) -> Conv.conv2d(tf, name, x, outChannels, kernel, stride, padding, seed, first));
  }

  /**
   * Convolution (stride 1), batch norm if asked, activation and pooling, tapped as the layers they are
   * ({@code conv1}, {@code bn1}, {@code sigmoid1}, {@code avgpool1}). Computed in the blocked form of
   * {@link BlockedConvStage} where it applies and {@link BlockedConvStage#enabled()} (the same function of the
   * same variables; batch norm works on the blocked rows, {@link TowerBatchNorm#applyToRows}, with one tower
   * too; with max pooling the activation comes after the pooling, which it commutes with),
   * as the layers one after the other otherwise.
   */
  NetworkBuilder convStage(int outChannels, int kernel, int padding, boolean batchNorm, Activation activation,
      Pooling pooling, int window, int stride) {
    channelsLast();
    Operand<TFloat32> first = current.get(0);
    if (!BlockedConvStage.enabled() || first.shape().numDimensions() != 4
        || !BlockedConvStage.applies(first.shape().size(1), first.shape().size(2), kernel, 1, padding, window,
            stride)) {
      conv(outChannels, kernel, 1, padding);
      if (batchNorm) {
        batchNorm();
      }
      return activation(activation).pool(pooling, window, stride);
    }
    String convName = next("conv");
    long seed = random.seed();
    List<BlockedConvStage.Blocked> blocked = new ArrayList<>();
    List<Operand<TFloat32>> rows = new ArrayList<>();
    for (int i = 0; i < current.size(); i++) {
      Ops tf = scopes.get(i);
      Operand<TFloat32> x = current.get(i);
      Conv.Weights weights = Conv.variables(tf, convName, Conv.knownDim(x, 3, convName), outChannels, kernel, seed);
      if (i == 0) {
        kernels.add(weights.kernel());
      }
      BlockedConvStage.Blocked z = BlockedConvStage.convolve(tf.withSubScope(convName), x,
          blockedCurrent == null ? null : blockedCurrent.get(i), weights.kernel(), weights.bias(), padding, !atInput);
      blocked.add(z);
      rows.add(z.rows());
    }
    tapBlocked(convName, blocked, rows);
    if (batchNorm) {
      String name = next("bn");
      // On the [M, 4C] rows themselves, one tower or several: the fused op would need a [4M, C] view, whose
      // 6-wide channels (LeNet) oneDNN handles poorly (bench/PERFORMANCE.md)
      BlockedConvStage.Blocked shape = blocked.get(0);
      TowerBatchNorm.Output out = TowerBatchNorm.applyToRows(scopes, name, rows, shape.groups(),
          shape.outH() * shape.outW(), rows.size() == 1 ? null : rowWeights, training);
      updates.addAll(out.updates());
      for (int i = 0; i < rows.size(); i++) {
        rows.set(i, out.outputs().get(i));
      }
      tapBlocked(name, blocked, rows);
    }
    String activationName = next(activation.label());
    String poolName = next(pooling.label() + "pool");
    // Every activation here is non-decreasing, so it commutes with the maximum: after max pooling it does a
    // quarter of the work, and its tap (every position) runs only when fetched. Before average pooling, on
    // the rows, it fuses with a convolution's MatMul + BiasAdd into one oneDNN kernel.
    boolean activateAfterPooling = pooling == Pooling.MAX;
    List<Operand<TFloat32>> activated = new ArrayList<>();
    List<Operand<TFloat32>> pooledBlocks = new ArrayList<>();
    List<Operand<TFloat32>> pooled = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Ops pool = scopes.get(i).withSubScope(poolName);
      BlockedConvStage.Blocked b = blocked.get(i);
      Operand<TFloat32> a = activation.apply(scopes.get(i).withSubScope(activationName), rows.get(i));
      activated.add(a);
      Operand<TFloat32> p = activateAfterPooling ? activation.apply(pool, b.poolBlocked(pool, rows.get(i), pooling))
          : b.poolBlocked(pool, a, pooling);
      pooledBlocks.add(p);
      pooled.add(b.unblock(pool, p));
    }
    tapBlocked(activationName, blocked, activated);
    tap(poolName, pooled);
    // A 4x4-block stage leaves its output in 2x2 space-to-depth form too, for a next stage to convolve as is
    blockedCurrent = blocked.get(0).poolsToBlocks() ? pooledBlocks : null;
    return this;
  }

  /** Taps blocked rows in the plain layout (ops that run only when a tap is fetched). */
  private void tapBlocked(String name, List<BlockedConvStage.Blocked> blocked, List<Operand<TFloat32>> rows) {
    List<Operand<TFloat32>> plain = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      plain.add(blocked.get(i).plain(scopes.get(i).withSubScope(name), rows.get(i)));
    }
    tap(name, plain);
  }

  NetworkBuilder dense(int units) {
    channelsLast();
    String name = next("dense");
    return weighted(name, (tf, x) -> Dense.dense(tf, name, x, units, random.seed()));
  }

  NetworkBuilder batchNorm() {
    channelsLast();
    String name = next("bn");
    if (current.size() == 1) {
      BatchNorm.Output out = BatchNorm.apply(scopes.get(0), name, current.get(0), training);
      updates.addAll(out.updates());
      return tap(name, List.of(out.output()));
    }
    TowerBatchNorm.Output out = TowerBatchNorm.apply(scopes, name, current, rowWeights, training);
    updates.addAll(out.updates());
    return tap(name, out.outputs());
  }

  NetworkBuilder activation(Activation activation) {
    String name = next(activation.label());
    return each(name, (tf, x) -> activation.apply(tf.withSubScope(name), x));
  }

  NetworkBuilder pool(Pooling pooling, int window, int stride) {
    String name = next(pooling.label() + "pool");
    // NHWC even between NCHW convolutions: oneDNN pools NCHW with a plain loop (52 ms against 2 ms, AlexNet)
    channelsLast();
    return each(name, (tf, x) -> pooling.apply(tf.withSubScope(name), x, window, stride));
  }

  NetworkBuilder localResponseNorm(LocalResponseNorm.Settings settings) {
    channelsLast();
    String name = next("lrn");
    return each(name, (tf, x) -> LocalResponseNorm.apply(tf.withSubScope(name), x, settings));
  }

  /**
   * Dropout with {@code rate}; no layer at all when the rate is 0. Towers draw the whole batch's mask once
   * and each slice takes its rows: the masks one tower would draw.
   */
  NetworkBuilder dropout(float rate) {
    if (rate == 0f) {
      return this;
    }
    channelsLast();
    String name = next("dropout");
    if (current.size() == 1) {
      return each(name, (tf, x) -> Dropout.apply(tf, name, x, rate, training, random));
    }
    return tap(name, Dropout.apply(scopes, name, current, rate, training, random));
  }

  NetworkBuilder flatten() {
    channelsLast();
    String name = next("flatten");
    return each(name, (tf, x) -> Dense.flatten(tf.withSubScope(name), x));
  }

  /** Bilinear resize to {@code size x size} (half-pixel centers), skipped when the input already has it. */
  NetworkBuilder resize(int size) {
    channelsLast();
    Operand<TFloat32> first = current.get(0);
    if (first.shape().size(1) == size && first.shape().size(2) == size) {
      return this;
    }
    String name = next("resize");
    return each(name, (tf, x) -> {
      Ops scope = tf.withSubScope(name);
      return scope.image.resizeBilinear(x, scope.constant(new int[] {size, size}),
          org.tensorflow.op.image.ResizeBilinear.halfPixelCenters(true));
    });
  }

  /** The current output as logits, with everything recorded; the whole batch's network. */
  ModelOutputs outputs() {
    channelsLast();
    if (current.size() != 1) {
      throw new IllegalStateException("a tower builder has one output per slice: call towerOutputs()");
    }
    return towerOutputs().get(0);
  }

  /**
   * One {@link ModelOutputs} per slice: its logits and taps; the training updates and decayed kernels, which
   * belong to the shared variables, are slice 0's only.
   */
  List<ModelOutputs> towerOutputs() {
    channelsLast();
    List<ModelOutputs> out = new ArrayList<>();
    for (int i = 0; i < current.size(); i++) {
      out.add(new ModelOutputs(current.get(i), i == 0 ? List.copyOf(updates) : List.of(),
          List.copyOf(taps.get(i)), i == 0 ? List.copyOf(kernels) : List.of()));
    }
    return out;
  }

  /** A layer with a kernel: the first slice's kernel is the decayed weight (the others share it). */
  private NetworkBuilder weighted(String name, BiFunction<Ops, Operand<TFloat32>, WeightedOutput> layer) {
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    for (int i = 0; i < current.size(); i++) {
      WeightedOutput out = layer.apply(scopes.get(i), current.get(i));
      if (i == 0) {
        kernels.add(out.kernel());
      }
      outputs.add(out.output());
    }
    return tap(name, outputs);
  }

  private NetworkBuilder each(String name, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> layer) {
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    for (int i = 0; i < current.size(); i++) {
      outputs.add(layer.apply(scopes.get(i), current.get(i)));
    }
    return tap(name, outputs);
  }

  private NetworkBuilder tap(String name, List<Operand<TFloat32>> outputs) {
    atInput = false;
    blockedCurrent = null;
    for (int i = 0; i < outputs.size(); i++) {
      Operand<TFloat32> view = channelsFirst
          ? ChannelsFirst.toLast(scopes.get(i).withSubScope(name + "_nhwc"), outputs.get(i)) : outputs.get(i);
      taps.get(i).add(new ModelOutputs.Tap(name, view));
      current.set(i, outputs.get(i));
    }
    return this;
  }

  /** Brings the current tensors to {@code [N, H, W, C]} if they are not. */
  private void channelsLast() {
    layout(false);
  }

  /** Transposes the current tensors to NCHW ({@code first}) or NHWC if they are in the other layout. */
  private void layout(boolean first) {
    if (first == channelsFirst) {
      return;
    }
    blockedCurrent = null;
    for (int i = 0; i < current.size(); i++) {
      Ops tf = scopes.get(i).withSubScope(first ? "to_nchw" : "to_nhwc");
      current.set(i, first ? ChannelsFirst.fromLast(tf, current.get(i)) : ChannelsFirst.toLast(tf, current.get(i)));
    }
    channelsFirst = first;
  }

  private String next(String kind) {
    return kind + counters.merge(kind, 1, Integer::sum);
  }
}
