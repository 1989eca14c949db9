package io.cnnlab.data;

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
        float[] table = tables[0];
        for (int j = 0; j < imageSize; j++) {
          images[dst + j] = table[pixels[src + j] & 0xFF];
        }
      } else {
        for (int j = 0; j < imageSize; j += channels) {
          for (int c = 0; c < channels; c++) {
            images[dst + j + c] = tables[c][pixels[src + j + c] & 0xFF];
          }
        }
      }
    }
    return new Batch(images, out, size, data.height(), data.width(), channels);
  }
}
