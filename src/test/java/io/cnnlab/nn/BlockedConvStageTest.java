package io.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The blocked stage against TensorFlow's own Conv2D, activation and pooling ops on the same inputs: the three
 * outputs and the gradients of a weighted sum of the pooled output with respect to input, kernel and bias.
 */
class BlockedConvStageTest {
  private record Case(int n, int side, int in, int kernel, int padding, int out, Activation act, Pooling pool) {}

  @Test
  void computesWhatTheConvolutionActivationAndPoolingCompute() {
    List<Case> cases = List.of(
        new Case(3, 28, 1, 5, 2, 6, Activation.SIGMOID, Pooling.AVG),   // LeNet's first stage
        new Case(3, 14, 6, 5, 0, 16, Activation.SIGMOID, Pooling.AVG),  // LeNet's second stage
        new Case(2, 12, 3, 3, 1, 4, Activation.RELU, Pooling.MAX),
        new Case(2, 10, 2, 5, 0, 3, Activation.TANH, Pooling.MAX),
        new Case(2, 8, 2, 7, 3, 5, Activation.SIGMOID, Pooling.AVG),
        new Case(2, 10, 2, 9, 4, 3, Activation.RELU, Pooling.AVG),     // padding of 2 whole blocks: SAME
        new Case(1, 6, 1, 1, 0, 2, Activation.RELU, Pooling.AVG),
        // padded and output sides multiples of 4: 4x4 blocks where no input gradient is needed
        new Case(2, 12, 3, 5, 2, 4, Activation.RELU, Pooling.MAX),
        new Case(2, 8, 2, 9, 4, 3, Activation.TANH, Pooling.AVG),
        new Case(1, 8, 1, 1, 0, 2, Activation.SIGMOID, Pooling.MAX));
    for (Case c : cases) {
      check(c, true);
      check(c, false);
    }
  }

  /** With {@code inputNeedsGradient} false only the kernel's and the bias's gradients are compared. */
  private static void check(Case c, boolean inputNeedsGradient) {
    int outSide = c.side() + 2 * c.padding() - c.kernel() + 1;
    float[] x = GradientCheck.uniform(c.n() * c.side() * c.side() * c.in(), 11, -1f, 1f);
    float[] w = GradientCheck.uniform(c.kernel() * c.kernel() * c.in() * c.out(), 12, -0.5f, 0.5f);
    float[] b = GradientCheck.uniform(c.out(), 13, -0.2f, 0.2f);
    float[] weights = GradientCheck.uniform(c.n() * (outSide / 2) * (outSide / 2) * c.out(), 14, -1f, 1f);
    try (Graph g = new Graph(); Session s = new Session(g);
        TFloat32 xt = TFloat32.tensorOf(Shape.of(c.n(), c.side(), c.side(), c.in()));
        TFloat32 wt = TFloat32.tensorOf(Shape.of(c.kernel(), c.kernel(), c.in(), c.out()));
        TFloat32 bt = TFloat32.tensorOf(Shape.of(c.out()))) {
      xt.asRawTensor().data().asFloats().write(x);
      wt.asRawTensor().data().asFloats().write(w);
      bt.asRawTensor().data().asFloats().write(b);
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> xp = tf.placeholder(TFloat32.class, Placeholder.shape(xt.shape()));
      Placeholder<TFloat32> wp = tf.placeholder(TFloat32.class, Placeholder.shape(wt.shape()));
      Placeholder<TFloat32> bp = tf.placeholder(TFloat32.class, Placeholder.shape(bt.shape()));
      Operand<TFloat32> padded = c.padding() == 0 ? xp : tf.pad(xp,
          tf.constant(new int[][] {{0, 0}, {c.padding(), c.padding()}, {c.padding(), c.padding()}, {0, 0}}),
          tf.constant(0f));
      Operand<TFloat32> conv = tf.nn.biasAdd(tf.nn.conv2d(padded, wp, List.of(1L, 1L, 1L, 1L), "VALID"), bp);
      Operand<TFloat32> act = c.act().apply(tf, conv);
      Operand<TFloat32> pooled = c.pool().apply(tf, act, 2, 2);
      // The stage as the lowering composes it (average pooling): convolve, activation on the rows, pool.
      Ops scope = tf.withSubScope("blocked");
      BlockedConvStage.Blocked z = BlockedConvStage.convolve(scope, xp, null, wp, bp, c.padding(), inputNeedsGradient);
      boolean wide = !inputNeedsGradient && (c.side() + 2 * c.padding()) % 4 == 0 && outSide % 4 == 0;
      assertEquals(wide ? 4 : 2, z.block(), c + " block");
      Operand<TFloat32> blockedAct = c.act().apply(scope, z.rows());
      Operand<TFloat32> blockedPooled = z.unblock(scope, z.poolBlocked(scope, blockedAct, c.pool()));
      assertArrayEquals(pooled.shape().asArray(), blockedPooled.shape().asArray(), c.toString());

      Operand<TFloat32> r = tf.constant(Shape.of(c.n(), outSide / 2, outSide / 2, c.out()),
          org.tensorflow.ndarray.buffer.DataBuffers.of(weights));
      Output<?>[] xs = inputNeedsGradient ? new Output<?>[] {xp.asOutput(), wp.asOutput(), bp.asOutput()}
          : new Output<?>[] {wp.asOutput(), bp.asOutput()};
      Output<?>[] plainGrads = g.addGradients(tf.reduceSum(tf.math.mul(pooled, r), tf.constant(new int[] {0, 1, 2, 3}))
          .asOutput(), xs);
      Output<?>[] blockedGrads = g.addGradients(tf.reduceSum(tf.math.mul(blockedPooled, r),
          tf.constant(new int[] {0, 1, 2, 3})).asOutput(), xs);

      List<Operand<?>> plain = new ArrayList<>(List.of(conv, act, pooled));
      List<Operand<?>> blocked =
          new ArrayList<>(List.of(z.plain(scope, z.rows()), z.plain(scope, blockedAct), blockedPooled));
      for (int i = 0; i < xs.length; i++) {
        plain.add(plainGrads[i]);
        blocked.add(blockedGrads[i]);
      }
      Session.Runner run = s.runner().feed(xp, xt).feed(wp, wt).feed(bp, bt);
      plain.forEach(run::fetch);
      blocked.forEach(run::fetch);
      String[] names = inputNeedsGradient ? new String[] {"conv", "activation", "pooled", "d input", "d kernel", "d bias"}
          : new String[] {"conv", "activation", "pooled", "d kernel", "d bias"};
      try (Result result = run.run()) {
        for (int i = 0; i < names.length; i++) {
          float[] expected = floats(result.get(i));
          float[] actual = floats(result.get(i + names.length));
          assertEquals(expected.length, actual.length, c + " " + names[i]);
          double scale = 1e-6;
          for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
          }
          for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], actual[j], 1e-5 * scale, c + " " + names[i] + " element " + j + (inputNeedsGradient ? "" : " (patches)"));
          }
        }
      }
    }
  }

  private static float[] floats(Tensor t) {
    float[] a = new float[(int) t.shape().size()];
    ((TFloat32) t).asRawTensor().data().asFloats().read(a);
    return a;
  }

  @Test
  void appliesToStrideOneOddKernelsWithEvenSidesAndTwoByTwoPooling() {
    assertTrue(BlockedConvStage.applies(28, 28, 5, 1, 2, 2, 2));   // LeNet conv1
    assertTrue(BlockedConvStage.applies(14, 14, 5, 1, 0, 2, 2));   // LeNet conv2
    assertFalse(BlockedConvStage.applies(28, 28, 5, 2, 2, 2, 2));  // stride 2
    assertFalse(BlockedConvStage.applies(28, 28, 4, 1, 2, 2, 2));  // even kernel
    assertFalse(BlockedConvStage.applies(28, 28, 5, 1, 2, 3, 2));  // 3x3 pooling
    assertFalse(BlockedConvStage.applies(27, 27, 5, 1, 2, 2, 2));  // odd padded side
    assertFalse(BlockedConvStage.applies(15, 15, 5, 1, 0, 2, 2));  // odd padded side, odd output
    assertFalse(BlockedConvStage.applies(4, 4, 5, 1, 0, 2, 2));    // kernel larger than the input
  }

  @Test
  void refusesAStageItCannotBlock() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 15, 15, 2)));
      Operand<TFloat32> w = tf.constant(new float[5][5][2][3]);
      Operand<TFloat32> b = tf.constant(new float[3]);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> BlockedConvStage.convolve(tf, x, null, w, b, 0, true));
      assertTrue(e.getMessage().contains("15x15x2"), e.getMessage());
    }
  }
}
