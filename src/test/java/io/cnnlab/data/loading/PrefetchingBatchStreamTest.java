package io.cnnlab.data.loading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefetchingBatchStreamTest {
  /** Generous bound on liveness only (a deadlock would otherwise hang the build); never a speed check. */
  private static final Duration HANG = Duration.ofSeconds(30);

  /** A one-sample batch whose label is its index. */
  static Batch tagged(int i) {
    return new Batch(new float[] {i}, new int[] {i}, 1, 1, 1, 1);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Polls until {@code condition} holds (workers start asynchronously). */
  static void await(java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + HANG.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not reached in " + HANG);
      }
      sleep(2);
    }
  }

  @AfterEach
  void noLoaderThreadOutlivesItsStream() {
    assertEquals(List.of(), Fixtures.liveLoaderThreads());
  }

  @ParameterizedTest(name = "workers={0} lookAhead={1}")
  @CsvSource({"1,1", "4,8", "5,2", "3,40"})
  void batchesArriveInOrderWhateverTheWorkerDelays(int workers, int lookAhead) {
    int count = 40;
    // Each batch takes a random 0-6 ms, so later batches often finish before earlier ones.
    IntFunction<Batch> slow = i -> {
      sleep(new Random(1000L * workers + i).nextInt(7));
      return tagged(i);
    };
    List<Integer> got = new ArrayList<>();
    assertTimeoutPreemptively(HANG, () -> {
      try (BatchStream s = new PrefetchingBatchStream("test", count, slow, workers, lookAhead)) {
        while (s.hasNext()) {
          got.add(s.next().labels()[0]);
        }
      }
    });
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      expected.add(i);
    }
    assertEquals(expected, got);
  }

  @Test
  void staysAtMostLookAheadBatchesAhead() {
    AtomicInteger started = new AtomicInteger();
    IntFunction<Batch> counting = i -> {
      started.incrementAndGet();
      return tagged(i);
    };
    assertTimeoutPreemptively(HANG, () -> {
      try (BatchStream s = new PrefetchingBatchStream("test", 100, counting, 2, 3)) {
        await(() -> started.get() >= 3);
        sleep(100); // idle workers, nothing consumed: no fourth batch may start
        assertEquals(3, started.get());
        s.next();
        await(() -> started.get() >= 4);
        sleep(100);
        assertEquals(4, started.get());
      }
    });
  }

  @Test
  void closingAnAbandonedEpochStopsItsWorkers() {
    // Workers block "forever" in the batches after the first two: close must interrupt and join them.
    IntFunction<Batch> stuck = i -> {
      if (i >= 2) {
        sleep(600_000);
      }
      return tagged(i);
    };
    assertTimeoutPreemptively(HANG, () -> {
      BatchStream s = new PrefetchingBatchStream("test", 50, stuck, 3, 6);
      assertEquals(0, s.next().labels()[0]);
      assertEquals(1, s.next().labels()[0]);
      await(() -> Fixtures.liveLoaderThreads().size() == 3);
      s.close();
      assertEquals(List.of(), Fixtures.liveLoaderThreads());
      s.close(); // idempotent
      assertFalse(s.hasNext());
      assertThrows(NoSuchElementException.class, s::next);
    });
  }

  @Test
  void workerFailureReachesTheConsumerWithContextAndStopsTheWorkers() {
    IllegalStateException boom = new IllegalStateException("pixel buffer exploded");
    IntFunction<Batch> failing = i -> {
      if (i == 5) {
        throw boom;
      }
      return tagged(i);
    };
    assertTimeoutPreemptively(HANG, () -> {
      try (BatchStream s = new PrefetchingBatchStream("fashion-mnist/train epoch 3", 20, failing, 2, 4)) {
        for (int i = 0; i < 5; i++) {
          assertEquals(i, s.next().labels()[0]);
        }
        DataLoadingException e = assertThrows(DataLoadingException.class, s::next);
        assertEquals(
            "fashion-mnist/train epoch 3: loader worker failed assembling batch 5 of 20: "
                + "java.lang.IllegalStateException: pixel buffer exploded",
            e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(List.of(), Fixtures.liveLoaderThreads());
        assertFalse(s.hasNext());
      }
    });
  }

  @Test
  void workersEndOnTheirOwnOnceTheLastBatchIsTaken() {
    assertTimeoutPreemptively(HANG, () -> {
      BatchStream s = new PrefetchingBatchStream("test", 7, PrefetchingBatchStreamTest::tagged, 2, 4);
      int n = 0;
      while (s.hasNext()) {
        s.next();
        n++;
      }
      assertEquals(7, n);
      assertEquals(List.of(), Fixtures.liveLoaderThreads(), "no close() call needed after a full epoch");
    });
  }

  @Test
  void consumerWaitCoversTheTimeBlockedOnSlowWorkers() {
    // One worker, 20 ms per batch, a consumer that never pauses: it waits for most of 5 x 20 ms.
    IntFunction<Batch> slow = i -> {
      sleep(20);
      return tagged(i);
    };
    assertTimeoutPreemptively(HANG, () -> {
      try (BatchStream s = new PrefetchingBatchStream("test", 5, slow, 1, 1)) {
        s.forEachRemaining(b -> {});
        assertTrue(s.waitNanos() >= 50_000_000L, "waited " + s.waitNanos() + " ns");
      }
    });
  }

  @Test
  void synchronousStreamWrapsFailuresWithContextToo() {
    IntFunction<Batch> failing = i -> {
      throw new ArithmeticException("bad pixel " + i);
    };
    try (BatchStream s = new SynchronousBatchStream("mnist/test epoch 0", 3, failing)) {
      DataLoadingException e = assertThrows(DataLoadingException.class, s::next);
      assertEquals(
          "mnist/test epoch 0: assembling batch 0 of 3 failed: java.lang.ArithmeticException: bad pixel 0", e.getMessage());
      assertFalse(s.hasNext());
    }
  }
}
