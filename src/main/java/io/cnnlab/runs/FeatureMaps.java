package io.cnnlab.runs;

import java.util.List;

/**
 * What a trained network computes from a few test images, as the run writes it into {@code features/}
 * ({@link FeatureFiles}) and the report reads it: every spatial layer's output per image, the prediction, the
 * first convolution's kernel, and beside them Prewitt and Sobel edge strengths of the same images.
 *
 * @param classNames the data set's class names in label order
 * @param examples the images in test-set order
 * @param firstKernel the first convolution's kernel, or null when the model has none
 */
public record FeatureMaps(List<String> classNames, List<Example> examples, Kernel firstKernel) {
  /** One layer's output for one image, {@code height x width x channels} row-major HWC. */
  public record Layer(String name, int height, int width, int channels, float[] values) {}

  /**
   * One test image and what came of it.
   *
   * @param testIndex its index in the test set
   * @param pixels the image as fed to the network (HWC, scaled to [0, 1])
   * @param prewitt Prewitt edge strength of its luma, {@code height x width} (max over orientations of |response|)
   * @param sobel Sobel edge strength, likewise
   */
  public record Example(
      int testIndex, int label, int predicted, int height, int width, int channels, float[] pixels,
      List<Layer> layers, float[] prewitt, float[] sobel) {}

  /** A convolution kernel, TensorFlow's {@code [kh, kw, cin, cout]} row-major. */
  public record Kernel(String name, int kh, int kw, int cin, int cout, float[] weights) {}
}
