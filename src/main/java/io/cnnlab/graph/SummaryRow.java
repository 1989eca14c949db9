package io.cnnlab.graph;

/**
 * One layer of a {@link Summary}: what TensorFlow built. (A layer of the hand formulas is
 * {@link io.cnnlab.ops.spec.LayerRow}, a row of a shape report.)
 *
 * @param name the layer's tap name ({@code conv1}, {@code sigmoid1}...)
 * @param outputShape output shape of one example (the batch dimension left out), e.g. {@code [28, 28, 6]}
 * @param parameters trainable values of the layer's variables (kernel, bias, batch-norm scale and offset)
 * @param state non-trainable values (batch-norm moving averages)
 * @param macs multiply-accumulates per example: kernel size times output positions for convolutions and
 *     dense layers, 0 for the others
 */
public record SummaryRow(String name, long[] outputShape, long parameters, long state, long macs) {
  /** The output shape as {@code 28x28x6}. */
  public String shapeText() {
    StringBuilder sb = new StringBuilder();
    for (long d : outputShape) {
      if (sb.length() > 0) {
        sb.append('x');
      }
      sb.append(d < 0 ? "?" : Long.toString(d));
    }
    return sb.toString();
  }
}
