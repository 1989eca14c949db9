package io.cnnlab.data.loading;

import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/**
 * Batches assembled on the consumer's thread when asked for ({@code workers = 0}). The consumer waits for every
 * batch: the whole assembly time counts as waiting.
 */
final class SynchronousBatchStream implements BatchStream {
  private final String description;
  private final int count;
  private final IntFunction<Batch> make;
  private int next;
  private long waitNanos;
  private boolean closed;

  /**
   * @param description what is being loaded, for error messages (e.g. "fashion-mnist/train epoch 3")
   * @param make assembles batch {@code i} of {@code count}
   */
  SynchronousBatchStream(String description, int count, IntFunction<Batch> make) {
    this.description = description;
    this.count = count;
    this.make = make;
  }

  @Override
  public boolean hasNext() {
    return !closed && next < count;
  }

  @Override
  public Batch next() {
    if (!hasNext()) {
      throw new NoSuchElementException(
          description + ": " + (closed ? "stream closed" : "all " + count + " batches delivered"));
    }
    int i = next++;
    long start = System.nanoTime();
    try {
      return make.apply(i);
    } catch (RuntimeException e) {
      closed = true;
      throw new DataLoadingException(
          description + ": assembling batch " + i + " of " + count + " failed: " + e, e);
    } finally {
      waitNanos += System.nanoTime() - start;
    }
  }

  @Override
  public long waitNanos() {
    return waitNanos;
  }

  @Override
  public int batchCount() {
    return count;
  }

  @Override
  public void close() {
    closed = true;
  }
}
