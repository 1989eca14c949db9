package io.cnnlab.models;

import io.cnnlab.nn.Activation;
import io.cnnlab.nn.LocalResponseNorm;
import io.cnnlab.nn.Pooling;
import java.util.ArrayList;
import java.util.List;

/**
 * A network as a list of layers on {@code [N, height, width, channels]} images: what a {@link Model} describes.
 * It says nothing of towers, chunks or layouts; those belong to a run's execution.
 */
public record Network(int height, int width, int channels, List<Layer> layers) {
  public Network {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException("a network takes images of positive size, got " + height + "x" + width + "x"
          + channels);
    }
    layers = List.copyOf(layers);
  }

  /** A builder of the network on {@code height x width x channels} images. */
  public static Builder input(int height, int width, int channels) {
    return new Builder(height, width, channels);
  }

  /** True when a training step draws random masks (a dropout layer). */
  public boolean drawsMasks() {
    return layers.stream().anyMatch(l -> l instanceof Layer.Dropout);
  }

  /** Adds layers in order; each method is the layer of the same name in {@link Layer}. */
  public static final class Builder {
    private final int height;
    private final int width;
    private final int channels;
    private final List<Layer> layers = new ArrayList<>();

    private Builder(int height, int width, int channels) {
      this.height = height;
      this.width = width;
      this.channels = channels;
    }

    public Builder conv(int filters, int kernel, int stride, int padding) {
      return add(new Layer.Conv(filters, kernel, stride, padding));
    }

    public Builder batchNorm() {
      return add(new Layer.BatchNorm());
    }

    public Builder activate(Activation function) {
      return add(new Layer.Activate(function));
    }

    public Builder pool(Pooling kind, int window, int stride) {
      return add(new Layer.Pool(kind, window, stride));
    }

    public Builder responseNorm(LocalResponseNorm.Settings settings) {
      return add(new Layer.ResponseNorm(settings));
    }

    /** Dropout with {@code rate}; no layer at all when the rate is 0. */
    public Builder dropout(float rate) {
      return rate == 0f ? this : add(new Layer.Dropout(rate));
    }

    public Builder flatten() {
      return add(new Layer.Flatten());
    }

    public Builder dense(int units) {
      return add(new Layer.Dense(units));
    }

    public Builder resize(int size) {
      return add(new Layer.Resize(size));
    }

    public Network build() {
      return new Network(height, width, channels, layers);
    }

    private Builder add(Layer layer) {
      layers.add(layer);
      return this;
    }
  }
}
