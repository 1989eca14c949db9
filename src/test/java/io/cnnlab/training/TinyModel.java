package io.cnnlab.training;

import io.cnnlab.models.Model;
import io.cnnlab.models.Network;
import io.cnnlab.nn.Activation;

/**
 * Test double of a model: 6x6x1 images, a 3x3 convolution with 2 channels, [batch norm,] ReLU, and a dense layer
 * to 3 classes. With batch norm it has a training update (the moving averages) and variables the optimizer must
 * leave alone.
 */
final class TinyModel implements Model {
  static final int SIZE = 6;
  static final int CLASSES = 3;
  private final boolean batchNorm;

  TinyModel(boolean batchNorm) {
    this.batchNorm = batchNorm;
  }

  @Override
  public String name() {
    return batchNorm ? "tiny-bn" : "tiny";
  }

  @Override
  public int classes() {
    return CLASSES;
  }

  @Override
  public Network network() {
    Network.Builder net = Network.input(SIZE, SIZE, 1).conv(2, 3, 1, 0);
    if (batchNorm) {
      net.batchNorm();
    }
    return net.activate(Activation.RELU).flatten().dense(CLASSES).build();
  }

  @Override
  public String toString() {
    return name();
  }
}
