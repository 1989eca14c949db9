package io.cnnlab.graph;

/**
 * The form one convolution layer runs in, and why.
 *
 * @param layer the layer's name, {@code conv1} for the first convolution
 * @param form the ops it runs as
 * @param chunks batch chunks per tower ({@link ConvForm#chunked()} forms; 1 otherwise)
 * @param why the rule of {@link ExecutionRules} that chose it, for manifests and headers
 */
public record StageForm(String layer, ConvForm form, int chunks, String why) {
  public StageForm {
    if (chunks < 1) {
      throw new IllegalArgumentException(layer + ": chunks must be >= 1, got " + chunks);
    }
  }
}
