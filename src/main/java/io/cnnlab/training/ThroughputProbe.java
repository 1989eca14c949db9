package io.cnnlab.training;

import io.cnnlab.graph.Execution;
import io.cnnlab.models.Model;
import io.cnnlab.tf.Graphs;
import io.cnnlab.tf.Sessions;
import io.cnnlab.tf.Tensors;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Times training steps of a model on one random batch fed over and over: the model's compute and the
 * session overhead, without data loading. Runs the same graph and step op as {@link Trainer}.
 */
final class ThroughputProbe {
  private static final int WARMUP_STEPS = 5;

  private ThroughputProbe() {}

  static Throughput measure(Model model, TrainConfig config, Execution execution, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("throughput needs >= 1 timed step, got " + steps);
    }
    int n = config.batchSize();
    SplittableRandom random = new SplittableRandom(config.seed());
    float[] images = new float[n * model.inputHeight() * model.inputWidth() * model.inputChannels()];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextDouble(-1, 1);
    }
    int[] labels = random.ints(n, 0, model.classes()).toArray();
    long[] shape = {n, model.inputHeight(), model.inputWidth(), model.inputChannels()};
    long[] stepNanos = new long[steps];
    try (Graph graph = Graphs.create()) {
      TrainGraph g = TrainGraph.build(graph, model, config, execution);
      try (Session session = Sessions.open(graph, execution.sessionConfig());
          TBool flag = TBool.scalarOf(true);
          TFloat32 learningRate = TFloat32.scalarOf((float) config.learningRate());
          TFloat32 x = Tensors.floats(images, shape);
          TInt32 y = Tensors.ints(labels, n)) {
        session.initialize();
        for (int i = -WARMUP_STEPS; i < steps; i++) {
          long t0 = System.nanoTime();
          try (Result r = session.runner().feed(g.images(), x).feed(g.labels(), y).feed(g.training(), flag)
              .feed(g.learningRate(), learningRate).addTarget(g.trainStep()).fetch(g.loss()).run()) {
            Tensors.scalar(r.get(0));
          }
          if (i >= 0) {
            stepNanos[i] = System.nanoTime() - t0;
          }
        }
      }
    }
    long total = Arrays.stream(stepNanos).sum();
    long[] sorted = stepNanos.clone();
    Arrays.sort(sorted);
    return new Throughput(model.name(), n, steps, execution.threads(),
        (double) n * steps / (total / 1e9), sorted[steps / 2] / 1e6);
  }
}
