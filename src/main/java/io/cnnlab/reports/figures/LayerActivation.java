package io.cnnlab.reports.figures;

/**
 * One layer's output for one input image: {@code height x width x channels} values, row-major HWC
 * (TensorFlow's NHWC with the batch dimension removed).
 *
 * @param name layer name as shown in captions, e.g. "conv1" or "sigmoid1"
 */
public record LayerActivation(String name, int height, int width, int channels, float[] values) {
  public LayerActivation {
    if (height < 1 || width < 1 || channels < 1 || (long) height * width * channels != values.length) {
      throw new IllegalArgumentException(
          "layer " + name + ": " + values.length + " values do not make a " + height + "x" + width + "x" + channels + " map");
    }
    values = values.clone();
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  /** From a nested {@code [H][W][C]} array. */
  public static LayerActivation of(String name, float[][][] hwc) {
    int h = hwc.length;
    int w = hwc[0].length;
    int c = hwc[0][0].length;
    float[] flat = new float[h * w * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (hwc[y][x].length != c) {
          throw new IllegalArgumentException("layer " + name + ": ragged array at [" + y + "][" + x + "]");
        }
        System.arraycopy(hwc[y][x], 0, flat, (y * w + x) * c, c);
      }
    }
    return new LayerActivation(name, h, w, c, flat);
  }

  /**
   * Image {@code index} of a batch output of shape {@code [N, H, W, C]}, flat row-major (as a model tap
   * yields it through {@code Tensors.toFloats}).
   *
   * @throws IllegalArgumentException when the shape is not rank 4 (dense layers have no feature maps)
   */
  public static LayerActivation fromBatch(String name, long[] shape, float[] batch, int index) {
    if (shape.length != 4) {
      throw new IllegalArgumentException(
          "layer " + name + " has shape of rank " + shape.length + "; feature maps need [N, H, W, C]");
    }
    int h = Math.toIntExact(shape[1]);
    int w = Math.toIntExact(shape[2]);
    int c = Math.toIntExact(shape[3]);
    int per = h * w * c;
    if (index < 0 || index >= shape[0] || batch.length != shape[0] * per) {
      throw new IllegalArgumentException(
          "layer " + name + ": image " + index + " of " + batch.length + " values with shape " + java.util.Arrays.toString(shape));
    }
    float[] one = new float[per];
    System.arraycopy(batch, index * per, one, 0, per);
    return new LayerActivation(name, h, w, c, one);
  }

  /** Channel {@code c} as a row-major {@code height x width} plane. */
  public float[] channel(int c) {
    float[] plane = new float[height * width];
    for (int i = 0; i < plane.length; i++) {
      plane[i] = values[i * channels + c];
    }
    return plane;
  }

  /** The shape as shown in captions: {@code H×W×C}. */
  public String shapeText() {
    return height + "\u00d7" + width + "\u00d7" + channels;
  }
}
