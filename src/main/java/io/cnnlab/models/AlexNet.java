package io.cnnlab.models;

import io.cnnlab.nn.Activation;
import io.cnnlab.nn.LocalResponseNorm;
import io.cnnlab.nn.Pooling;

/**
 * AlexNet (Krizhevsky, Sutskever and Hinton 2012) as d2l 2.0 §7.1 builds it for Fashion-MNIST: one input
 * channel, ten classes, a single tower instead of the paper's two GPUs, no LRN unless asked for.
 *
 * <p>Layers: [resize to inputSize] - conv1 11x11/4 pad 1 - relu - [lrn] - maxpool 3/2 - conv2 5x5 pad 2 -
 * relu - [lrn] - maxpool 3/2 - conv3, conv4, conv5 3x3 pad 1 each with relu - maxpool 3/2 - flatten - dense1 -
 * relu - dropout - dense2 - relu - dropout - dense3 (logits). 46,764,746 parameters for the textbook
 * configuration. Kernels Xavier uniform, biases zero. Deviation: NHWC layout (flatten order differs from
 * PyTorch's, count does not).
 */
public final class AlexNet implements Model {
  private final AlexNetConfig config;

  public AlexNet(AlexNetConfig config) {
    this.config = config;
  }

  public AlexNetConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "alexnet";
  }

  @Override
  public int classes() {
    return config.classes();
  }

  @Override
  public Network network() {
    AlexNetConfig c = config;
    Network.Builder net = Network.input(c.imageSize(), c.imageSize(), c.channels());
    if (c.inputSize() != c.imageSize()) {
      net.resize(c.inputSize());
    }
    for (int i = 0; i < AlexNetConfig.CONV_CHANNELS.length; i++) {
      net.conv(c.convChannels(i), AlexNetConfig.CONV_KERNEL[i], AlexNetConfig.CONV_STRIDE[i],
          AlexNetConfig.CONV_PADDING[i]);
      net.activate(Activation.RELU);
      if (c.lrn() && i < 2) {
        net.responseNorm(LocalResponseNorm.Settings.ALEXNET);
      }
      if (AlexNetConfig.poolsAfter(i)) {
        net.pool(Pooling.MAX, AlexNetConfig.POOL_WINDOW, AlexNetConfig.POOL_STRIDE);
      }
    }
    net.flatten();
    for (int i = 0; i < 2; i++) {
      net.dense(c.denseUnits());
      net.activate(Activation.RELU);
      net.dropout(c.dropout());
    }
    return net.dense(c.classes()).build();
  }

  @Override
  public String toString() {
    return "AlexNet" + config;
  }
}
