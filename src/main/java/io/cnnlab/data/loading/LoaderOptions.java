package io.cnnlab.data.loading;

import io.cnnlab.data.Normalization;

/**
 * How a {@link DataLoader} batches a data set.
 *
 * @param batchSize samples per batch (the last one may be smaller unless {@code dropLast})
 * @param shuffle reorder the samples each epoch (training); off keeps the stored order (evaluation)
 * @param seed with the epoch number, determines each epoch's order
 * @param dropLast leave out an incomplete last batch
 * @param normalization bytes to floats
 * @param workers threads assembling batches ahead of the consumer; 0 assembles on the consumer's thread
 * @param lookAhead at most this many batches assembled or in progress ahead of the consumer (workers > 0)
 */
public record LoaderOptions(
    int batchSize, boolean shuffle, long seed, boolean dropLast, Normalization normalization, int workers,
    int lookAhead) {
  public LoaderOptions {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize + ", expected >= 1");
    }
    if (workers < 0) {
      throw new IllegalArgumentException("workers " + workers + ", expected >= 0 (0 = on the consumer's thread)");
    }
    if (workers > 0 && lookAhead < 1) {
      throw new IllegalArgumentException("look-ahead " + lookAhead + " with " + workers + " workers, expected >= 1");
    }
    if (normalization == null) {
      throw new IllegalArgumentException("normalization is required (Normalization.UNIT to scale to [0,1])");
    }
  }

  /** Shuffled each epoch, all samples, scaled to [0, 1], assembled on the consumer's thread. */
  public static LoaderOptions training(int batchSize, long seed) {
    return new LoaderOptions(batchSize, true, seed, false, Normalization.UNIT, 0, 0);
  }

  /** Stored order, all samples, scaled to [0, 1], assembled on the consumer's thread. */
  public static LoaderOptions evaluation(int batchSize) {
    return new LoaderOptions(batchSize, false, 0L, false, Normalization.UNIT, 0, 0);
  }

  /** {@code workers} threads, looking ahead twice as many batches. */
  public LoaderOptions withWorkers(int workers) {
    return new LoaderOptions(batchSize, shuffle, seed, dropLast, normalization, workers, 2 * workers);
  }

  public LoaderOptions withLookAhead(int lookAhead) {
    return new LoaderOptions(batchSize, shuffle, seed, dropLast, normalization, workers, lookAhead);
  }

  public LoaderOptions withDropLast(boolean dropLast) {
    return new LoaderOptions(batchSize, shuffle, seed, dropLast, normalization, workers, lookAhead);
  }

  public LoaderOptions withNormalization(Normalization normalization) {
    return new LoaderOptions(batchSize, shuffle, seed, dropLast, normalization, workers, lookAhead);
  }

  public LoaderOptions withSeed(long seed) {
    return new LoaderOptions(batchSize, shuffle, seed, dropLast, normalization, workers, lookAhead);
  }

  public LoaderOptions withShuffle(boolean shuffle) {
    return new LoaderOptions(batchSize, shuffle, seed, dropLast, normalization, workers, lookAhead);
  }
}
