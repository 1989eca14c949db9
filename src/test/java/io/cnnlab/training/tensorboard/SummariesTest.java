package io.cnnlab.training.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.HistogramProto;

class SummariesTest {
  @Test
  void aHistogramHasThirtyEqualBucketsFromMinimumToMaximumAndSkipsNonFiniteValues() {
    // 0, 1, ..., 30 and three values that are not numbers: width 1, one value per bucket, 29 and 30 in the last.
    float[] values = new float[34];
    for (int i = 0; i <= 30; i++) {
      values[i] = i;
    }
    values[31] = Float.NaN;
    values[32] = Float.POSITIVE_INFINITY;
    values[33] = Float.NEGATIVE_INFINITY;
    HistogramProto h = Summaries.histogram("weights/w", values).getHisto();
    assertEquals(0, h.getMin());
    assertEquals(30, h.getMax());
    assertEquals(31, h.getNum());
    assertEquals(465, h.getSum()); // 30 * 31 / 2
    assertEquals(9455, h.getSumSquares()); // 30 * 31 * 61 / 6
    List<Double> limits = new ArrayList<>();
    List<Double> counts = new ArrayList<>();
    for (int b = 1; b <= 30; b++) {
      limits.add((double) b);
      counts.add(b == 30 ? 2.0 : 1.0);
    }
    assertEquals(limits, h.getBucketLimitList());
    assertEquals(counts, h.getBucketList());
  }

  @Test
  void equalValuesMakeOneBucketAndNoFiniteValueNone() {
    HistogramProto same = Summaries.histogram("w", new float[] {2, 2, 2}).getHisto();
    assertEquals(List.of(2.0), same.getBucketLimitList());
    assertEquals(List.of(3.0), same.getBucketList());
    assertEquals(2, same.getMin());
    HistogramProto none = Summaries.histogram("w", new float[] {Float.NaN}).getHisto();
    assertEquals(0, none.getNum());
    assertEquals(0, none.getBucketCount());
  }

  @Test
  void aScalarIsStoredAsFloat32() {
    assertEquals(0.1f, Summaries.scalar("epoch/test_accuracy", 0.1).getSimpleValue());
    assertEquals("epoch/test_accuracy", Summaries.scalar("epoch/test_accuracy", 0.1).getTag());
  }
}
