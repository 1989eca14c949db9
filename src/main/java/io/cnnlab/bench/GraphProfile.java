package io.cnnlab.bench;

import io.cnnlab.models.Model;
import io.cnnlab.tf.Graphs;
import io.cnnlab.tf.Sessions;
import io.cnnlab.tf.Tensors;
import io.cnnlab.training.TrainConfig;
import io.cnnlab.training.TrainGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Where a training step's time goes inside TensorFlow: per-node times from the runtime's step statistics
 * ({@code RunOptions.TraceLevel.SOFTWARE_TRACE}), averaged over steps, with the kernel each node ran as
 * (e.g. {@code _MklNativeFusedConv2D}: the graph after TensorFlow's oneDNN rewrites and fusions).
 */
public final class GraphProfile {
  /**
   * One graph node.
   *
   * @param node node name ({@code gradients/Conv2DBackpropInput})
   * @param kernel what ran, from the runtime's timeline label (op type after rewrites)
   * @param millisPerStep mean time per step, start of the node to the end of its outputs
   */
  public record Node(String node, String kernel, double millisPerStep) {}

  /**
   * @param stepMillis mean wall time of a traced step as seen from Java
   * @param nodes every node that ran, slowest first
   */
  public record Profile(double stepMillis, List<Node> nodes) {
    /** Sum of the nodes' times per step; below the step time when nodes overlap, above it never by much. */
    public double nodeMillis() {
      return nodes.stream().mapToDouble(Node::millisPerStep).sum();
    }
  }

  private GraphProfile() {}

  /** Per-node times of training steps (forward, backward, update) at {@code batch}. */
  public static Profile trainStep(Model model, int batch, int threads, int steps, BenchExecution execution) {
    return steps(model, batch, threads, steps, true, execution);
  }

  /** Per-node times of inference steps: the forward pass in evaluation mode, predictions fetched (as the bench). */
  public static Profile inferStep(Model model, int batch, int threads, int steps, BenchExecution execution) {
    return steps(model, batch, threads, steps, false, execution);
  }

  private static Profile steps(Model model, int batch, int threads, int steps, boolean training,
      BenchExecution execution) {
    if (batch < 1 || threads < 1 || steps < 1) {
      throw new IllegalArgumentException("batch, threads and steps must be >= 1");
    }
    SplittableRandom random = new SplittableRandom(1);
    float[] x = new float[batch * model.inputHeight() * model.inputWidth() * model.inputChannels()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble();
    }
    int[] y = random.ints(batch, 0, model.classes()).toArray();
    Map<String, Long> micros = new HashMap<>();
    Map<String, String> kernels = new HashMap<>();
    long wall = 0;
    RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.SOFTWARE_TRACE).build();
    try (Graph graph = Graphs.create()) {
      TrainConfig config = execution.config(batch, threads, 0, 1);
      TrainGraph g = TrainGraph.build(graph, model, config, execution.resolve(model, config));
      try (Session s = Sessions.open(graph, g.execution().sessionConfig());
          TFloat32 images = Tensors.floats(x, batch, model.inputHeight(), model.inputWidth(), model.inputChannels());
          TInt32 labels = Tensors.ints(y, batch);
          TBool flag = TBool.scalarOf(training);
          TFloat32 rate = TFloat32.scalarOf((float) StepBench.LEARNING_RATE)) {
        s.initialize();
        for (int i = -5; i < steps; i++) {
          Session.Runner r = s.runner().feed(g.images(), images).feed(g.training(), flag);
          r = training ? r.feed(g.labels(), labels).feed(g.learningRate(), rate).addTarget(g.trainStep())
              .fetch(g.loss()) : r.fetch(g.predictions());
          if (i < 0) {
            r.run().close();
            continue;
          }
          long t0 = System.nanoTime();
          try (Result result = r.setOptions(trace).runAndFetchMetadata()) {
            wall += System.nanoTime() - t0;
            RunMetadata meta = result.getMetadata().orElseThrow(
                () -> new IllegalStateException("TensorFlow returned no run metadata for a traced step"));
            for (DeviceStepStats d : meta.getStepStats().getDevStatsList()) {
              for (NodeExecStats n : d.getNodeStatsList()) {
                micros.merge(n.getNodeName(), n.getAllEndRelMicros(), Long::sum);
                kernels.putIfAbsent(n.getNodeName(), kernelOf(n.getTimelineLabel()));
              }
            }
          }
        }
      }
    }
    List<Node> nodes = new ArrayList<>();
    micros.forEach((name, us) -> nodes.add(new Node(name, kernels.get(name), us / 1e3 / steps)));
    nodes.sort(Comparator.comparingDouble(Node::millisPerStep).reversed());
    return new Profile(wall / 1e6 / steps, nodes);
  }

  /**
   * The op type in a timeline label such as {@code [mklcpu 1.1MB 1.1MB] conv1/BiasAdd = _MklNativeFusedConv2D(a,
   * b)}: the word after {@code = }, or the whole label when it has none.
   */
  static String kernelOf(String label) {
    int eq = label.indexOf(" = ");
    if (eq < 0) {
      return label.strip();
    }
    int paren = label.indexOf('(', eq);
    return label.substring(eq + 3, paren < 0 ? label.length() : paren).strip();
  }
}
