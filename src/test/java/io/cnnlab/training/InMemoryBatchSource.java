package io.cnnlab.training;

import io.cnnlab.data.loading.Batch;
import io.cnnlab.data.loading.BatchSource;
import io.cnnlab.data.loading.BatchStream;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Test double of a data source: generated images in memory, reshuffled per epoch with a seed that depends
 * only on the source's seed and the epoch.
 */
final class InMemoryBatchSource implements BatchSource {
  private final float[] images;
  private final int[] labels;
  private final int height;
  private final int width;
  private final int channels;
  private final int batchSize;
  private final long seed;
  private final boolean shuffle;

  InMemoryBatchSource(float[] images, int[] labels, int height, int width, int channels, int batchSize,
      long seed, boolean shuffle) {
    this.images = images;
    this.labels = labels;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.batchSize = batchSize;
    this.seed = seed;
    this.shuffle = shuffle;
  }

  /**
   * {@code n} images of {@link TinyModel#SIZE} squared pixels: class {@code k} has bright rows {@code 2k}
   * and {@code 2k+1}, plus Gaussian noise.
   */
  static InMemoryBatchSource bars(int n, int batchSize, long seed, boolean shuffle) {
    int s = TinyModel.SIZE;
    Random random = new Random(seed);
    float[] images = new float[n * s * s];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(TinyModel.CLASSES);
      for (int p = 0; p < s * s; p++) {
        int row = p / s;
        float bar = row / 2 == labels[i] ? 1f : 0f;
        images[i * s * s + p] = bar + (float) random.nextGaussian() * 0.3f;
      }
    }
    return new InMemoryBatchSource(images, labels, s, s, 1, batchSize, seed, shuffle);
  }

  /**
   * {@code n} single-channel images of {@code side} squared pixels for {@code classes} classes: class
   * {@code k} has a bright 4x4 square at its own place on a diagonal band, plus Gaussian noise.
   */
  static InMemoryBatchSource squares(int n, int side, int classes, int batchSize, long seed, boolean shuffle) {
    Random random = new Random(seed);
    float[] images = new float[n * side * side];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(classes);
      int corner = labels[i] * (side - 4) / Math.max(1, classes - 1);
      for (int p = 0; p < side * side; p++) {
        int row = p / side;
        int col = p % side;
        boolean inside = row >= corner && row < corner + 4 && col >= side - 4 - corner && col < side - corner;
        images[i * side * side + p] = (inside ? 1f : 0f) + (float) random.nextGaussian() * 0.3f;
      }
    }
    return new InMemoryBatchSource(images, labels, side, side, 1, batchSize, seed, shuffle);
  }

  int[] labels() {
    return labels.clone();
  }

  /** The first {@code n} samples as one batch. */
  Batch first(int n) {
    int pixels = height * width * channels;
    float[] x = new float[n * pixels];
    System.arraycopy(images, 0, x, 0, x.length);
    int[] y = new int[n];
    System.arraycopy(labels, 0, y, 0, n);
    return new Batch(x, y, n, height, width, channels);
  }

  @Override
  public int batchesPerEpoch() {
    return (labels.length + batchSize - 1) / batchSize;
  }

  @Override
  public int samplesPerEpoch() {
    return labels.length;
  }

  @Override
  public BatchStream epoch(int epoch) {
    int n = labels.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (shuffle) {
      Random random = new Random(seed * 1_000_003L + epoch);
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    int pixels = height * width * channels;
    int count = batchesPerEpoch();
    return new BatchStream() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < count;
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int from = next++ * batchSize;
        int size = Math.min(batchSize, n - from);
        float[] x = new float[size * pixels];
        int[] y = new int[size];
        for (int i = 0; i < size; i++) {
          System.arraycopy(images, order[from + i] * pixels, x, i * pixels, pixels);
          y[i] = labels[order[from + i]];
        }
        return new Batch(x, y, size, height, width, channels);
      }

      @Override
      public long waitNanos() {
        return 0; // in memory: never blocks
      }

      @Override
      public int batchCount() {
        return count;
      }

      @Override
      public void close() {}
    };
  }
}
