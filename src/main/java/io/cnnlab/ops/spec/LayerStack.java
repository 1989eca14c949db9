package io.cnnlab.ops.spec;

import io.cnnlab.ops.shape.ActivationShape;
import io.cnnlab.ops.shape.ActivationShape.Spatial;
import java.util.ArrayList;
import java.util.List;

/** A stack of layers applied to an input feature map of one example. */
public record LayerStack(Spatial input, List<LayerSpec> layers) {
  public LayerStack {
    if (input == null) {
      throw new IllegalArgumentException("a layer stack needs an input shape");
    }
    layers = List.copyOf(layers);
  }

  /** Parses {@code tokens} in the syntax of {@link StackSyntax}. */
  public static LayerStack parse(Spatial input, List<String> tokens) {
    return new LayerStack(input, StackSyntax.parse(tokens));
  }

  /**
   * Applies the layers one after another. A dense layer on a feature map flattens it first; that flatten
   * shows as an implied row.
   *
   * @throws IllegalArgumentException naming the layer (position and token) and its input shape when a layer
   *     does not apply, e.g. a kernel larger than the padded input
   */
  public ShapeReport report() {
    List<LayerRow> rows = new ArrayList<>();
    ActivationShape shape = input;
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec layer = layers.get(i);
      if (layer instanceof LayerSpec.Dense && shape instanceof Spatial) {
        LayerSpec flatten = new LayerSpec.Flatten();
        shape = flatten.outputShape(shape);
        rows.add(new LayerRow(rows.size() + 1, flatten.token(), true, shape, 0, 0));
      }
      try {
        ActivationShape out = layer.outputShape(shape);
        rows.add(new LayerRow(rows.size() + 1, layer.token(), false, out, layer.parameters(shape), layer.macs(shape)));
        shape = out;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "layer " + (i + 1) + " '" + layer.token() + "' on input " + shape + ": " + e.getMessage(), e);
      }
    }
    return new ShapeReport(input, rows);
  }

  /** The stack in command-line syntax, e.g. {@code --input 28x28x1 conv:6,k5,p2 ...}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("--input ").append(input);
    for (LayerSpec layer : layers) {
      sb.append(' ').append(layer.token());
    }
    return sb.toString();
  }
}
