package io.cnnlab.data.loading;

/**
 * A re-iterable supply of epochs. The order of epoch {@code e} depends only on the source's seed and
 * {@code e}, so a run resumed at epoch {@code e} sees exactly the batches an uninterrupted run would.
 */
public interface BatchSource {
  /** Opens epoch {@code epoch} (0-based); the caller closes the stream. */
  BatchStream epoch(int epoch);

  /** Batches per epoch. */
  int batchesPerEpoch();

  /** Samples per epoch (after drop-last, if set). */
  int samplesPerEpoch();
}
