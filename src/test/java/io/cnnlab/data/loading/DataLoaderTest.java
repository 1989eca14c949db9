package io.cnnlab.data.loading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.Fixtures;
import io.cnnlab.data.ImageSet;
import io.cnnlab.data.Normalization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataLoaderTest {
  private static final int N = 103;

  /**
   * {@code n} RGB images of 2x2 whose first two bytes spell the sample index (low, high) and whose other bytes
   * are random; label = index mod 7. A batch's images then say which samples it holds.
   */
  static ImageSet indexed(int n) {
    byte[] pixels = Fixtures.randomBytes(n * 12, 99);
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      pixels[12 * i] = (byte) i;
      pixels[12 * i + 1] = (byte) (i >> 8);
      labels[i] = (byte) (i % 7);
    }
    return new ImageSet("indexed", pixels, labels, 2, 2, 3, List.of("a", "b", "c", "d", "e", "f", "g"));
  }

  /** The sample indices of a [0,1]-scaled batch, decoded from their first two pixel values. */
  static int[] indices(Batch b) {
    int[] out = new int[b.size()];
    for (int k = 0; k < b.size(); k++) {
      out[k] = Math.round(b.images()[12 * k] * 255) + 256 * Math.round(b.images()[12 * k + 1] * 255);
    }
    return out;
  }

  /** Sample indices of a whole epoch in delivery order, and the batch sizes. */
  static List<int[]> epoch(BatchSource source, int e) {
    List<int[]> batches = new ArrayList<>();
    try (BatchStream s = source.epoch(e)) {
      while (s.hasNext()) {
        batches.add(indices(s.next()));
      }
    }
    return batches;
  }

  static int[] flat(List<int[]> batches) {
    return batches.stream().flatMapToInt(Arrays::stream).toArray();
  }

  @ParameterizedTest(name = "workers={0}")
  @ValueSource(ints = {0, 1, 3})
  void everySampleExactlyOncePerEpoch(int workers) {
    DataLoader loader = new DataLoader(indexed(N), LoaderOptions.training(10, 42).withWorkers(workers));

    for (int e = 0; e < 3; e++) {
      List<int[]> batches = epoch(loader, e);
      assertEquals(11, batches.size());
      assertEquals(11, loader.batchesPerEpoch());
      for (int b = 0; b < 10; b++) {
        assertEquals(10, batches.get(b).length);
      }
      assertEquals(3, batches.get(10).length, "the last batch holds the remaining 103 - 100 samples");
      int[] seen = flat(batches);
      Arrays.sort(seen);
      assertArrayEquals(EpochOrder.identity(N), seen, "epoch " + e);
    }
  }

  @Test
  void dropLastLeavesOutTheIncompleteBatchOnly() {
    DataLoader loader = new DataLoader(indexed(N), LoaderOptions.training(10, 42).withDropLast(true));

    List<int[]> batches = epoch(loader, 0);

    assertEquals(10, batches.size());
    assertEquals(100, loader.samplesPerEpoch());
    int[] seen = flat(batches);
    assertEquals(100, Arrays.stream(seen).distinct().count());
    assertArrayEquals(Arrays.copyOf(loader.order(0), 100), seen);
  }

  @Test
  void orderDependsOnlyOnSeedAndEpoch() {
    ImageSet data = indexed(N);
    DataLoader a = new DataLoader(data, LoaderOptions.training(16, 7));
    DataLoader b = new DataLoader(data, LoaderOptions.training(16, 7));

    for (int e = 0; e < 3; e++) {
      epoch(a, e); // a has run epochs 0..2 before epoch 3; b opens epoch 3 directly
    }
    assertArrayEquals(flat(epoch(a, 3)), flat(epoch(b, 3)));
    assertArrayEquals(flat(epoch(a, 0)), flat(epoch(b, 0)), "re-opening an epoch repeats it");
    assertFalse(Arrays.equals(flat(epoch(a, 0)), flat(epoch(a, 1))), "epochs differ");
    DataLoader otherSeed = new DataLoader(data, LoaderOptions.training(16, 8));
    assertFalse(Arrays.equals(flat(epoch(a, 0)), flat(epoch(otherSeed, 0))), "seeds differ");
    assertFalse(Arrays.equals(EpochOrder.identity(N), flat(epoch(a, 0))), "training order is shuffled");
  }

  @Test
  void evaluationKeepsTheStoredOrder() {
    DataLoader loader = new DataLoader(indexed(N), LoaderOptions.evaluation(25));

    assertArrayEquals(EpochOrder.identity(N), flat(epoch(loader, 0)));
    assertArrayEquals(EpochOrder.identity(N), flat(epoch(loader, 5)));
  }

  @Test
  void batchesAreFlatNhwcWithLabels() {
    ImageSet data = indexed(N);
    DataLoader loader = new DataLoader(data, LoaderOptions.training(8, 3));
    int[] order = loader.order(0);

    try (BatchStream s = loader.epoch(0)) {
      s.next();
      Batch b = s.next(); // samples order[8..15]
      assertArrayEquals(new long[] {8, 2, 2, 3}, b.shape());
      for (int k = 0; k < 8; k++) {
        int i = order[8 + k];
        assertEquals(i % 7, b.labels()[k]);
        for (int y = 0; y < 2; y++) {
          for (int x = 0; x < 2; x++) {
            for (int c = 0; c < 3; c++) {
              float expected = data.pixel(i, y, x, c) / 255f;
              assertEquals(expected, b.images()[((k * 2 + y) * 2 + x) * 3 + c], 0f);
            }
          }
        }
      }
    }
  }

  @Test
  void standardizationMatchesHandComputation() {
    Normalization n = Normalization.standardize(new float[] {0.5f, 0f, 0.2f}, new float[] {0.25f, 1f, 0.5f});

    assertEquals(-2f, n.apply(0, 0), 1e-6f);
    assertEquals(2f, n.apply(255, 0), 1e-6f);
    assertEquals(-1.2f, n.apply(51, 0), 1e-6f); // 51/255 = 0.2; (0.2 - 0.5) / 0.25
    assertEquals(0.2f, n.apply(51, 1), 1e-6f);
    assertEquals(0f, n.apply(51, 2), 1e-6f);

    ImageSet data = indexed(N);
    DataLoader loader = new DataLoader(data, LoaderOptions.evaluation(N).withNormalization(n));
    try (BatchStream s = loader.epoch(0)) {
      Batch b = s.next();
      for (int j = 0; j < b.images().length; j++) {
        int c = j % 3;
        float[] mean = {0.5f, 0f, 0.2f};
        float[] std = {0.25f, 1f, 0.5f};
        float v = ((data.pixel(j / 12, (j % 12) / 6, (j % 6) / 3, c)) / 255f - mean[c]) / std[c];
        assertEquals(v, b.images()[j], 1e-6f);
      }
    }
  }

  @Test
  void measuredNormalizationMatchesAPlainLoop() {
    ImageSet data = indexed(N);
    Normalization n = Normalization.measure(data);

    for (int c = 0; c < 3; c++) {
      double sum = 0;
      double sq = 0;
      int count = 0;
      for (int i = 0; i < N; i++) {
        for (int y = 0; y < 2; y++) {
          for (int x = 0; x < 2; x++) {
            double v = data.pixel(i, y, x, c) / 255.0;
            sum += v;
            count++;
          }
        }
      }
      double mean = sum / count;
      for (int i = 0; i < N; i++) {
        for (int y = 0; y < 2; y++) {
          for (int x = 0; x < 2; x++) {
            double d = data.pixel(i, y, x, c) / 255.0 - mean;
            sq += d * d;
          }
        }
      }
      assertEquals(mean, n.mean()[c], 1e-6);
      assertEquals(Math.sqrt(sq / count), n.std()[c], 1e-5);
    }
  }

  @Test
  void workersDeliverExactlyWhatTheConsumerThreadWouldAssemble() {
    ImageSet data = indexed(N);
    List<Batch> reference = new ArrayList<>();
    try (BatchStream s = new DataLoader(data, LoaderOptions.training(9, 5)).epoch(2)) {
      s.forEachRemaining(reference::add);
    }
    for (int workers : new int[] {1, 2, 5}) {
      List<Batch> got = new ArrayList<>();
      try (BatchStream s = new DataLoader(data, LoaderOptions.training(9, 5).withWorkers(workers)).epoch(2)) {
        s.forEachRemaining(got::add);
      }
      assertEquals(reference.size(), got.size());
      for (int k = 0; k < got.size(); k++) {
        assertArrayEquals(reference.get(k).images(), got.get(k).images(), "workers " + workers + " batch " + k);
        assertArrayEquals(reference.get(k).labels(), got.get(k).labels(), "workers " + workers + " batch " + k);
      }
    }
    assertEquals(List.of(), Fixtures.liveLoaderThreads());
  }

  @Test
  void consumerWaitIsRecordedPerEpoch() {
    DataLoader loader = new DataLoader(indexed(N), LoaderOptions.training(10, 1));
    try (BatchStream s = loader.epoch(0)) {
      assertEquals(0, s.waitNanos());
      assertEquals(11, s.batchCount());
      s.forEachRemaining(b -> {});
      assertTrue(s.waitNanos() > 0, "assembling on the consumer's thread is waiting for data");
    }
  }
}
