package io.cnnlab.training;

import io.cnnlab.data.loading.Batch;
import io.cnnlab.data.loading.BatchSource;
import io.cnnlab.data.loading.BatchStream;
import io.cnnlab.graph.ModelOutputs;
import io.cnnlab.tf.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The model a {@link Trainer} is training, for listeners that show more than the metrics (TensorBoard's graph,
 * histograms and images): its graph, its trainable variables, their gradients on a fixed batch and the network's
 * maps of a few test images. Handed to listeners in {@link TrainListener.RunStart}; usable on the training thread,
 * from the listener calls, until the run's {@code onFinish} or {@code onFailure} returns (the session closes then).
 * Nothing here changes the model: reading gradients runs no update.
 */
public final class LiveModel {
  /** The gradients are computed on the first this many training images of epoch 1's order (a fixed batch). */
  static final int PROBE_IMAGES = 64;

  private final Graph graph;
  private final Session session;
  private final TrainGraph train;
  private final BatchSource trainData;
  private final BatchSource testData;
  private Batch probe;

  LiveModel(Graph graph, Session session, TrainGraph train, BatchSource trainData, BatchSource testData) {
    this.graph = graph;
    this.session = session;
    this.train = train;
    this.trainData = trainData;
    this.testData = testData;
  }

  /**
   * Values of one tensor, row-major.
   *
   * @param name the variable's or tap's name ({@code conv1_kernel}, {@code pool1}; {@code input} for the images)
   * @param shape its dimensions
   * @param values {@code product(shape)} floats
   */
  public record NamedArray(String name, long[] shape, float[] values) {}

  /** The training graph as TensorBoard's graph view reads it. */
  public GraphDef graphDef() {
    return graph.toGraphDef();
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

  /**
   * The first {@code images} test images ({@code input}) and what every spatial (4-D) tap of the network makes of
   * them in evaluation mode, in layer order; each shaped {@code [images, H, W, C]}.
   */
  public List<NamedArray> featureMaps(int images) {
    Batch batch = first(testData, images);
    List<ModelOutputs.Tap> spatial = train.outputs().taps().stream()
        .filter(t -> t.output().shape().numDimensions() == 4).toList();
    try (TFloat32 x = Tensors.floats(batch.images(), batch.shape());
        TBool evaluation = TBool.scalarOf(false)) {
      Session.Runner runner = session.runner().feed(train.images(), x).feed(train.training(), evaluation);
      List<NamedArray> out = new ArrayList<>();
      out.add(new NamedArray("input", batch.shape(), batch.images()));
      out.addAll(fetch(runner, spatial.stream().map(ModelOutputs.Tap::output).toList(),
          spatial.stream().map(ModelOutputs.Tap::name).toList()));
      return out;
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
