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
public final class LeNet implements Model {
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
  public int classes() {
    return config.classes();
  }

  @Override
  public Network network() {
    LeNetConfig c = config;
    Network.Builder net = Network.input(c.inputSize(), c.inputSize(), c.channels());
    stage(net, c.conv1Channels(), c.firstConvPadding());
    stage(net, c.conv2Channels(), 0);
    net.flatten();
    hidden(net, c.dense1Units());
    hidden(net, c.dense2Units());
    return net.dense(c.classes()).build();
  }

  /** Convolution, [batch norm,] activation, pooling. */
  private void stage(Network.Builder net, int channels, int padding) {
    net.conv(channels, LeNetConfig.KERNEL, 1, padding);
    normalizedActivation(net);
    net.pool(config.pooling(), LeNetConfig.POOL, LeNetConfig.POOL);
  }

  /** Dense, [batch norm,] activation, [dropout]. */
  private void hidden(Network.Builder net, int units) {
    net.dense(units);
    normalizedActivation(net);
    net.dropout(config.dropout());
  }

  private void normalizedActivation(Network.Builder net) {
    if (config.batchNorm()) {
      net.batchNorm();
    }
    net.activate(config.activation());
  }

  @Override
  public String toString() {
    return "LeNet" + config;
  }
}
