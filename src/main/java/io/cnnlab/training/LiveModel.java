package io.cnnlab.training;

import io.cnnlab.data.loading.Batch;
import io.cnnlab.data.loading.BatchSource;
import io.cnnlab.data.loading.BatchStream;
import io.cnnlab.tf.Graphs;
import io.cnnlab.tf.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The model a {@link Trainer} is training, for listeners that show more than the metrics (TensorBoard's graph,
 * histograms and kernels): its graph, its trainable variables and their gradients on a fixed batch. Handed to
 * listeners in {@link TrainListener.RunStart}; usable on the training thread, from the listener calls, until the
 * run's {@code onFinish} or {@code onFailure} returns (the session closes then). Nothing here changes the model:
 * reading gradients runs no update.
 */
public final class LiveModel {
  /** The gradients are computed on the first this many training images of epoch 1's order (a fixed batch). */
  static final int PROBE_IMAGES = 64;

  private final Graph graph;
  private final Session session;
  private final TrainGraph train;
  private final BatchSource trainData;
  private Batch probe;

  LiveModel(Graph graph, Session session, TrainGraph train, BatchSource trainData) {
    this.graph = graph;
    this.session = session;
    this.train = train;
    this.trainData = trainData;
  }

  /**
   * Values of one tensor, row-major.
   *
   * @param name the variable's name ({@code conv1_kernel})
   * @param shape its dimensions
   * @param values {@code product(shape)} floats
   */
  public record NamedArray(String name, long[] shape, float[] values) {}

  /** The training graph as a serialized {@code GraphDef}, as TensorBoard's graph view reads it. */
  public byte[] graphDef() {
    return Graphs.graphDefBytes(graph);
  }

  /** Every trainable variable's current value, in graph order. */
  public List<NamedArray> weights() {
    List<Operand<TFloat32>> fetched = new ArrayList<>(train.trainable());
    return fetch(session.runner(), fetched, names());
  }

  /**
   * The gradient of the training objective with respect to each trainable variable (as {@link #weights()}),
   * computed in training mode on a fixed batch: the first {@value #PROBE_IMAGES} images of epoch 1's order.
   */
  public List<NamedArray> gradients() {
    if (probe == null) {
      probe = first(trainData, PROBE_IMAGES);
    }
    try (TFloat32 x = Tensors.floats(probe.images(), probe.shape());
        TInt32 y = Tensors.ints(probe.labels(), probe.size());
        TBool training = TBool.scalarOf(true)) {
      Session.Runner runner = session.runner().feed(train.images(), x).feed(train.labels(), y)
          .feed(train.training(), training);
      return fetch(runner, train.gradients(), names());
    }
  }

  private List<String> names() {
    return train.trainable().stream().map(v -> v.op().name()).toList();
  }

  private static List<NamedArray> fetch(Session.Runner runner, List<Operand<TFloat32>> fetched, List<String> names) {
    fetched.forEach(runner::fetch);
    List<NamedArray> out = new ArrayList<>(fetched.size());
    try (Result r = runner.run()) {
      for (int i = 0; i < fetched.size(); i++) {
        out.add(new NamedArray(names.get(i), r.get(i).shape().asArray(), Tensors.toFloats(r.get(i))));
      }
    }
    return out;
  }

  /** The first {@code n} samples (or all of the first batch, if fewer) of epoch 1 of {@code source}. */
  private static Batch first(BatchSource source, int n) {
    try (BatchStream stream = source.epoch(0)) {
      if (!stream.hasNext()) {
        throw new IllegalStateException("the data source yielded no batch to read the model on");
      }
      Batch b = stream.next();
      int k = Math.min(n, b.size());
      int per = b.height() * b.width() * b.channels();
      return new Batch(Arrays.copyOf(b.images(), k * per), Arrays.copyOf(b.labels(), k), k, b.height(), b.width(),
          b.channels());
    }
  }
}
