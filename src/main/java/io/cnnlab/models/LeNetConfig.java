package io.cnnlab.models;

import io.cnnlab.nn.Activation;
import io.cnnlab.nn.Pooling;
import io.cnnlab.ops.shape.ShapeAlgebra;
import io.cnnlab.ops.spec.Preset;

/**
 * The settings of a {@link LeNet}: two 5x5 convolutions, each followed by 2x2 stride-2 pooling, then three
 * dense layers. Defaults ({@link #textbook()}) are d2l 2.0 §6.6.
 *
 * @param activation nonlinearity after every convolution and hidden dense layer
 * @param pooling average (textbook) or max
 * @param batchNorm batch norm between every convolution / hidden dense layer and its activation (d2l §7.5)
 * @param dropout dropout rate after the two hidden dense activations; 0 for none
 * @param conv1Channels output channels of the first convolution (6)
 * @param conv2Channels output channels of the second convolution (16)
 * @param dense1Units first hidden dense layer (120)
 * @param dense2Units second hidden dense layer (84)
 * @param firstConvPadding zero padding of the first convolution: 2 keeps 28x28 at 28x28, 0 is LeNet-5's
 *     layout for 32x32 input
 * @param classes outputs of the last dense layer
 * @param inputSize side of the square input images
 * @param channels channels of the input images (1 grayscale, 3 RGB)
 */
public record LeNetConfig(
    Activation activation,
    Pooling pooling,
    boolean batchNorm,
    float dropout,
    int conv1Channels,
    int conv2Channels,
    int dense1Units,
    int dense2Units,
    int firstConvPadding,
    int classes,
    int inputSize,
    int channels) {
  /** Convolution kernel side (5) and pooling window = stride (2), fixed by the architecture. */
  public static final int KERNEL = 5;

  public static final int POOL = 2;

  public LeNetConfig {
    if (activation == null || pooling == null) {
      throw new IllegalArgumentException("LeNet needs an activation and a pooling, got " + activation + ", " + pooling);
    }
    if (!(dropout >= 0f && dropout < 1f)) {
      throw new IllegalArgumentException("LeNet dropout must be in [0, 1), got " + dropout);
    }
    if (conv1Channels < 1 || conv2Channels < 1 || dense1Units < 1 || dense2Units < 1) {
      throw new IllegalArgumentException(String.format(
          "LeNet layer widths must be >= 1, got conv %d/%d, dense %d/%d",
          conv1Channels, conv2Channels, dense1Units, dense2Units));
    }
    if (firstConvPadding < 0) {
      throw new IllegalArgumentException("LeNet first-conv padding must be >= 0, got " + firstConvPadding);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("LeNet needs at least 2 classes, got " + classes);
    }
    if (channels < 1) {
      throw new IllegalArgumentException("LeNet input channels must be >= 1, got " + channels);
    }
    if (finalSide(inputSize, firstConvPadding) < 1) {
      throw new IllegalArgumentException(String.format(
          "LeNet input size %d with first-conv padding %d leaves no feature map after the second pooling "
              + "(conv 5x5, pool 2, conv 5x5, pool 2): need input size >= %d",
          inputSize, firstConvPadding, 16 - 2 * firstConvPadding));
    }
  }

  /**
   * First-convolution padding of the textbook network, as a constant the command line's help can show; a test
   * checks it equals the padding {@link #textbook()} reads from the preset.
   */
  public static final int TEXTBOOK_PADDING = 2;

  /**
   * d2l 2.0 §6.6: sigmoid, average pooling, padding 2, 6/16 channels, 120/84 units, 28x28x1, 10 classes; read
   * from its one description, {@link Preset#LENET}.
   */
  public static LeNetConfig textbook() {
    return TEXTBOOK;
  }

  private static final LeNetConfig TEXTBOOK = LeNetLayout.read(Preset.LENET.stack());

  /**
   * d2l 2.0 §7.5 ("LeNet with batch normalization"): the textbook network with batch norm before every
   * hidden activation and no first-conv padding (flatten 16x4x4 = 256 on 28x28 input).
   */
  public static LeNetConfig batchNormVariant() {
    return textbook().withBatchNorm(true).withFirstConvPadding(0);
  }

  /** The textbook network with ReLU and max pooling (the choices d2l §6.6 asks about in its exercises). */
  public static LeNetConfig reluMaxVariant() {
    return textbook().withActivation(Activation.RELU).withPooling(Pooling.MAX);
  }

  /**
   * The textbook layers on CIFAR-100 images: 32x32x3 input, first-conv padding 0 (LeNet-5's original 32x32
   * layout, flatten 16x5x5 = 400), and {@code classes} = 20 (coarse labels) or 100 (fine labels).
   */
  public static LeNetConfig cifar100(int classes) {
    if (classes != 20 && classes != 100) {
      throw new IllegalArgumentException("CIFAR-100 has 20 coarse or 100 fine classes, got " + classes);
    }
    return textbook().withInput(32, 3).withFirstConvPadding(0).withClasses(classes);
  }

  public LeNetConfig withActivation(Activation a) {
    return new LeNetConfig(a, pooling, batchNorm, dropout, conv1Channels, conv2Channels, dense1Units,
        dense2Units, firstConvPadding, classes, inputSize, channels);
  }

  public LeNetConfig withPooling(Pooling p) {
    return new LeNetConfig(activation, p, batchNorm, dropout, conv1Channels, conv2Channels, dense1Units,
        dense2Units, firstConvPadding, classes, inputSize, channels);
  }

  public LeNetConfig withBatchNorm(boolean on) {
    return new LeNetConfig(activation, pooling, on, dropout, conv1Channels, conv2Channels, dense1Units,
        dense2Units, firstConvPadding, classes, inputSize, channels);
  }

  public LeNetConfig withDropout(float rate) {
    return new LeNetConfig(activation, pooling, batchNorm, rate, conv1Channels, conv2Channels, dense1Units,
        dense2Units, firstConvPadding, classes, inputSize, channels);
  }

  public LeNetConfig withFirstConvPadding(int padding) {
    return new LeNetConfig(activation, pooling, batchNorm, dropout, conv1Channels, conv2Channels, dense1Units,
        dense2Units, padding, classes, inputSize, channels);
  }

  public LeNetConfig withClasses(int n) {
    return new LeNetConfig(activation, pooling, batchNorm, dropout, conv1Channels, conv2Channels, dense1Units,
        dense2Units, firstConvPadding, n, inputSize, channels);
  }

  /** Square {@code size x size} input with {@code imageChannels} channels. */
  public LeNetConfig withInput(int size, int imageChannels) {
    return new LeNetConfig(activation, pooling, batchNorm, dropout, conv1Channels, conv2Channels, dense1Units,
        dense2Units, firstConvPadding, classes, size, imageChannels);
  }

  /** Side of the feature map entering the flatten (5 for the textbook, 4 for the batch-norm variant). */
  public int finalSide() {
    return finalSide(inputSize, firstConvPadding);
  }

  private static int finalSide(int inputSize, int padding) {
    int side = ShapeAlgebra.outputSizeOrZero(inputSize, KERNEL, 1, padding);
    side = ShapeAlgebra.outputSizeOrZero(side, POOL, POOL, 0);
    side = ShapeAlgebra.outputSizeOrZero(side, KERNEL, 1, 0);
    return ShapeAlgebra.outputSizeOrZero(side, POOL, POOL, 0);
  }
}
