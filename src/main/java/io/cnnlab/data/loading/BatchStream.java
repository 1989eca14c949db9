package io.cnnlab.data.loading;

import java.util.Iterator;

/**
 * The batches of one epoch, in order. Closing it early (an abandoned epoch, a failed step) stops any worker
 * threads behind it; closing is idempotent.
 */
public interface BatchStream extends Iterator<Batch>, AutoCloseable {
  /** Nanoseconds the consumer has spent blocked in {@link #next()} waiting for data so far this epoch. */
  long waitNanos();

  /** Number of batches this epoch yields in total. */
  int batchCount();

  @Override
  void close();
}
