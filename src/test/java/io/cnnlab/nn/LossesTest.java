package io.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.tensorflow.types.TInt32;

class LossesTest {
  private static final int ROWS = 5;
  private static final int CLASSES = 4;
  private static final int[] LABELS = {0, 3, 1, 1, 2};

  @Test
  void crossEntropyValueAndGradientMatchAPlainComputationAndFiniteDifferences() {
    float[] logits = GradientCheck.uniform(ROWS * CLASSES, 41, -3f, 3f);
    // Independent expectation: mean of -log softmax[label]; gradient (softmax - onehot) / N.
    double loss = 0;
    float[] expectedGrad = new float[logits.length];
    for (int r = 0; r < ROWS; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < CLASSES; c++) {
        max = Math.max(max, logits[r * CLASSES + c]);
      }
      double z = 0;
      for (int c = 0; c < CLASSES; c++) {
        z += Math.exp(logits[r * CLASSES + c] - max);
      }
      loss += (Math.log(z) + max - logits[r * CLASSES + LABELS[r]]) / ROWS;
      for (int c = 0; c < CLASSES; c++) {
        double p = Math.exp(logits[r * CLASSES + c] - max) / z;
        expectedGrad[r * CLASSES + c] = (float) ((p - (c == LABELS[r] ? 1 : 0)) / ROWS);
      }
    }
    try (Graph g = new Graph(); Session session = new Session(g); TInt32 labels = Tensors.ints(LABELS, ROWS)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(ROWS, CLASSES)));
      Placeholder<TInt32> y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(ROWS)));
      Operand<TFloat32> ce = Losses.softmaxCrossEntropy(tf, in, y, CLASSES);
      var grad = g.addGradients(ce.asOutput(), new org.tensorflow.Output<?>[] {in.asOutput()})[0];
      // Finite differences of the loss itself (a scalar: weight 1).
      GradientCheck check = new GradientCheck(g, tf, ce, new long[0], 42,
          List.of(new GradientCheck.Input(in, logits, ROWS, CLASSES)));
      try (TFloat32 x = Tensors.floats(logits, ROWS, CLASSES);
          Result r = session.runner().feed(in, x).feed(y, labels).fetch(ce).fetch(grad).run()) {
        assertEquals(loss, Tensors.scalar(r.get(0)), 1e-5);
        assertArrayEquals(expectedGrad, Tensors.toFloats(r.get(1)), 1e-6f);
      }
      double error = check.relativeError(session, 0, 1e-2f, runner -> runner.feed(y, labels));
      assertTrue(error < 2e-3, "relative gradient error " + error);
    }
  }

  @Test
  void correctCountAndPredictionsFollowTheArgMax() {
    float[][] logits = {{0.1f, 0.9f, 0.0f}, {2f, -1f, 1f}, {0f, 0f, 3f}, {5f, 4f, 6f}};
    int[] labels = {1, 0, 0, 2};
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> l = tf.constant(logits);
      Operand<TInt32> y = tf.constant(labels);
      try (Result r = session.runner().fetch(Losses.correctCount(tf, l, y)).fetch(Losses.predictions(tf, l)).run()) {
        assertEquals(3f, Tensors.scalar(r.get(0)));
        assertArrayEquals(new int[] {1, 0, 2, 2}, Tensors.toInts(r.get(1)));
      }
    }
  }
}
