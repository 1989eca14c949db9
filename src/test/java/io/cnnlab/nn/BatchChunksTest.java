package io.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cnnlab.tf.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Batch chunks as towers and NCHW convolutions cut them: equal slices in batch order, padding dropped again. */
class BatchChunksTest {
  @Test
  void splitPadsToEqualSlicesAndJoinRemovesThePadding() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      List<Operand<TFloat32>> slices = BatchChunks.split(tf, x, 3);
      var joined = BatchChunks.join(tf, slices, BatchChunks.rows(tf, x));
      try (Session s = new Session(graph)) {
        for (int n : new int[] {1, 2, 3, 7, 256}) {
          float[] rows = new float[n * 2];
          for (int i = 0; i < rows.length; i++) {
            rows[i] = i + 1;
          }
          try (TFloat32 in = Tensors.floats(rows, n, 2)) {
            Session.Runner r = s.runner().feed(x, in);
            slices.forEach(r::fetch);
            r.fetch(joined);
            try (Result result = r.run()) {
              int perSlice = (n + 2) / 3; // ceil(n / 3)
              int offset = 0;
              for (int t = 0; t < 3; t++) {
                float[] got = Tensors.toFloats(result.get(t));
                assertEquals(perSlice * 2, got.length, "slice " + t + " of " + n);
                for (int i = 0; i < got.length; i++, offset++) {
                  float expected = offset < rows.length ? rows[offset] : 0f;
                  assertEquals(expected, got[i], 0f, "slice " + t + " of " + n + ": batch order, then zeros");
                }
              }
              assertArrayEquals(rows, Tensors.toFloats(result.get(3)), "joined back without padding, n " + n);
            }
          }
        }
      }
    }
  }
}
