package io.cnnlab.data.loading;

import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Batches assembled ahead of the consumer by worker threads. Batch {@code i} is submitted before batch
 * {@code i + 1} and the consumer takes futures in submission order, so batches arrive in order whatever the
 * thread timing; at most {@code lookAhead} batches are submitted and not yet taken, which bounds memory.
 *
 * <p>The workers are daemon threads named {@code cnnlab-loader-<stream>-<k>}. They stop when the last batch has
 * been taken, when a batch fails, or on {@link #close()} (an abandoned epoch): pending work is cancelled and
 * the threads are joined. One consumer thread uses a stream; it is not shared.
 */
final class PrefetchingBatchStream implements BatchStream {
  /** Prefix of every loader thread's name. */
  static final String THREAD_PREFIX = "cnnlab-loader-";

  private static final AtomicInteger STREAMS = new AtomicInteger();
  private static final long JOIN_SECONDS = 10;

  private final String description;
  private final int count;
  private final IntFunction<Batch> make;
  private final int lookAhead;
  private final ExecutorService pool;
  /** Every worker thread the pool made: awaitTermination returns before they have all exited. */
  private final List<Thread> workerThreads = new CopyOnWriteArrayList<>();
  private final ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
  private int submitted;
  private int delivered;
  private long waitNanos;
  private boolean closed;

  /**
   * @param description what is being loaded, for error messages (e.g. "fashion-mnist/train epoch 3")
   * @param make assembles batch {@code i} of {@code count}; called from worker threads
   */
  PrefetchingBatchStream(String description, int count, IntFunction<Batch> make, int workers, int lookAhead) {
    if (workers < 1 || lookAhead < 1) {
      throw new IllegalArgumentException("workers " + workers + " and look-ahead " + lookAhead + ", expected >= 1");
    }
    this.description = description;
    this.count = count;
    this.make = make;
    this.lookAhead = lookAhead;
    int stream = STREAMS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            workers, workers, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
            task -> {
              Thread t = new Thread(task, THREAD_PREFIX + stream + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              workerThreads.add(t);
              return t;
            });
    fill();
    if (count == 0) {
      close();
    }
  }

  private void fill() {
    while (submitted < count && submitted - delivered < lookAhead) {
      int i = submitted++;
      pending.add(pool.submit(() -> make.apply(i)));
    }
  }

  @Override
  public boolean hasNext() {
    return !closed && delivered < count;
  }

  @Override
  public Batch next() {
    if (!hasNext()) {
      throw new NoSuchElementException(
          description + ": " + (delivered == count ? "all " + count + " batches delivered" : "stream closed"));
    }
    int i = delivered;
    Future<Batch> future = pending.poll();
    long start = System.nanoTime();
    Batch batch;
    try {
      batch = future.get();
    } catch (ExecutionException e) {
      close();
      Throwable cause = e.getCause();
      throw new DataLoadingException(
          description + ": loader worker failed assembling batch " + i + " of " + count + ": " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new DataLoadingException(description + ": interrupted waiting for batch " + i + " of " + count, e);
    } catch (CancellationException e) {
      close();
      throw new DataLoadingException(description + ": batch " + i + " of " + count + " was cancelled", e);
    } finally {
      waitNanos += System.nanoTime() - start;
    }
    delivered++;
    if (delivered == count) {
      close();
    } else {
      fill();
    }
    return batch;
  }

  @Override
  public long waitNanos() {
    return waitNanos;
  }

  @Override
  public int batchCount() {
    return count;
  }

  /** Cancels pending batches, interrupts running ones and waits for the workers to end. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Future<Batch> f : pending) {
      f.cancel(true);
    }
    pending.clear();
    pool.shutdownNow();
    boolean interrupted = false;
    try {
      while (!pool.awaitTermination(JOIN_SECONDS, TimeUnit.SECONDS)) {
        // A worker ignoring interrupts (a long uninterruptible copy): keep waiting rather than leak it silently.
        System.err.println(description + ": waiting for loader workers to stop");
      }
      // The pool counts as terminated while its last threads are still on their way out: join them too.
      for (Thread t : workerThreads) {
        t.join();
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
