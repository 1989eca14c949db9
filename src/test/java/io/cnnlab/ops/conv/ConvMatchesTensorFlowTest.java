package io.cnnlab.ops.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.cnnlab.ops.shape.AxisPadding;
import io.cnnlab.ops.shape.Padding;
import io.cnnlab.ops.shape.ShapeAlgebra;
import io.cnnlab.ops.shape.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The naive and im2col convolutions against TensorFlow's {@code conv2d} (NHWC, data transposed), and
 * their output shapes against the shape algebra: a seeded random sample of configurations, edge cases and
 * the seed's 2x3x360x480 case.
 */
class ConvMatchesTensorFlowTest {
  private static final double TOLERANCE = 1e-4;

  /** One configuration: batch, channels, input size, kernel and window. */
  record Case(int n, int ci, int co, int h, int w, Window window) {
    @Override
    public String toString() {
      return n + "x" + ci + "x" + h + "x" + w + " -> " + co + ", " + window;
    }
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // The seed's case: N=2, Ci=3, Co=4, 360x480, 3x3 kernel, padding 1, stride 1.
    cases.add(new Case(2, 3, 4, 360, 480, Window.square(3, 1, Padding.symmetric(1))));
    // Edge cases: 1x1 kernel, stride larger than the kernel, no padding, non-square input and kernel,
    // SAME with stride, asymmetric padding, dilation, kernel as large as the input.
    cases.add(new Case(2, 5, 3, 9, 7, Window.square(1, 1, Padding.valid())));
    cases.add(new Case(1, 2, 2, 11, 13, Window.square(2, 3, Padding.valid())));
    cases.add(new Case(3, 3, 2, 10, 10, Window.square(3, 1, Padding.symmetric(0))));
    cases.add(new Case(1, 2, 3, 6, 15, new Window(2, 5, 1, 2, 1, 1, Padding.symmetric(1))));
    cases.add(new Case(2, 2, 2, 7, 8, new Window(4, 3, 2, 3, 1, 1, Padding.same())));
    cases.add(new Case(1, 3, 2, 8, 9, new Window(3, 2, 1, 1, 1, 1, Padding.of(0, 2, 1, 0))));
    cases.add(new Case(1, 2, 2, 12, 10, new Window(3, 3, 1, 2, 2, 3, Padding.symmetric(2))));
    cases.add(new Case(2, 1, 1, 5, 5, Window.square(5, 1, Padding.valid())));
    Random random = new Random(20240531);
    while (cases.size() < 9 + 30) {
      Case c = randomCase(random);
      if (fits(c)) {
        cases.add(c);
      }
    }
    return cases.stream();
  }

  private static Case randomCase(Random random) {
    int kh = 1 + random.nextInt(5);
    int kw = random.nextInt(3) == 0 ? 1 + random.nextInt(5) : kh;
    int sh = 1 + random.nextInt(3);
    int sw = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : sh;
    int d = random.nextInt(5) == 0 ? 2 : 1;
    Padding padding = switch (random.nextInt(4)) {
      case 0 -> Padding.valid();
      case 1 -> Padding.same();
      case 2 -> Padding.symmetric(random.nextInt(3));
      default -> Padding.of(random.nextInt(3), random.nextInt(3), random.nextInt(3), random.nextInt(3));
    };
    return new Case(1 + random.nextInt(3), 1 + random.nextInt(5), 1 + random.nextInt(5), 1 + random.nextInt(20),
        1 + random.nextInt(20), new Window(kh, kw, sh, sw, d, d, padding));
  }

  private static boolean fits(Case c) {
    try {
      c.window().over(c.h(), c.w());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void naiveAndIm2colMatchTensorFlowAndTheShapeAlgebra(Case c) {
    Random random = new Random(c.hashCode());
    Window window = c.window();
    Nchw x = Nchw.random(random, c.n(), c.ci(), c.h(), c.w());
    ConvWeights k = ConvWeights.random(random, c.co(), c.ci(), window.kernelHeight(), window.kernelWidth());

    TfGraphFunction.Values tf = tensorFlow(x, k, window);
    long[] predicted = {c.n(), expectedSize(c.h(), window, true), expectedSize(c.w(), window, false), c.co()};
    assertArrayEquals(predicted, tf.shape(), "TensorFlow's NHWC output shape vs the shape algebra");
    Nchw expected = Nchw.fromNhwc(tf.values(), c.n(), (int) predicted[1], (int) predicted[2], c.co());

    Nchw naive = NaiveConv2d.apply(x, k, window);
    Nchw im2col = Im2colConv2d.apply(x, k, window);
    assertArrayEquals(expected.shape(), naive.shape(), "naive shape");
    assertArrayEquals(expected.shape(), im2col.shape(), "im2col shape");
    Close.assertClose(expected.data(), naive.data(), TOLERANCE, TOLERANCE, "naive vs TensorFlow");
    Close.assertClose(expected.data(), im2col.data(), TOLERANCE, TOLERANCE, "im2col vs TensorFlow");
  }

  /** Output size from the algebra's formulas directly (not through Window.over, which the convolutions use). */
  private static long expectedSize(int in, Window w, boolean height) {
    int k = height ? w.kernelHeight() : w.kernelWidth();
    int s = height ? w.strideHeight() : w.strideWidth();
    int d = height ? w.dilationHeight() : w.dilationWidth();
    Padding p = w.padding();
    if (p instanceof Padding.Same) {
      return ShapeAlgebra.sameOutputSize(in, s);
    }
    AxisPadding a = p instanceof Padding.Explicit e ? (height ? e.height() : e.width()) : AxisPadding.NONE;
    return ShapeAlgebra.outputSize(in, k, s, a.before(), a.after(), d);
  }

  private static TfGraphFunction.Values tensorFlow(Nchw x, ConvWeights k, Window window) {
    long[] nhwcShape = {x.batch(), x.height(), x.width(), x.channels()};
    try (TfGraphFunction conv = new TfGraphFunction(
        nhwcShape,
        (tf, in) -> TfConv.conv2d(
            tf,
            in,
            TfConv.constant(tf, k.toHwio(), k.kernelHeight(), k.kernelWidth(), k.inChannels(), k.outChannels()),
            TfConv.constant(tf, k.bias(), k.outChannels()),
            window),
        1)) {
      return conv.apply(x.toNhwc());
    }
  }
}
