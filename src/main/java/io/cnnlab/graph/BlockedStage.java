package io.cnnlab.graph;

import io.cnnlab.models.Layer;
import io.cnnlab.nn.Activation;
import io.cnnlab.nn.BlockedConvStage;
import io.cnnlab.nn.Conv;
import io.cnnlab.nn.Pooling;
import io.cnnlab.nn.TowerBatchNorm;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A convolution (stride 1), its optional batch norm, its activation and its 2x2 pooling lowered together in the
 * blocked form of {@link BlockedConvStage}: the same function of the same variables, tapped as the layers they
 * are ({@code conv1}, {@code bn1}, {@code sigmoid1}, {@code avgpool1}) in the plain layout. Batch norm works on the
 * blocked rows ({@link TowerBatchNorm#applyToRows}, one tower too); with max pooling the activation comes after the
 * pooling, which it commutes with (every activation here is non-decreasing).
 */
final class BlockedStage {
  private BlockedStage() {}

  /**
   * Lowers the stage that starts with the convolution at {@code start} of {@code layers}.
   *
   * @return the index of the stage's last layer, its pooling
   * @throws IllegalStateException when the layers from {@code start} are not such a stage
   */
  static int lower(LoweringState s, List<Layer> layers, int start) {
    Layer.Conv conv = (Layer.Conv) layers.get(start);
    int i = start + 1;
    boolean batchNorm = i < layers.size() && layers.get(i) instanceof Layer.BatchNorm;
    i += batchNorm ? 1 : 0;
    if (i + 1 >= layers.size() || !(layers.get(i) instanceof Layer.Activate activate)
        || !(layers.get(i + 1) instanceof Layer.Pool pool)) {
      throw new IllegalStateException("layer " + (start + 1) + " is no convolution, [batch norm,] activation and "
          + "pooling: it cannot be lowered as a blocked stage");
    }
    String convName = s.next("conv");
    long seed = s.random.seed();
    List<BlockedConvStage.Blocked> blocked = new ArrayList<>();
    List<Operand<TFloat32>> rows = new ArrayList<>();
    for (int t = 0; t < s.slices(); t++) {
      Ops tf = s.scopes.get(t);
      Operand<TFloat32> x = s.current(t);
      Conv.Weights weights = Conv.variables(tf, convName, Conv.knownDim(x, 3, convName), conv.filters(),
          conv.kernel(), seed);
      if (t == 0) {
        s.kernels.add(weights.kernel());
      }
      BlockedConvStage.Blocked z = BlockedConvStage.convolve(tf.withSubScope(convName), x, s.blocked(t),
          weights.kernel(), weights.bias(), conv.padding(), !s.atInput());
      blocked.add(z);
      rows.add(z.rows());
    }
    tapPlain(s, convName, blocked, rows);
    if (batchNorm) {
      String name = s.next("bn");
      // On the [M, 4C] rows themselves, one tower or several: the fused op would need a [4M, C] view, whose few
      // channels oneDNN handles poorly
      BlockedConvStage.Blocked shape = blocked.get(0);
      TowerBatchNorm.Output out = TowerBatchNorm.applyToRows(s.scopes, name, rows, shape.groups(),
          shape.outH() * shape.outW(), rows.size() == 1 ? null : s.rowWeights, s.training);
      s.updates.addAll(out.updates());
      rows = out.outputs();
      tapPlain(s, name, blocked, rows);
    }
    activateAndPool(s, blocked, rows, activate.function(), pool.kind());
    return i + 1;
  }

  /**
   * The activation and the pooling. After max pooling the activation does a quarter of the work, and its tap
   * (every position) runs only when fetched; before average pooling, on the rows, it fuses with the convolution's
   * MatMul + BiasAdd into one oneDNN kernel.
   */
  private static void activateAndPool(LoweringState s, List<BlockedConvStage.Blocked> blocked,
      List<Operand<TFloat32>> rows, Activation activation, Pooling pooling) {
    String activationName = s.next(activation.label());
    String poolName = s.next(pooling.label() + "pool");
    boolean activateAfterPooling = pooling == Pooling.MAX;
    List<Operand<TFloat32>> activated = new ArrayList<>();
    List<Operand<TFloat32>> pooledBlocks = new ArrayList<>();
    List<Operand<TFloat32>> pooled = new ArrayList<>();
    for (int t = 0; t < rows.size(); t++) {
      Ops pool = s.scopes.get(t).withSubScope(poolName);
      BlockedConvStage.Blocked b = blocked.get(t);
      Operand<TFloat32> a = activation.apply(s.scopes.get(t).withSubScope(activationName), rows.get(t));
      activated.add(a);
      Operand<TFloat32> p = activateAfterPooling ? activation.apply(pool, b.poolBlocked(pool, rows.get(t), pooling))
          : b.poolBlocked(pool, a, pooling);
      pooledBlocks.add(p);
      pooled.add(b.unblock(pool, p));
    }
    tapPlain(s, activationName, blocked, activated);
    // A 4x4-block stage leaves its output in 2x2 space-to-depth form too, for a next stage to convolve as is
    s.advance(poolName, pooled, pooled, blocked.get(0).poolsToBlocks() ? pooledBlocks : null);
  }

  /** Taps blocked rows in the plain layout (ops that run only when the tap is fetched). */
  private static void tapPlain(LoweringState s, String name, List<BlockedConvStage.Blocked> blocked,
      List<Operand<TFloat32>> rows) {
    List<Operand<TFloat32>> plain = new ArrayList<>();
    for (int t = 0; t < rows.size(); t++) {
      plain.add(blocked.get(t).plain(s.scopes.get(t).withSubScope(name), rows.get(t)));
    }
    s.tap(name, plain);
  }
}
