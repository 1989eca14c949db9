package io.cnnlab.data.loading;

import io.cnnlab.data.ImageSet;
import io.cnnlab.data.Normalization;

/**
 * Turns a run of sample indices into a {@link Batch}: bytes through the normalization tables into a fresh flat
 * NHWC float array. Stateless after construction, so any number of worker threads may share one.
 */
final class BatchAssembler {
  private final ImageSet data;
  private final float[][] tables;

  BatchAssembler(ImageSet data, Normalization normalization) {
    this.data = data;
    this.tables = normalization.lookupTables(data.channels());
  }

  /** The batch of samples {@code order[from] .. order[from + size - 1]}. */
  Batch assemble(int[] order, int from, int size) {
    int imageSize = data.imageSize();
    int channels = data.channels();
    byte[] pixels = data.pixels();
    byte[] labels = data.labels();
    float[] images = new float[size * imageSize];
    int[] out = new int[size];
    for (int k = 0; k < size; k++) {
      int i = order[from + k];
      out[k] = labels[i] & 0xFF;
      int src = i * imageSize;
      int dst = k * imageSize;
      if (channels == 1) {
        convert(pixels, src, images, dst, imageSize, tables[0]);
      } else {
        convertInterleaved(pixels, src, images, dst, imageSize, tables);
      }
    }
    return new Batch(images, out, size, data.height(), data.width(), channels);
  }

  /** {@code dst[to + j] = table[src[from + j]]} for {@code j < n}: one grayscale image. */
  private static void convert(byte[] src, int from, float[] dst, int to, int n, float[] table) {
    for (int j = 0; j < n; j++) {
      dst[to + j] = table[src[from + j] & 0xFF];
    }
  }

  /** The same for interleaved channels, each through its own table. */
  private static void convertInterleaved(byte[] src, int from, float[] dst, int to, int n, float[][] tables) {
    int channels = tables.length;
    for (int j = 0; j < n; j += channels) {
      for (int c = 0; c < channels; c++) {
        dst[to + j + c] = tables[c][src[from + j + c] & 0xFF];
      }
    }
  }
}
