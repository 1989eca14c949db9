package io.cnnlab.data;

import java.util.Arrays;

/**
 * How pixel bytes become floats: scaled to [0, 1] (divided by 255), then optionally standardized per channel,
 * {@code (v / 255 - mean[c]) / std[c]}. Applied through a 256-entry table per channel, so it costs one lookup
 * per value.
 */
public final class Normalization {
  private final float[] mean;
  private final float[] std;

  /** Scale to [0, 1] only (what d2l's {@code ToTensor} does). */
  public static final Normalization UNIT = new Normalization(new float[] {0f}, new float[] {1f});

  private Normalization(float[] mean, float[] std) {
    if (mean.length == 0 || mean.length != std.length) {
      throw new IllegalArgumentException(
          "normalization needs as many means as standard deviations (one, or one per channel), got "
              + mean.length + " and " + std.length);
    }
    for (float s : std) {
      if (!(s > 0f) || Float.isInfinite(s)) {
        throw new IllegalArgumentException("standard deviation " + s + ", expected a finite value > 0");
      }
    }
    for (float m : mean) {
      if (!Float.isFinite(m)) {
        throw new IllegalArgumentException("mean " + m + ", expected a finite value");
      }
    }
    this.mean = mean.clone();
    this.std = std.clone();
  }

  /** Scale to [0, 1], then subtract {@code mean} and divide by {@code std} (one value, or one per channel). */
  public static Normalization standardize(float[] mean, float[] std) {
    return new Normalization(mean, std);
  }

  /** Per-channel mean and standard deviation of {@code set}'s [0, 1] values: standardizes it to mean 0, std 1. */
  public static Normalization measure(ImageSet set) {
    int c = set.channels();
    double[] sum = new double[c];
    double[] sumSq = new double[c];
    byte[] pixels = set.pixels();
    for (int j = 0; j < pixels.length; j++) {
      double v = (pixels[j] & 0xFF) / 255.0;
      sum[j % c] += v;
      sumSq[j % c] += v * v;
    }
    double n = (double) pixels.length / c;
    float[] mean = new float[c];
    float[] std = new float[c];
    for (int k = 0; k < c; k++) {
      double m = sum[k] / n;
      mean[k] = (float) m;
      std[k] = (float) Math.sqrt(Math.max(sumSq[k] / n - m * m, 1e-12));
    }
    return new Normalization(mean, std);
  }

  /** The float that byte value {@code value} (0..255) of channel {@code channel} becomes. */
  public float apply(int value, int channel) {
    int k = mean.length == 1 ? 0 : channel;
    return (value / 255f - mean[k]) / std[k];
  }

  /** One 256-entry table per channel: {@code table[c][b] = apply(b, c)}. */
  public float[][] lookupTables(int channels) {
    if (mean.length != 1 && mean.length != channels) {
      throw new IllegalArgumentException(
          "normalization has " + mean.length + " channel means, the images have " + channels + " channels");
    }
    float[][] tables = new float[channels][256];
    for (int c = 0; c < channels; c++) {
      for (int b = 0; b < 256; b++) {
        tables[c][b] = apply(b, c);
      }
    }
    return tables;
  }

  /** Per-channel means (one value when shared by all channels). */
  public float[] mean() {
    return mean.clone();
  }

  /** Per-channel standard deviations (one value when shared by all channels). */
  public float[] std() {
    return std.clone();
  }

  @Override
  public String toString() {
    return this == UNIT || (mean.length == 1 && mean[0] == 0f && std[0] == 1f)
        ? "scale to [0,1]"
        : "scale to [0,1], mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std);
  }
}
