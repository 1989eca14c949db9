package io.cnnlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.nn.BatchNorm;
import io.cnnlab.nn.Losses;
import io.cnnlab.tf.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.GradientDescent;
import org.tensorflow.framework.optimizers.Momentum;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** A batch-norm LeNet under the framework's GradientDescent, as the trainer runs it. */
class LeNetBatchNormTrainingTest {
  private static final int BATCH = 8;

  /** The model, a loss on fed labels and {@code GradientDescent.minimize}. */
  private record Setup(BuiltModel model, Placeholder<TInt32> labels, Op train) implements AutoCloseable {
    static Setup create() {
      BuiltModel m = BuiltModel.of(new LeNet(LeNetConfig.batchNormVariant()), 3);
      Placeholder<TInt32> labels = m.tf().placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> loss = Losses.softmaxCrossEntropy(m.tf(), m.outputs().logits(), labels, 10);
      return new Setup(m, labels, new GradientDescent(m.graph(), 0.5f).minimize(loss));
    }

    /** One training step on batch {@code seed}, with or without the model's training updates. */
    void step(Session session, long seed, boolean withUpdates) {
      int[] y = new int[BATCH];
      for (int i = 0; i < BATCH; i++) {
        y[i] = (int) ((seed + i) % 10);
      }
      try (TFloat32 x = Tensors.floats(BuiltModel.images(BATCH, 28, 1, seed), BATCH, 28, 28, 1);
          TInt32 yt = Tensors.ints(y, BATCH); TBool on = TBool.scalarOf(true)) {
        Session.Runner r = session.runner().feed(model.images(), x).feed(labels, yt).feed(model.training(), on)
            .addTarget(train);
        if (withUpdates) {
          model.outputs().trainingUpdates().forEach(r::addTarget);
        }
        r.run();
      }
    }

    @Override
    public void close() {
      model.close();
    }
  }

  private static float[] value(Session session, String variable) {
    try (Result r = session.runner().fetch(variable).run()) {
      return Tensors.toFloats(r.get(0));
    }
  }

  private static float[] logits(Session session, BuiltModel m, float[] images, int n, boolean training) {
    try (TFloat32 x = Tensors.floats(images, n, 28, 28, 1); TBool flag = TBool.scalarOf(training);
        Result r = session.runner().feed(m.images(), x).feed(m.training(), flag).fetch(m.outputs().logits()).run()) {
      return Tensors.toFloats(r.get(0));
    }
  }

  @Test
  void gradientDescentNeverWritesTheMovingAveragesOnlyTheTrainingUpdatesDo() {
    try (Setup s = Setup.create(); Session session = new Session(s.model().graph())) {
      List<String> applied = new ArrayList<>();
      for (Iterator<GraphOperation> it = s.model().graph().operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        if (op.type().equals("ApplyGradientDescent")) {
          applied.add(op.input(0).op().name());
        }
      }
      Map<String, long[]> variables = GraphVariables.shapes(s.model().graph());
      List<String> trainable = variables.keySet().stream().filter(v -> !BatchNorm.isMovingAverage(v)).sorted().toList();
      assertEquals(trainable, applied.stream().sorted().toList(), "the optimizer updates exactly the parameters");
      assertEquals(18, trainable.size());
      assertEquals(26, variables.size());

      session.initialize();
      float[] mean0 = value(session, "bn1_moving_mean");
      float[] gamma0 = value(session, "bn1_gamma");
      float[] kernel0 = value(session, "conv1_kernel");
      s.step(session, 1, false);
      assertArrayEquals(mean0, value(session, "bn1_moving_mean"), "the optimizer step leaves the moving mean");
      for (String v : variables.keySet()) {
        if (BatchNorm.isMovingAverage(v)) {
          float expected = v.endsWith("variance") ? 1f : 0f;
          for (float f : value(session, v)) {
            assertEquals(expected, f, v + " still at its initial value");
          }
        }
      }
      assertFalse(Arrays.equals(gamma0, value(session, "bn1_gamma")), "bn1_gamma trained");
      assertFalse(Arrays.equals(kernel0, value(session, "conv1_kernel")), "conv1_kernel trained");

      // The next step's updates must move bn1's averages 10% towards conv1's batch statistics.
      float[] conv1;
      try (TFloat32 x = Tensors.floats(BuiltModel.images(BATCH, 28, 1, 2), BATCH, 28, 28, 1);
          TBool on = TBool.scalarOf(true);
          Result r = session.runner().feed(s.model().images(), x).feed(s.model().training(), on)
              .fetch(s.model().outputs().taps().get(0).output()).run()) {
        assertEquals("conv1", s.model().outputs().taps().get(0).name());
        conv1 = Tensors.toFloats(r.get(0));
      }
      double[] mean = new double[6];
      double[] var = new double[6];
      int rows = conv1.length / 6;
      for (int i = 0; i < conv1.length; i++) {
        mean[i % 6] += conv1[i] / (double) rows;
      }
      for (int i = 0; i < conv1.length; i++) {
        var[i % 6] += Math.pow(conv1[i] - mean[i % 6], 2) / rows;
      }
      s.step(session, 2, true);
      float[] movingMean = value(session, "bn1_moving_mean");
      float[] movingVar = value(session, "bn1_moving_variance");
      for (int c = 0; c < 6; c++) {
        assertEquals(0.1 * mean[c], movingMean[c], 1e-5, "moving mean " + c);
        assertEquals(0.9 + 0.1 * var[c], movingVar[c], 1e-5, "moving variance " + c);
      }
    }
  }

  @Test
  void momentumAndAdamBuildTheirSlotsAndAlsoSkipTheMovingAverages() {
    for (String optimizer : List.of("Momentum", "Adam")) {
      try (BuiltModel m = BuiltModel.of(new LeNet(LeNetConfig.batchNormVariant()), 3);
          Session session = new Session(m.graph())) {
        Placeholder<TInt32> labels = m.tf().placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        Operand<TFloat32> loss = Losses.softmaxCrossEntropy(m.tf(), m.outputs().logits(), labels, 10);
        Op train = optimizer.equals("Adam") ? new Adam(m.graph(), 0.01f).minimize(loss)
            : new Momentum(m.graph(), 0.1f, 0.9f, true).minimize(loss);
        List<String> applied = new ArrayList<>();
        for (Iterator<GraphOperation> it = m.graph().operations(); it.hasNext(); ) {
          GraphOperation op = it.next();
          if (op.type().equals("Apply" + optimizer)) {
            applied.add(op.input(0).op().name());
          }
        }
        assertEquals(18, applied.size(), optimizer + " applies to the 18 parameters");
        assertTrue(applied.stream().noneMatch(BatchNorm::isMovingAverage), optimizer + ": " + applied);
        session.initialize();
        try (TFloat32 x = Tensors.floats(BuiltModel.images(BATCH, 28, 1, 1), BATCH, 28, 28, 1);
            TInt32 y = Tensors.ints(new int[BATCH], BATCH); TBool on = TBool.scalarOf(true)) {
          session.runner().feed(m.images(), x).feed(labels, y).feed(m.training(), on).addTarget(train).run();
        }
        for (float v : value(session, "bn2_moving_variance")) {
          assertEquals(1f, v, optimizer + " left the moving variance alone");
        }
      }
    }
  }

  @Test
  void inEvaluationASampleAloneGetsTheSameLogitsAsInsideABatch() {
    try (Setup s = Setup.create(); Session session = new Session(s.model().graph())) {
      session.initialize();
      for (int step = 0; step < 3; step++) {
        s.step(session, 10 + step, true);
      }
      int n = 4;
      float[] images = BuiltModel.images(n, 28, 1, 99);
      float[] batch = logits(session, s.model(), images, n, false);
      float[] batchTraining = logits(session, s.model(), images, n, true);
      int pixels = 28 * 28;
      for (int i = 0; i < n; i++) {
        float[] one = Arrays.copyOfRange(images, i * pixels, (i + 1) * pixels);
        assertArrayEquals(Arrays.copyOfRange(batch, i * 10, i * 10 + 10), logits(session, s.model(), one, 1, false),
            1e-5f, "sample " + i);
      }
      // In training mode the batch statistics differ from the moving averages: different logits.
      assertFalse(Arrays.equals(batch, batchTraining));
    }
  }

  @Test
  void aCheckpointRestoresWeightsAndMovingAverages(@TempDir Path dir) {
    float[] images = BuiltModel.images(3, 28, 1, 7);
    try (Setup s = Setup.create()) {
      float[] trained;
      try (Session session = new Session(s.model().graph())) {
        session.initialize();
        s.step(session, 1, true);
        s.step(session, 2, true);
        trained = logits(session, s.model(), images, 3, false);
        session.save(dir.resolve("ckpt").toString());
      }
      try (Session fresh = new Session(s.model().graph())) {
        fresh.initialize();
        assertFalse(Arrays.equals(trained, logits(fresh, s.model(), images, 3, false)), "fresh weights differ");
      }
      try (Session restored = new Session(s.model().graph())) {
        restored.restore(dir.resolve("ckpt").toString());
        assertArrayEquals(trained, logits(restored, s.model(), images, 3, false));
        assertTrue(value(restored, "bn2_moving_variance")[0] != 1f, "moving variance restored, not re-initialized");
      }
    }
  }
}
