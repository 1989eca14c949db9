package io.cnnlab.models;


/**
 * LeNet (LeCun et al. 1998) as d2l 2.0 §6.6 builds it, with the variants of {@link LeNetConfig}.
 *
 * <p>Layers: conv1 5x5 (padding {@code firstConvPadding}) - [bn] - activation - pool 2/2 - conv2 5x5 - [bn] -
 * activation - pool 2/2 - flatten - dense1 - [bn] - activation - [dropout] - dense2 - [bn] - activation -
 * [dropout] - dense3 (logits). Kernels are Xavier uniform (the textbook's {@code init_cnn}), biases zero.
 * Deviations from d2l: NHWC layout, so the flattened features are ordered (row, column, channel) instead of
 * (channel, row, column) (same count, different order); batch-norm moving variance uses the biased batch
 * variance as d2l's from-scratch version does.
 */
public final class LeNet extends LayeredModel {
  private final LeNetConfig config;

  public LeNet(LeNetConfig config) {
    this.config = config;
  }

  public LeNetConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "lenet";
  }

  @Override
  public int inputHeight() {
    return config.inputSize();
  }

  @Override
  public int inputWidth() {
    return config.inputSize();
  }

  @Override
  public int inputChannels() {
    return config.channels();
  }

  @Override
  public int classes() {
    return config.classes();
  }

  /** Without batch norm and dropout every example is computed on its own. */
  @Override
  public boolean batchIndependent() {
    return !config.batchNorm() && config.dropout() == 0f;
  }

  @Override
  public boolean drawsMasks() {
    return config.dropout() > 0f;
  }

  @Override
  NetworkBuilder layers(NetworkBuilder net) {
    LeNetConfig c = config;
    // The reshape pins the static shape (layers need known channel counts) and checks the fed size.
    net.pin(-1, c.inputSize(), c.inputSize(), c.channels());
    convStage(net, c.conv1Channels(), c.firstConvPadding());
    convStage(net, c.conv2Channels(), 0);
    net.flatten();
    net.dense(c.dense1Units());
    hidden(net);
    net.dropout(c.dropout());
    net.dense(c.dense2Units());
    hidden(net);
    net.dropout(c.dropout());
    net.dense(c.classes());
    return net;
  }

  /** Convolution, [bn,] activation, pooling: one stage (blocked where it applies). */
  private void convStage(NetworkBuilder net, int channels, int padding) {
    net.convStage(channels, LeNetConfig.KERNEL, padding, config.batchNorm(), config.activation(), config.pooling(),
        LeNetConfig.POOL, LeNetConfig.POOL);
  }

  private void hidden(NetworkBuilder net) {
    if (config.batchNorm()) {
      net.batchNorm();
    }
    net.activation(config.activation());
  }

  @Override
  public String toString() {
    return "LeNet" + config;
  }
}
