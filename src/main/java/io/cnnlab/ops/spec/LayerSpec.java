package io.cnnlab.ops.spec;

import io.cnnlab.ops.shape.ActivationShape;
import io.cnnlab.ops.shape.ActivationShape.Flat;
import io.cnnlab.ops.shape.ActivationShape.Spatial;
import io.cnnlab.ops.shape.Window;
import io.cnnlab.ops.shape.WindowGeometry;
import java.util.Locale;

/**
 * One layer of a network described by its shape: what it does to an example's activation shape, how many
 * parameters it has and how many multiply-accumulates (MACs) it costs per example.
 *
 * <p>Convolutions here have one group and a bias per filter. Pooling, activations, dropout and flattening
 * have no parameters and count no MACs. The counting convention is {@link LayerCounts}'s.
 */
public sealed interface LayerSpec {

  /** Output shape for one example of shape {@code in}; throws IllegalArgumentException if it does not apply. */
  ActivationShape outputShape(ActivationShape in);

  /** Trainable parameters (weights and biases) when applied to {@code in}; none for layers without weights. */
  default long parameters(ActivationShape in) {
    return 0;
  }

  /** Multiply-accumulates per example when applied to {@code in}; none for layers without weights. */
  default long macs(ActivationShape in) {
    return 0;
  }

  /** The layer in the command-line syntax of {@link StackSyntax}, e.g. {@code conv:6,k5,p2}. */
  default String token() {
    return StackSyntax.format(this);
  }

  /** Convolution with {@code filters} output channels, bias included: {@code kh*kw*cin*cout + cout} parameters. */
  record Conv(int filters, Window window) implements LayerSpec {
    public Conv {
      if (filters < 1) {
        throw new IllegalArgumentException("conv filters must be >= 1, got " + filters);
      }
      if (window == null) {
        throw new IllegalArgumentException("conv needs a window");
      }
    }

    @Override
    public Spatial outputShape(ActivationShape in) {
      Spatial s = spatial(in, "conv");
      WindowGeometry g = window.over(s.height(), s.width());
      return new Spatial(g.outHeight(), g.outWidth(), filters);
    }

    @Override
    public long parameters(ActivationShape in) {
      return LayerCounts.withBias(weights(in), filters);
    }

    @Override
    public long macs(ActivationShape in) {
      Spatial out = outputShape(in);
      return LayerCounts.macs(weights(in), (long) out.height() * out.width());
    }

    private long weights(ActivationShape in) {
      return LayerCounts.convWeights(
          window.kernelHeight(), window.kernelWidth(), spatial(in, "conv").channels(), filters);
    }
  }

  /** Max or average pooling, channel by channel. */
  record Pool(PoolKind kind, Window window) implements LayerSpec {
    public Pool {
      if (kind == null || window == null) {
        throw new IllegalArgumentException("pooling needs a kind and a window");
      }
    }

    @Override
    public Spatial outputShape(ActivationShape in) {
      Spatial s = spatial(in, kind.token());
      WindowGeometry g = window.over(s.height(), s.width());
      return new Spatial(g.outHeight(), g.outWidth(), s.channels());
    }
  }

  /** The two pooling functions. */
  enum PoolKind {
    MAX,
    AVG;

    /** {@code maxpool} or {@code avgpool}. */
    public String token() {
      return name().toLowerCase(Locale.ROOT) + "pool";
    }
  }

  /** Fully connected layer with bias: {@code in*units + units} parameters, {@code in*units} MACs. */
  record Dense(int units) implements LayerSpec {
    public Dense {
      if (units < 1) {
        throw new IllegalArgumentException("fc units must be >= 1, got " + units);
      }
    }

    @Override
    public Flat outputShape(ActivationShape in) {
      return new Flat(units);
    }

    @Override
    public long parameters(ActivationShape in) {
      return LayerCounts.withBias(LayerCounts.denseWeights(in.size(), units), units);
    }

    @Override
    public long macs(ActivationShape in) {
      return LayerCounts.macs(LayerCounts.denseWeights(in.size(), units), 1);
    }
  }

  /** Reshapes a feature map to a vector of {@code H*W*C} values. */
  record Flatten() implements LayerSpec {
    @Override
    public Flat outputShape(ActivationShape in) {
      return new Flat(in.size());
    }
  }

  /** An element-wise activation function; shape unchanged. */
  record Activation(ActivationFunction function) implements LayerSpec {
    public Activation {
      if (function == null) {
        throw new IllegalArgumentException("activation needs a function");
      }
    }

    @Override
    public ActivationShape outputShape(ActivationShape in) {
      return in;
    }
  }

  /** The element-wise activation functions the syntax knows. */
  enum ActivationFunction {
    RELU,
    SIGMOID,
    TANH;

    /** {@code relu}, {@code sigmoid} or {@code tanh}. */
    public String token() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Dropout with drop probability {@code rate}; shape unchanged. */
  record Dropout(double rate) implements LayerSpec {
    public Dropout {
      if (!(rate >= 0 && rate < 1)) {
        throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
      }
    }

    @Override
    public ActivationShape outputShape(ActivationShape in) {
      return in;
    }
  }

  private static Spatial spatial(ActivationShape in, String layer) {
    if (in instanceof Spatial s) {
      return s;
    }
    throw new IllegalArgumentException(
        layer + " needs a HxWxC feature map, got a flat vector of " + in.size()
            + " values (convolution and pooling must come before flatten/fc)");
  }
}
