package io.cnnlab.ops.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.ops.shape.Padding;
import io.cnnlab.ops.shape.Window;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plain-Java convolutions against hand computations (d2l §7.2-7.4) and each other. */
class ReferenceConvolutionTest {

  @Test
  void singleChannelCrossCorrelationFromTheTextbook() {
    // d2l §7.2.1: X = [[0,1,2],[3,4,5],[6,7,8]], K = [[0,1],[2,3]] -> [[19,25],[37,43]].
    Nchw x = new Nchw(1, 1, 3, 3, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8});
    ConvWeights k = new ConvWeights(1, 1, 2, 2, new float[] {0, 1, 2, 3}, null);
    float[] expected = {19, 25, 37, 43};
    assertArrayEquals(expected, NaiveConv2d.apply(x, k, k.window(1, Padding.valid())).data());
    assertArrayEquals(expected, Im2colConv2d.apply(x, k, k.window(1, Padding.valid())).data());
  }

  @Test
  void multipleInputChannelsAreSummedFromTheTextbook() {
    // d2l §7.4.1: two input channels -> [[56,72],[104,120]].
    Nchw x = new Nchw(1, 2, 3, 3, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    ConvWeights k = new ConvWeights(1, 2, 2, 2, new float[] {0, 1, 2, 3, 1, 2, 3, 4}, null);
    float[] expected = {56, 72, 104, 120};
    assertArrayEquals(expected, NaiveConv2d.apply(x, k, k.window(1, Padding.valid())).data());
    assertArrayEquals(expected, Im2colConv2d.apply(x, k, k.window(1, Padding.valid())).data());
  }

  @Test
  void asymmetricPaddingStrideAndBiasByHand() {
    // 2x3 input [[1,2,3],[4,5,6]], 2x2 kernel of ones, bias 10, padding top 1 bottom 0 left 0 right 1, stride 2:
    // padded rows: [0,0,0,0], [1,2,3,0], [4,5,6,0]; windows at (0,0): 0+0+1+2=3, (0,2): 0+0+3+0=3;
    // padded height 3, kernel 2, stride 2 -> 1 row; width 4 -> 2 columns.
    Nchw x = new Nchw(1, 1, 2, 3, new float[] {1, 2, 3, 4, 5, 6});
    ConvWeights k = new ConvWeights(1, 1, 2, 2, new float[] {1, 1, 1, 1}, new float[] {10});
    Window w = new Window(2, 2, 2, 2, 1, 1, Padding.of(1, 0, 0, 1));
    Nchw naive = NaiveConv2d.apply(x, k, w);
    assertEquals(1, naive.height());
    assertEquals(2, naive.width());
    assertArrayEquals(new float[] {13, 13}, naive.data());
    assertArrayEquals(new float[] {13, 13}, Im2colConv2d.apply(x, k, w).data());
  }

  @Test
  void dilationSkipsInputPositions() {
    // 1x5 input [1,2,3,4,5], kernel [1,10] with dilation 2 reads x[i] + 10*x[i+2]: 31, 42, 53.
    Nchw x = new Nchw(1, 1, 1, 5, new float[] {1, 2, 3, 4, 5});
    ConvWeights k = new ConvWeights(1, 1, 1, 2, new float[] {1, 10}, null);
    Window w = k.window(1, Padding.valid()).withDilation(1, 2);
    assertArrayEquals(new float[] {31, 42, 53}, NaiveConv2d.apply(x, k, w).data());
    assertArrayEquals(new float[] {31, 42, 53}, Im2colConv2d.apply(x, k, w).data());
  }

  @Test
  void batchAndOutputChannelsAreIndependent() {
    Random random = new Random(3);
    Nchw x = Nchw.random(random, 3, 2, 6, 5);
    ConvWeights k = ConvWeights.random(random, 4, 2, 3, 3);
    Window w = k.window(1, Padding.symmetric(1));
    Nchw all = NaiveConv2d.apply(x, k, w);
    for (int n = 0; n < 3; n++) {
      float[] one = java.util.Arrays.copyOfRange(x.data(), n * 60, (n + 1) * 60);
      Nchw single = NaiveConv2d.apply(new Nchw(1, 2, 6, 5, one), k, w);
      assertArrayEquals(single.data(), java.util.Arrays.copyOfRange(all.data(), n * 120, (n + 1) * 120));
    }
  }

  @Test
  void im2colEqualsTheNaiveLoopOnRandomConfigurations() {
    Random random = new Random(11);
    Padding[] paddings = {Padding.valid(), Padding.same(), Padding.symmetric(1), Padding.of(0, 2, 1, 0)};
    for (int trial = 0; trial < 60; trial++) {
      int kh = 1 + random.nextInt(4);
      int kw = 1 + random.nextInt(4);
      Window w = new Window(kh, kw, 1 + random.nextInt(3), 1 + random.nextInt(3), 1 + random.nextInt(2),
          1 + random.nextInt(2), paddings[random.nextInt(paddings.length)]);
      Nchw x = Nchw.random(random, 1 + random.nextInt(2), 1 + random.nextInt(4), 7 + random.nextInt(6), 7 + random.nextInt(6));
      ConvWeights k = ConvWeights.random(random, 1 + random.nextInt(4), x.channels(), kh, kw);
      Nchw naive = NaiveConv2d.apply(x, k, w);
      Nchw im2col = Im2colConv2d.apply(x, k, w);
      assertArrayEquals(naive.shape(), im2col.shape(), w.toString());
      Close.assertClose(naive.data(), im2col.data(), 1e-5, 1e-5, w.toString());
    }
  }

  @Test
  void layoutsRoundTrip() {
    Random random = new Random(5);
    Nchw x = Nchw.random(random, 2, 3, 4, 5);
    float[] nhwc = x.toNhwc();
    // element (n=1, c=2, h=3, w=4) sits at ((1*4 + 3)*5 + 4)*3 + 2 in NHWC
    assertEquals(x.get(1, 2, 3, 4), nhwc[((1 * 4 + 3) * 5 + 4) * 3 + 2]);
    assertArrayEquals(x.data(), Nchw.fromNhwc(nhwc, 2, 4, 5, 3).data());
    ConvWeights k = ConvWeights.random(random, 4, 3, 2, 5);
    float[] hwio = k.toHwio();
    // weight (o=3, i=1, u=1, v=2) sits at ((1*5 + 2)*3 + 1)*4 + 3 in HWIO
    assertEquals(k.weights()[k.index(3, 1, 1, 2)], hwio[((1 * 5 + 2) * 3 + 1) * 4 + 3]);
  }

  @Test
  void mismatchesAreRejectedWithBothValues() {
    Nchw x = Nchw.zeros(1, 3, 5, 5);
    ConvWeights k = ConvWeights.random(new Random(1), 2, 4, 3, 3);
    IllegalArgumentException channels = assertThrows(
        IllegalArgumentException.class, () -> NaiveConv2d.apply(x, k, k.window(1, Padding.valid())));
    assertTrue(channels.getMessage().contains("3 channels, the kernel expects 4"), channels.getMessage());
    ConvWeights k3 = ConvWeights.random(new Random(1), 2, 3, 3, 3);
    IllegalArgumentException window = assertThrows(
        IllegalArgumentException.class, () -> Im2colConv2d.apply(x, k3, Window.square(5, 1, Padding.valid())));
    assertTrue(window.getMessage().contains("window kernel 5x5 does not match the weights' 3x3"), window.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Nchw(1, 1, 2, 2, new float[3]));
  }
}
