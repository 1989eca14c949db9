package io.cnnlab.data;

import java.util.Arrays;
import java.util.List;

/**
 * A labelled image data set held in memory as compact unsigned bytes: 60,000 MNIST images take 47 MB, not the
 * 188 MB of floats or the gigabytes of boxed values. Pixels are NHWC (sample, row, column, channel) and
 * immutable by convention: the arrays are shared with loaders, never exposed for writing.
 */
public final class ImageSet {
  private final String name;
  private final byte[] pixels;
  private final byte[] labels;
  private final int count;
  private final int height;
  private final int width;
  private final int channels;
  private final List<String> classNames;

  /**
   * @param name e.g. {@code fashion-mnist/train}
   * @param pixels {@code count * height * width * channels} unsigned bytes, NHWC
   * @param labels {@code count} class indices in {@code [0, classNames.size())}, unsigned
   */
  public ImageSet(
      String name, byte[] pixels, byte[] labels, int height, int width, int channels, List<String> classNames) {
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new IllegalArgumentException(name + ": image shape " + height + "x" + width + "x" + channels);
    }
    if (classNames.isEmpty() || classNames.size() > 256) {
      throw new IllegalArgumentException(name + ": " + classNames.size() + " classes, expected 1 to 256");
    }
    int imageBytes = height * width * channels;
    if (pixels.length != (long) labels.length * imageBytes) {
      throw new IllegalArgumentException(
          name + ": " + labels.length + " labels need " + (long) labels.length * imageBytes + " pixel bytes ("
              + height + "x" + width + "x" + channels + " each), got " + pixels.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if ((labels[i] & 0xFF) >= classNames.size()) {
        throw new IllegalArgumentException(
            name + ": label " + (labels[i] & 0xFF) + " of sample " + i + " is outside [0, " + classNames.size() + ")");
      }
    }
    this.name = name;
    this.pixels = pixels;
    this.labels = labels;
    this.count = labels.length;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.classNames = List.copyOf(classNames);
  }

  public String name() {
    return name;
  }

  /** Number of samples. */
  public int count() {
    return count;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  public int channels() {
    return channels;
  }

  /** Bytes (= values) per image. */
  public int imageSize() {
    return height * width * channels;
  }

  /** Number of classes. */
  public int classes() {
    return classNames.size();
  }

  public List<String> classNames() {
    return classNames;
  }

  /** Label of sample {@code i}. */
  public int label(int i) {
    return labels[i] & 0xFF;
  }

  /** Pixel value 0..255 of sample {@code i} at ({@code y}, {@code x}, {@code c}). */
  public int pixel(int i, int y, int x, int c) {
    return pixels[((i * height + y) * width + x) * channels + c] & 0xFF;
  }

  /** A copy of sample {@code i}'s pixels (HWC unsigned bytes). */
  public byte[] image(int i) {
    int size = imageSize();
    return Arrays.copyOfRange(pixels, i * size, (i + 1) * size);
  }

  /** Number of samples of each class. */
  public int[] classCounts() {
    int[] counts = new int[classes()];
    for (byte b : labels) {
      counts[b & 0xFF]++;
    }
    return counts;
  }

  /** The first {@code n} samples (all if {@code n >= count}): a smoke run's data set. */
  public ImageSet head(int n) {
    if (n < 0) {
      throw new IllegalArgumentException(name + ": head(" + n + "), expected n >= 0");
    }
    if (n >= count) {
      return this;
    }
    int size = imageSize();
    return new ImageSet(
        name + "[:" + n + "]", Arrays.copyOf(pixels, n * size), Arrays.copyOf(labels, n),
        height, width, channels, classNames);
  }

  /** The samples at {@code indices}, in that order (repeats allowed). */
  public ImageSet subset(int... indices) {
    int size = imageSize();
    byte[] p = new byte[indices.length * size];
    byte[] l = new byte[indices.length];
    for (int k = 0; k < indices.length; k++) {
      int i = indices[k];
      if (i < 0 || i >= count) {
        throw new IndexOutOfBoundsException(name + ": sample " + i + " outside [0, " + count + ")");
      }
      System.arraycopy(pixels, i * size, p, k * size, size);
      l[k] = labels[i];
    }
    return new ImageSet(name + "[subset of " + indices.length + "]", p, l, height, width, channels, classNames);
  }

  /** Shared pixel array for the batch assembler (not copied: 47 MB). */
  public byte[] pixels() {
    return pixels;
  }

  /** Shared label array for the batch assembler. */
  public byte[] labels() {
    return labels;
  }

  @Override
  public String toString() {
    return name + " (" + count + " x " + height + "x" + width + "x" + channels + ", " + classes() + " classes)";
  }
}
