package io.cnnlab.bench;

import io.cnnlab.graph.Execution;
import io.cnnlab.models.Model;
import io.cnnlab.tf.Graphs;
import io.cnnlab.tf.Sessions;
import io.cnnlab.tf.Tensors;
import io.cnnlab.training.TrainConfig;
import io.cnnlab.training.TrainGraph;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Timed training and inference steps of one model on random data: the trainer's graph
 * ({@link TrainGraph}, plain SGD, the forms of a {@link BenchExecution}) built once per tower count, batch size and
 * threads, one session per thread setting, so steps of
 * different batch sizes and settings can be interleaved in one process. Data loading is not part of a step here (see
 * {@link StepComposition}); a training step is what {@link io.cnnlab.training.Trainer} does per batch: copy
 * the batch into fresh tensors, run the step op and read loss and correct count back.
 */
public final class StepBench implements AutoCloseable {
  /** Learning rate of the benchmark's SGD: small, so random data cannot drive the loss to NaN. */
  static final double LEARNING_RATE = 0.01;

  private final Model model;
  private final Map<GraphKey, Graph> graphs = new HashMap<>();
  private final Map<GraphKey, TrainGraph> trainGraphs = new HashMap<>();
  private final Map<String, Session> sessions = new HashMap<>();
  private final Map<Integer, float[]> images = new HashMap<>();
  private final Map<Integer, int[]> labels = new HashMap<>();
  private final Map<Integer, TFloat32> reusedImages = new HashMap<>();
  private final Map<Integer, TInt32> reusedLabels = new HashMap<>();
  private final TBool trainFlag = TBool.scalarOf(true);
  private final TBool evalFlag = TBool.scalarOf(false);
  private final TFloat32 rate = TFloat32.scalarOf((float) LEARNING_RATE);
  private final long seed;
  private final BenchExecution execution;

  public StepBench(Model model, long seed, BenchExecution execution) {
    this.model = model;
    this.seed = seed;
    this.execution = execution;
  }

  /** Seconds taken by {@code steps} training steps at batch {@code batch} run as {@code variant} says. */
  public double trainSeconds(StepVariant variant, int batch, int steps) {
    StepVariant v = variant.resolve(model, batch, execution);
    Session session = session(v, batch);
    TrainGraph g = trainGraphs.get(GraphKey.of(v, batch));
    float[] x = images(batch);
    int[] y = labels.get(batch);
    long[] shape = {batch, model.inputHeight(), model.inputWidth(), model.inputChannels()};
    float sink = 0;
    long start = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      TFloat32 xt = variant.freshTensors() ? Tensors.floats(x, shape) : reusedImages.get(batch);
      TInt32 yt = variant.freshTensors() ? Tensors.ints(y, batch) : reusedLabels.get(batch);
      try {
        Session.Runner r = session.runner().feed(g.images(), xt).feed(g.labels(), yt)
            .feed(g.training(), trainFlag).feed(g.learningRate(), rate).addTarget(g.trainStep());
        switch (variant.fetch()) {
          case LOSS_AND_CORRECT -> r.fetch(g.loss()).fetch(g.correct());
          case LOSS -> r.fetch(g.loss());
          case NONE -> { }
        }
        try (Result result = r.run()) {
          for (int k = 0; k < result.size(); k++) {
            sink += Tensors.scalar(result.get(k));
          }
        }
      } finally {
        if (variant.freshTensors()) {
          xt.close();
          yt.close();
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (Float.isNaN(sink)) {
      throw new IllegalStateException(model.name() + ": the benchmark's training loss became NaN at batch " + batch);
    }
    return seconds;
  }

  /**
   * Seconds taken by {@code steps} inference steps at batch {@code batch}: fresh input tensor, forward pass
   * in evaluation mode, predicted classes read back (as the peers' inference step).
   */
  public double inferSeconds(StepVariant variant, int batch, int steps) {
    StepVariant v = variant.resolve(model, batch, execution);
    Session session = session(v, batch);
    TrainGraph g = trainGraphs.get(GraphKey.of(v, batch));
    float[] x = images(batch);
    long[] shape = {batch, model.inputHeight(), model.inputWidth(), model.inputChannels()};
    long sink = 0;
    long start = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      try (TFloat32 xt = Tensors.floats(x, shape);
          Result result = session.runner().feed(g.images(), xt).feed(g.training(), evalFlag)
              .fetch(g.predictions()).run()) {
        sink += Tensors.toInts(result.get(0))[batch - 1];
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (sink < 0) {
      throw new IllegalStateException("negative class index predicted");
    }
    return seconds;
  }

  /** The model measured. */
  public Model model() {
    return model;
  }

  /** How the graph for {@code variant} at batch {@code batch} computes (its resolved towers, forms and chunks). */
  public Execution execution(StepVariant variant, int batch) {
    StepVariant v = variant.resolve(model, batch, execution);
    session(v, batch); // builds the graph, resolving its execution, unless it is there
    return trainGraphs.get(GraphKey.of(v, batch)).execution();
  }

  /**
   * What a graph is built for: its towers, and the batch size and threads per tower that fix how its execution
   * cuts batches into chunks, as the trainer builds it.
   */
  private record GraphKey(int towers, int batch, int threads) {
    static GraphKey of(StepVariant resolved, int batch) {
      return new GraphKey(resolved.towers(), batch, resolved.intraThreads());
    }
  }

  /** The session of a resolved variant, on the graph built for its towers, batch size and threads. */
  private Session session(StepVariant variant, int batch) {
    GraphKey key = GraphKey.of(variant, batch);
    Graph graph = graphs.computeIfAbsent(key, k -> {
      Graph built = Graphs.create();
      TrainConfig config = execution.config(k.batch(), k.threads() * k.towers(), k.towers(), seed);
      trainGraphs.put(k, TrainGraph.build(built, model, config, execution.resolve(model, config)));
      return built;
    });
    return sessions.computeIfAbsent(variant.sessionKey() + "/" + batch, k -> {
      Session s = Sessions.open(graph, variant.sessionConfig());
      s.initialize();
      return s;
    });
  }

  /** Random images in [0, 1) and labels for batch size {@code batch}, made once per size. */
  private float[] images(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batch);
    }
    return images.computeIfAbsent(batch, n -> {
      SplittableRandom random = new SplittableRandom(seed + n);
      float[] x = new float[n * model.inputHeight() * model.inputWidth() * model.inputChannels()];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextDouble();
      }
      int[] y = random.ints(n, 0, model.classes()).toArray();
      labels.put(n, y);
      reusedImages.put(n, Tensors.floats(x, n, model.inputHeight(), model.inputWidth(), model.inputChannels()));
      reusedLabels.put(n, Tensors.ints(y, n));
      return x;
    });
  }

  @Override
  public void close() {
    sessions.values().forEach(Session::close);
    reusedImages.values().forEach(TFloat32::close);
    reusedLabels.values().forEach(TInt32::close);
    trainFlag.close();
    evalFlag.close();
    rate.close();
    graphs.values().forEach(Graph::close);
  }
}
