package io.cnnlab.bench;

import io.cnnlab.data.loading.Batch;
import io.cnnlab.data.loading.BatchSource;
import io.cnnlab.data.loading.BatchStream;
import io.cnnlab.models.Model;
import io.cnnlab.tf.Graphs;
import io.cnnlab.tf.Sessions;
import io.cnnlab.tf.Tensors;
import io.cnnlab.training.TrainConfig;
import io.cnnlab.training.TrainGraph;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Where the time of a training epoch goes, step part by step part, on real data through the loader — the
 * trainer's loop, timed finer: waiting for the next batch, copying it into tensors (feeding), the session run
 * (forward, backward, update; the fetched tensors handed over), and reading the fetched loss and correct count
 * and closing everything (fetching). Epochs with each thread count alternate.
 */
public final class StepComposition {
  /**
   * Mean milliseconds per step of each part over the timed epochs, and the epoch total.
   *
   * @param threads intra-op threads
   * @param workers loader worker threads
   * @param steps timed steps (all epochs)
   * @param waitMs data wait per step
   * @param feedMs host-to-tensor copying per step
   * @param runMs session run per step
   * @param fetchMs reading results and closing tensors per step
   * @param epochSeconds wall time of one epoch (median over the timed epochs)
   * @param imagesPerSecond images per second over whole epochs, loading included
   */
  public record Parts(int threads, int workers, int steps, double waitMs, double feedMs, double runMs,
      double fetchMs, double epochSeconds, double imagesPerSecond) {
    /** Per-step total of the timed parts. */
    public double totalMs() {
      return waitMs + feedMs + runMs + fetchMs;
    }

    /** Share of the epoch spent waiting for data. */
    public double waitShare() {
      return waitMs / totalMs();
    }
  }

  private StepComposition() {}

  /**
   * One untimed warm-up epoch per thread count, then {@code epochs} timed epochs each, alternating.
   *
   * @param data the training batches (its worker count is reported as given)
   * @param batch their size, which the graph is built for
   */
  public static List<Parts> measure(Model model, BatchSource data, int batch, int workers, List<Integer> threads,
      int epochs, BenchExecution execution) {
    if (epochs < 1 || threads.isEmpty()) {
      throw new IllegalArgumentException("need >= 1 epoch and >= 1 thread count, got " + epochs + ", " + threads);
    }
    io.cnnlab.tf.Sessions.requirePerSessionPools("the step composition", threads);
    long[][] nanos = new long[threads.size()][4];
    int[] steps = new int[threads.size()];
    double[][] epochSeconds = new double[threads.size()][epochs];
    long[] images = new long[threads.size()];
    // A graph per thread count, as the trainer builds one for its threads (towers and chunks follow them)
    List<Graph> graphs = new ArrayList<>();
    List<TrainGraph> built = new ArrayList<>();
    List<Session> sessions = new ArrayList<>();
    try (TBool flag = TBool.scalarOf(true);
        TFloat32 rate = TFloat32.scalarOf((float) StepBench.LEARNING_RATE)) {
      for (int t : threads) {
        Graph graph = Graphs.create();
        graphs.add(graph);
        TrainConfig config = execution.config(batch, t, 0, 1);
        TrainGraph g = TrainGraph.build(graph, model, config, execution.resolve(model, config));
        built.add(g);
        Session s = Sessions.open(graph, g.execution().sessionConfig());
        sessions.add(s);
        s.initialize();
      }
      int epoch = 0;
      for (int e = -1; e < epochs; e++) {
        for (int i = 0; i < threads.size(); i++) {
          long[] parts = new long[4];
          long start = System.nanoTime();
          int n = runEpoch(sessions.get(i), built.get(i), flag, rate, data.epoch(epoch++), parts);
          if (e >= 0) {
            epochSeconds[i][e] = (System.nanoTime() - start) / 1e9;
            for (int k = 0; k < 4; k++) {
              nanos[i][k] += parts[k];
            }
            steps[i] += data.batchesPerEpoch();
            images[i] += n;
          }
        }
      }
    } finally {
      sessions.forEach(Session::close);
      graphs.forEach(Graph::close);
    }
    List<Parts> out = new ArrayList<>();
    for (int i = 0; i < threads.size(); i++) {
      double perStep = 1e6 * steps[i];
      double total = 0;
      for (double s : epochSeconds[i]) {
        total += s;
      }
      out.add(new Parts(threads.get(i), workers, steps[i], nanos[i][0] / perStep, nanos[i][1] / perStep,
          nanos[i][2] / perStep, nanos[i][3] / perStep, Stats.of(epochSeconds[i]).median(), images[i] / total));
    }
    return out;
  }

  /** One epoch; adds wait, feed, run and fetch nanoseconds to {@code parts}; returns images trained. */
  private static int runEpoch(Session s, TrainGraph g, TBool flag, TFloat32 rate, BatchStream stream, long[] parts) {
    int images = 0;
    float sink = 0;
    try (stream) {
      while (true) {
        long t0 = System.nanoTime();
        if (!stream.hasNext()) {
          break;
        }
        Batch b = stream.next();
        long t1 = System.nanoTime();
        long t2;
        long t3;
        try (TFloat32 x = Tensors.floats(b.images(), b.shape());
            TInt32 y = Tensors.ints(b.labels(), b.size())) {
          t2 = System.nanoTime();
          try (Result r = s.runner().feed(g.images(), x).feed(g.labels(), y).feed(g.training(), flag)
              .feed(g.learningRate(), rate).addTarget(g.trainStep()).fetch(g.loss()).fetch(g.correct()).run()) {
            t3 = System.nanoTime();
            sink += Tensors.scalar(r.get(0)) + Tensors.scalar(r.get(1));
          }
        }
        long t4 = System.nanoTime();
        parts[0] += t1 - t0;
        parts[1] += t2 - t1;
        parts[2] += t3 - t2;
        parts[3] += t4 - t3;
        images += b.size();
      }
    }
    if (Float.isNaN(sink)) {
      throw new IllegalStateException("training loss became NaN while measuring the step composition");
    }
    return images;
  }
}
