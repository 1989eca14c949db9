package io.cnnlab.models;

import io.cnnlab.ops.shape.ShapeAlgebra;
import io.cnnlab.ops.spec.LayerCounts;

/**
 * The settings of an {@link AlexNet}: d2l 2.0 §7.1's layer spec (convolutions 96/256/384/384/256 with
 * kernels 11/5/3/3/3, dense 4096/4096, dropout 0.5, input resized to 224) scaled by a width multiplier.
 *
 * @param imageSize side of the square images fed to the model (28 for Fashion-MNIST)
 * @param channels channels of the fed images
 * @param classes outputs of the last dense layer
 * @param inputSize side the images are resized to inside the graph (224 in the textbook)
 * @param width multiplier of every convolution's channels and both hidden dense layers' units (rounded to
 *     the nearest integer, at least 1); 1 is the textbook model
 * @param dropout dropout rate after both hidden dense layers (0.5)
 * @param lrn local response normalization after the first two ReLUs, with the paper's settings
 *     (Krizhevsky et al. 2012: radius 2, bias 2, alpha 1e-4, beta 0.75); d2l leaves it out
 */
public record AlexNetConfig(
    int imageSize, int channels, int classes, int inputSize, double width, float dropout, boolean lrn) {
  /** Channels of the five convolutions at width 1. */
  static final int[] CONV_CHANNELS = {96, 256, 384, 384, 256};
  /** Kernel side, stride and padding of the five convolutions. */
  static final int[] CONV_KERNEL = {11, 5, 3, 3, 3};

  static final int[] CONV_STRIDE = {4, 1, 1, 1, 1};
  static final int[] CONV_PADDING = {1, 2, 1, 1, 1};
  /** Units of the two hidden dense layers at width 1. */
  static final int DENSE_UNITS = 4096;
  /** Max pooling window and stride (overlapping pooling). */
  static final int POOL_WINDOW = 3;

  static final int POOL_STRIDE = 2;
  /** The textbook's resize target. */
  public static final int TEXTBOOK_INPUT_SIZE = 224;
  /**
   * Resize target of parameter-budget variants: half the textbook side, a quarter of its pixels and MACs
   * per channel, so the small models train on a CPU, while every pooling layer still pools (the last
   * feature map is 2x2; 96 leaves 1x1 and 64 or less leaves nothing).
   */
  public static final int BUDGET_INPUT_SIZE = 112;

  public AlexNetConfig {
    if (imageSize < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "AlexNet image size and channels must be >= 1, got " + imageSize + ", " + channels);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("AlexNet needs at least 2 classes, got " + classes);
    }
    if (!(width > 0) || Double.isInfinite(width)) {
      throw new IllegalArgumentException("AlexNet width multiplier must be > 0, got " + width);
    }
    if (!(dropout >= 0f && dropout < 1f)) {
      throw new IllegalArgumentException("AlexNet dropout must be in [0, 1), got " + dropout);
    }
    if (finalSide(inputSize) < 1) {
      throw new IllegalArgumentException(String.format(
          "AlexNet input size %d collapses the feature map to nothing before the flatten (conv 11x11 stride 4"
              + " pad 1, max pool 3/2, conv 5x5 pad 2, max pool 3/2, 3x conv 3x3 pad 1, max pool 3/2): need"
              + " input size >= %d", inputSize, minimumInputSize()));
    }
  }

  /** d2l 2.0 §7.1: 28x28x1 Fashion-MNIST images resized to 224, width 1, dropout 0.5, 10 classes, no LRN. */
  public static AlexNetConfig textbook() {
    return new AlexNetConfig(28, 1, 10, TEXTBOOK_INPUT_SIZE, 1.0, 0.5f, false);
  }

  /**
   * The width whose parameter count is nearest {@code budget}, with everything else as in the textbook and
   * {@code imageSize = inputSize} (use {@link #withImageSize} to feed smaller images and resize in-graph).
   *
   * <p>Rule: one multiplier scales all five convolutions and both hidden dense layers (each rounded to the
   * nearest integer); the input size, kernels and classes stay fixed. The count is non-decreasing in the
   * width, so bisection finds the step where it first reaches the budget; the nearer of the counts on
   * either side of that step wins. The result is as close as the integer widths allow: for budgets of
   * 1/256 of the textbook model or more at input 112, within 1% (one dense unit there is ~0.4% of the count).
   *
   * @throws IllegalArgumentException if even width-1-everywhere exceeds the budget
   */
  public static AlexNetConfig forBudget(long budget, int inputSize, int channels, int classes) {
    return ParameterBudget.widthFor(
        new AlexNetConfig(inputSize, channels, classes, inputSize, 1.0, 0.5f, false), budget);
  }

  /** The smallest input size whose feature map survives the three poolings (65). */
  public static int minimumInputSize() {
    int size = 1;
    while (finalSide(size) < 1) {
      size++;
    }
    return size;
  }

  public AlexNetConfig withImageSize(int size) {
    return new AlexNetConfig(size, channels, classes, inputSize, width, dropout, lrn);
  }

  public AlexNetConfig withChannels(int n) {
    return new AlexNetConfig(imageSize, n, classes, inputSize, width, dropout, lrn);
  }

  public AlexNetConfig withClasses(int n) {
    return new AlexNetConfig(imageSize, channels, n, inputSize, width, dropout, lrn);
  }

  public AlexNetConfig withInputSize(int size) {
    return new AlexNetConfig(imageSize, channels, classes, size, width, dropout, lrn);
  }

  public AlexNetConfig withWidth(double multiplier) {
    return new AlexNetConfig(imageSize, channels, classes, inputSize, multiplier, dropout, lrn);
  }

  public AlexNetConfig withDropout(float rate) {
    return new AlexNetConfig(imageSize, channels, classes, inputSize, width, rate, lrn);
  }

  public AlexNetConfig withLrn(boolean on) {
    return new AlexNetConfig(imageSize, channels, classes, inputSize, width, dropout, on);
  }

  /** Output channels of convolution {@code i} (0-based) at this width. */
  public int convChannels(int i) {
    return scaled(CONV_CHANNELS[i]);
  }

  /** Units of each hidden dense layer at this width. */
  public int denseUnits() {
    return scaled(DENSE_UNITS);
  }

  /** Side of the feature map entering the flatten (5 at 224, 2 at 112). */
  public int finalSide() {
    return finalSide(inputSize);
  }

  /**
   * Trainable parameters (weights and biases) the built model has, computed from the layer spec by
   * {@link LayerCounts} without building a graph (the parameter budget's bisection calls this often).
   */
  public long parameterCount() {
    long total = 0;
    long in = channels;
    for (int i = 0; i < CONV_CHANNELS.length; i++) {
      long out = convChannels(i);
      total += LayerCounts.withBias(LayerCounts.convWeights(CONV_KERNEL[i], CONV_KERNEL[i], in, out), out);
      in = out;
    }
    long features = in * finalSide() * finalSide();
    long units = denseUnits();
    total += LayerCounts.withBias(LayerCounts.denseWeights(features, units), units);
    total += LayerCounts.withBias(LayerCounts.denseWeights(units, units), units);
    total += LayerCounts.withBias(LayerCounts.denseWeights(units, classes), classes);
    return total;
  }

  /** Whether a max pooling follows convolution {@code i} (0-based): after the first, second and fifth. */
  static boolean poolsAfter(int i) {
    return i == 0 || i == 1 || i == 4;
  }

  private int scaled(int base) {
    return (int) Math.max(1, Math.round(base * width));
  }

  private static int finalSide(int inputSize) {
    int side = inputSize;
    for (int i = 0; i < CONV_CHANNELS.length; i++) {
      side = ShapeAlgebra.outputSizeOrZero(side, CONV_KERNEL[i], CONV_STRIDE[i], CONV_PADDING[i]);
      if (poolsAfter(i)) {
        side = ShapeAlgebra.outputSizeOrZero(side, POOL_WINDOW, POOL_STRIDE, 0);
      }
    }
    return side;
  }
}
