package io.cnnlab.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cnnlab.tf.Sessions;
import io.cnnlab.tf.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Each optimizer against a plain-Java reference of its update rule, on {@code loss = 1/2 sum((a*b - t)^2)}
 * whose gradients {@code (ab - t) b} and {@code (ab - t) a} are known in closed form. Each gradient reads
 * the other variable, so an update that ran before both gradients were computed would show. The rate
 * changes every step, as a schedule feeds it.
 */
class OptimizerMathTest {
  private static final double[] A0 = {0.5, -1.0, 2.0};
  private static final double[] B0 = {1.5, 0.3, -0.7};
  private static final double[] T = {1.0, 2.0, -1.0};
  private static final double[] RATES = {0.1, 0.05, 0.2};
  private static final double MU = 0.9;

  /** Runs three steps in TensorFlow and returns a and b afterwards. */
  private static float[][] runTensorFlow(GradientOptimizer optimizer) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Variable<TFloat32> a = tf.withName("a").variable(tf.constant(toFloats(A0)));
      Variable<TFloat32> b = tf.withName("b").variable(tf.constant(toFloats(B0)));
      Operand<TFloat32> r = tf.math.sub(tf.math.mul(a, b), tf.constant(toFloats(T)));
      Operand<TFloat32> loss = tf.math.mul(tf.constant(0.5f), tf.sum(tf.math.square(r), tf.constant(0)));
      Placeholder<TFloat32> lr = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      Op step = optimizer.minimize(tf, loss, List.of(a, b), lr);
      try (Session session = Sessions.open(graph, 1)) {
        session.initialize();
        for (double rate : RATES) {
          try (TFloat32 rateTensor = TFloat32.scalarOf((float) rate)) {
            session.runner().feed(lr, rateTensor).addTarget(step).run().close();
          }
        }
        try (Result result = session.runner().fetch(a).fetch(b).run()) {
          return new float[][] {Tensors.toFloats(result.get(0)), Tensors.toFloats(result.get(1))};
        }
      }
    }
  }

  private static float[] toFloats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  /** Gradients of the loss at (a, b): [da, db]. */
  private static double[][] gradients(double[] a, double[] b) {
    double[][] g = new double[2][a.length];
    for (int i = 0; i < a.length; i++) {
      double r = a[i] * b[i] - T[i];
      g[0][i] = r * b[i];
      g[1][i] = r * a[i];
    }
    return g;
  }

  private static void assertClose(double[][] expected, float[][] actual) {
    for (int v = 0; v < 2; v++) {
      for (int i = 0; i < expected[v].length; i++) {
        assertEquals(expected[v][i], actual[v][i], 2e-5 * Math.max(1, Math.abs(expected[v][i])),
            "variable " + (v == 0 ? "a" : "b") + "[" + i + "]");
      }
    }
  }

  @Test
  void sgdFollowsItsRule() {
    double[][] w = {A0.clone(), B0.clone()};
    for (double lr : RATES) {
      double[][] g = gradients(w[0], w[1]);
      for (int v = 0; v < 2; v++) {
        for (int i = 0; i < 3; i++) {
          w[v][i] -= lr * g[v][i];
        }
      }
    }
    assertClose(w, runTensorFlow(new SgdOptimizer()));
  }

  @Test
  void momentumAndNesterovFollowPyTorchsRule() {
    for (boolean nesterov : new boolean[] {false, true}) {
      double[][] w = {A0.clone(), B0.clone()};
      double[][] velocity = new double[2][3];
      for (double lr : RATES) {
        double[][] g = gradients(w[0], w[1]);
        for (int v = 0; v < 2; v++) {
          for (int i = 0; i < 3; i++) {
            velocity[v][i] = MU * velocity[v][i] + g[v][i];
            w[v][i] -= lr * (nesterov ? g[v][i] + MU * velocity[v][i] : velocity[v][i]);
          }
        }
      }
      assertClose(w, runTensorFlow(new MomentumOptimizer(MU, nesterov)));
    }
  }

  @Test
  void adamFollowsItsRule() {
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-8;
    double[][] w = {A0.clone(), B0.clone()};
    double[][] m = new double[2][3];
    double[][] s = new double[2][3];
    int t = 0;
    for (double lr : RATES) {
      t++;
      double[][] g = gradients(w[0], w[1]);
      double rate = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
      for (int v = 0; v < 2; v++) {
        for (int i = 0; i < 3; i++) {
          m[v][i] = b1 * m[v][i] + (1 - b1) * g[v][i];
          s[v][i] = b2 * s[v][i] + (1 - b2) * g[v][i] * g[v][i];
          w[v][i] -= rate * m[v][i] / (Math.sqrt(s[v][i]) + eps);
        }
      }
    }
    assertClose(w, runTensorFlow(new AdamOptimizer()));
  }

  @Test
  void badSettingsAreRejectedWithTheValue() {
    var e = assertThrows(IllegalArgumentException.class, () -> new MomentumOptimizer(1.0, false));
    assertEquals("momentum must be in [0, 1), got 1.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new AdamOptimizer(0.9, 1.0, 1e-8));
  }
}
