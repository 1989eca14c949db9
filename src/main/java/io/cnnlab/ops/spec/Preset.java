package io.cnnlab.ops.spec;

import io.cnnlab.ops.shape.ActivationShape.Spatial;
import io.cnnlab.ops.shape.ActivationShape;
import java.util.Locale;

/** The textbook networks as layer stacks (d2l.ai 2.0, PyTorch/TensorFlow notebooks). */
public enum Preset {
  /**
   * d2l §6.6 LeNet: sigmoid, average pooling, padding 2 on the first convolution, on 28x28x1
   * (Fashion-MNIST). 61,706 parameters.
   */
  LENET(
      "28x28x1",
      "conv:6,k5,p2 sigmoid avgpool:k2,s2 conv:16,k5 sigmoid avgpool:k2,s2 flatten"
          + " fc:120 sigmoid fc:84 sigmoid fc:10"),

  /**
   * d2l §7.1 AlexNet for one input channel and ten classes, on 224x224x1 (resized Fashion-MNIST).
   * 46,764,746 parameters.
   */
  ALEXNET(
      "224x224x1",
      "conv:96,k11,s4,p1 relu maxpool:k3,s2 conv:256,k5,p2 relu maxpool:k3,s2"
          + " conv:384,k3,p1 relu conv:384,k3,p1 relu conv:256,k3,p1 relu maxpool:k3,s2 flatten"
          + " fc:4096 relu dropout:0.5 fc:4096 relu dropout:0.5 fc:10");

  private final String input;
  private final String layers;

  Preset(String input, String layers) {
    this.input = input;
    this.layers = layers;
  }

  /** The preset's own input shape. */
  public Spatial input() {
    return ActivationShape.parseSpatial(input);
  }

  /** The layers in {@link StackSyntax}. */
  public String layers() {
    return layers;
  }

  /** The layers on the preset's own input. */
  public LayerStack stack() {
    return stack(input());
  }

  /** The layers on another input (e.g. three channels). */
  public LayerStack stack(Spatial on) {
    return new LayerStack(on, StackSyntax.parse(layers));
  }

  /**
   * The preset called {@code name} ({@link #token()}, any case).
   *
   * @throws IllegalArgumentException naming the presets there are
   */
  public static Preset parse(String name) {
    for (Preset p : values()) {
      if (p.token().equals(name.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("'" + name + "': expected lenet or alexnet");
  }

  /** {@code lenet} or {@code alexnet}. */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }
}
