package io.cnnlab.models;

import io.cnnlab.nn.Activation;
import io.cnnlab.nn.LocalResponseNorm;
import io.cnnlab.nn.Pooling;

/**
 * One layer of a {@link Network}, as a model describes it: what it computes, not which ops compute it. The
 * lowering step ({@code io.cnnlab.graph.Lowering}) turns layers into a graph in the form a run's execution
 * chose; every form computes the same function of the same variables.
 */
public sealed interface Layer {
  /**
   * A convolution with bias: {@code filters} outputs, a {@code kernel x kernel} window moved by {@code stride},
   * {@code padding} zeros added on every side (PyTorch's {@code nn.Conv2d(padding=p)}).
   */
  record Conv(int filters, int kernel, int stride, int padding) implements Layer {
    public Conv {
      if (filters < 1 || kernel < 1 || stride < 1 || padding < 0) {
        throw new IllegalArgumentException(String.format(
            "convolution: need filters, kernel, stride >= 1 and padding >= 0, got %d, %d, %d, %d",
            filters, kernel, stride, padding));
      }
    }
  }

  /** Batch normalization of each channel: batch statistics in training, moving averages in evaluation. */
  record BatchNorm() implements Layer {}

  /** An element-wise nonlinearity. */
  record Activate(Activation function) implements Layer {
    public Activate {
      if (function == null) {
        throw new IllegalArgumentException("an activation layer needs a function");
      }
    }
  }

  /** Max or average pooling over {@code window x window} windows moved by {@code stride}, no padding. */
  record Pool(Pooling kind, int window, int stride) implements Layer {
    public Pool {
      if (kind == null || window < 1 || stride < 1) {
        throw new IllegalArgumentException("pooling needs a kind, window >= 1 and stride >= 1, got " + kind + ", "
            + window + ", " + stride);
      }
    }
  }

  /** Local response normalization across channels. */
  record ResponseNorm(LocalResponseNorm.Settings settings) implements Layer {}

  /** Inverted dropout with drop probability {@code rate} in {@code (0, 1)}, active in training steps only. */
  record Dropout(float rate) implements Layer {
    public Dropout {
      if (!(rate > 0f && rate < 1f)) {
        throw new IllegalArgumentException("a dropout layer's rate must be in (0, 1), got " + rate);
      }
    }
  }

  /** {@code [N, H, W, C]} to {@code [N, H*W*C]}. */
  record Flatten() implements Layer {}

  /** A fully connected layer with bias. */
  record Dense(int units) implements Layer {
    public Dense {
      if (units < 1) {
        throw new IllegalArgumentException("a dense layer needs units >= 1, got " + units);
      }
    }
  }

  /** Bilinear resize to {@code size x size} (half-pixel centers). */
  record Resize(int size) implements Layer {
    public Resize {
      if (size < 1) {
        throw new IllegalArgumentException("resize needs a size >= 1, got " + size);
      }
    }
  }
}
