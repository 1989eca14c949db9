package io.cnnlab.ops.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cnnlab.ops.shape.Padding;
import io.cnnlab.ops.shape.Window;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A 1x1 convolution four ways, all against the naive loop: TensorFlow conv2d with a 1x1 kernel, TensorFlow
 * matMul on the NHWC input reshaped to (N*H*W) x Ci, the same product in plain Java, and (the reference) the
 * naive NCHW loop.
 */
class Conv1x1Test {
  /** Sums of up to 64 products of values in [-1, 1): float rounding grows with the magnitude. */
  private static final double TOLERANCE = 1e-5;

  @ParameterizedTest(name = "N={0} Ci={1} Co={2} {3}x{4}")
  @CsvSource({"1, 1, 1, 1, 1", "2, 3, 2, 5, 4", "3, 16, 8, 7, 9", "2, 64, 16, 14, 14", "1, 5, 33, 3, 11"})
  void allImplementationsAgree(int n, int ci, int co, int h, int w) {
    Random random = new Random(n * 1000 + ci * 100 + co);
    Nchw x = Nchw.random(random, n, ci, h, w);
    ConvWeights k = ConvWeights.random(random, co, ci, 1, 1);
    Window window = Window.square(1, 1, Padding.valid());
    Nchw naive = NaiveConv2d.apply(x, k, window);

    Nchw java = Conv1x1.apply(x, k);
    assertArrayEquals(naive.shape(), java.shape());
    Close.assertClose(naive.data(), java.data(), TOLERANCE, TOLERANCE, "plain-Java matmul vs naive");

    long[] nhwc = {n, h, w, ci};
    float[] hwio = k.toHwio(); // a 1x1 kernel in HWIO is the Ci x Co matrix
    try (TfGraphFunction conv = new TfGraphFunction(nhwc, (tf, in) -> TfConv.conv2d(
            tf, in, TfConv.constant(tf, hwio, 1, 1, ci, co), TfConv.constant(tf, k.bias(), co), window), 1);
        TfGraphFunction matMul = new TfGraphFunction(nhwc, (tf, in) -> TfConv.conv1x1AsMatMul(
            tf, in, TfConv.constant(tf, hwio, ci, co), TfConv.constant(tf, k.bias(), co)), 1)) {
      float[] input = x.toNhwc();
      TfGraphFunction.Values c = conv.apply(input);
      TfGraphFunction.Values m = matMul.apply(input);
      assertArrayEquals(new long[] {n, h, w, co}, c.shape());
      assertArrayEquals(new long[] {n, h, w, co}, m.shape());
      Close.assertClose(naive.data(), Nchw.fromNhwc(c.values(), n, h, w, co).data(), TOLERANCE, TOLERANCE,
          "TensorFlow conv2d 1x1 vs naive");
      Close.assertClose(naive.data(), Nchw.fromNhwc(m.values(), n, h, w, co).data(), TOLERANCE, TOLERANCE,
          "TensorFlow matMul vs naive");
    }
  }

  @ParameterizedTest
  @CsvSource({"3, 1", "1, 2"})
  void onlyOneByOneKernels(int kh, int kw) {
    Nchw x = Nchw.zeros(1, 2, 4, 4);
    ConvWeights k = ConvWeights.random(new Random(1), 3, 2, kh, kw);
    assertThrows(IllegalArgumentException.class, () -> Conv1x1.apply(x, k));
  }
}
