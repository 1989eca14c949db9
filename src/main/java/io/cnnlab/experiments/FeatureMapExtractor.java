package io.cnnlab.experiments;

import io.cnnlab.data.ImageSet;
import io.cnnlab.data.Normalization;
import io.cnnlab.image.Luma;
import io.cnnlab.graph.Execution;
import io.cnnlab.graph.Lowering;
import io.cnnlab.graph.ModelOutputs;
import io.cnnlab.models.Model;
import io.cnnlab.nn.Losses;
import io.cnnlab.nn.StepSeed;
import io.cnnlab.ops.edges.EdgeCombination;
import io.cnnlab.ops.edges.EdgeDetector;
import io.cnnlab.ops.edges.EdgeOperator;
import io.cnnlab.runs.FeatureMaps.Example;
import io.cnnlab.runs.FeatureMaps.Kernel;
import io.cnnlab.runs.FeatureMaps.Layer;
import io.cnnlab.runs.FeatureMaps;
import io.cnnlab.runs.RunFileException;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.tf.Graphs;
import io.cnnlab.tf.Sessions;
import io.cnnlab.tf.Tensors;
import io.cnnlab.training.checkpoint.CheckpointStore;
import io.cnnlab.training.checkpoint.VariableSaver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What a trained network computes from a few test images: it rebuilds the model in the forms the run trained in
 * (its execution), restores the run's last checkpoint, and runs every spatial (4-D) tap, the prediction and the first convolution's kernel; beside
 * that, Prewitt and Sobel edge strengths of the same images, so learned and designed filters can be compared.
 * Only reads; never trains. {@link FeatureMapWriter} runs it at the end of a training run.
 */
public final class FeatureMapExtractor {
  private FeatureMapExtractor() {}

  /** Images are fed as {@code TrainingJob}'s loaders feed them. */
  private static final Normalization INPUT = TrainingJob.INPUT;

  /** Whether the run in {@code runDir} left a checkpoint folder to restore weights from. */
  public static boolean hasCheckpoint(Path runDir) {
    return java.nio.file.Files.isDirectory(new RunFolder(runDir).checkpoint());
  }

  /**
   * The index of the first test image of each class, in class order, for at most {@code maxClasses} classes
   * (classes without any image are skipped).
   */
  public static int[] firstOfEachClass(ImageSet test, int maxClasses) {
    int classes = Math.min(maxClasses, test.classes());
    int[] first = new int[classes];
    Arrays.fill(first, -1);
    int found = 0;
    for (int i = 0; i < test.count() && found < classes; i++) {
      int label = test.label(i);
      if (label < classes && first[label] < 0) {
        first[label] = i;
        found++;
      }
    }
    return Arrays.stream(first).filter(i -> i >= 0).toArray();
  }

  /**
   * Restores the last checkpoint of the run in {@code runDir} into {@code model}, lowered as {@code execution}
   * says, and runs the test images at {@code indices}.
   *
   * @throws RunFileException naming the checkpoint when there is none or it does not fit the model
   */
  public static FeatureMaps extract(Model model, Execution execution, Path runDir, ImageSet test, int[] indices)
      throws RunFileException {
    Path checkpointDir = new RunFolder(runDir).checkpoint();
    CheckpointStore.State state;
    try {
      state = new CheckpointStore(checkpointDir).load().orElseThrow(() -> new IllegalStateException(
          "holds no checkpoint (no checkpoint.properties); feature maps need the run's trained weights"));
    } catch (RuntimeException e) {
      throw new RunFileException(checkpointDir, e.getMessage(), e);
    }
    if (test.height() != model.inputHeight() || test.width() != model.inputWidth()
        || test.channels() != model.inputChannels()) {
      throw new IllegalArgumentException("test images " + test + " do not fit model " + model.name() + " taking "
          + model.inputHeight() + "x" + model.inputWidth() + "x" + model.inputChannels());
    }
    int n = indices.length;
    float[] batch = pixels(test, indices);
    try (Graph graph = Graphs.create()) {
      Ops tf = Ops.create(graph);
      // Built as TrainGraph builds it, so the variables carry the names the checkpoint holds.
      Placeholder<TFloat32> images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(
          Shape.of(-1, model.inputHeight(), model.inputWidth(), model.inputChannels())));
      Placeholder<TBool> training = tf.withName("training").placeholder(TBool.class, Placeholder.shape(Shape.scalar()));
      ModelOutputs outputs = Lowering.build(tf, model, execution, images, training, StepSeed.fixed(0L));
      Operand<TInt32> predictions = Losses.predictions(tf, outputs.logits());
      List<ModelOutputs.Tap> spatial = outputs.taps().stream().filter(t -> t.output().shape().numDimensions() == 4).toList();
      GraphOperation kernel = firstKernel(graph, spatial);
      VariableSaver saver = new VariableSaver(graph);
      try (Session session = Sessions.open(graph, execution.threads());
          TFloat32 in = Tensors.floats(batch, n, model.inputHeight(), model.inputWidth(), model.inputChannels());
          TBool evaluation = TBool.scalarOf(false)) {
        try {
          saver.restore(session, state.variablesPrefix().toString());
        } catch (RuntimeException e) { // TensorFlow reports missing keys and shape mismatches as various unchecked types
          throw new RunFileException(state.variablesPrefix(), "does not fit the model rebuilt from the run's"
              + " settings (" + model + "): " + e.getMessage(), e);
        }
        Session.Runner runner = session.runner().feed(images, in).feed(training, evaluation).fetch(predictions);
        spatial.forEach(t -> runner.fetch(t.output()));
        if (kernel != null) {
          runner.fetch(kernel.output(0));
        }
        try (Result result = runner.run()) {
          int[] predicted = Tensors.toInts(result.get(0));
          List<List<Layer>> layers = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            layers.add(new ArrayList<>());
          }
          for (int k = 0; k < spatial.size(); k++) {
            long[] shape = result.get(k + 1).shape().asArray();
            float[] values = Tensors.toFloats(result.get(k + 1));
            for (int i = 0; i < n; i++) {
              layers.get(i).add(layer(spatial.get(k).name(), shape, values, i));
            }
          }
          Kernel first = kernel == null ? null : kernel(kernel.name(), result.get(spatial.size() + 1).shape().asArray(),
              Tensors.toFloats(result.get(spatial.size() + 1)));
          return new FeatureMaps(test.classNames(), examples(test, indices, batch, predicted, layers), first);
        }
      }
    }
  }

  /** The kernel variable of the first convolution tap ({@code conv1} -> {@code conv1_kernel}), or null. */
  private static GraphOperation firstKernel(Graph graph, List<ModelOutputs.Tap> taps) {
    for (ModelOutputs.Tap tap : taps) {
      if (tap.name().startsWith("conv")) {
        return graph.operation(tap.name() + "_kernel");
      }
    }
    return null;
  }

  /** A kernel variable's value, {@code [kh, kw, cin, cout]}. */
  public static Kernel kernel(String name, long[] shape, float[] weights) {
    if (shape.length != 4) {
      throw new IllegalStateException("kernel " + name + " has shape " + Arrays.toString(shape) + ", expected rank 4");
    }
    return new Kernel(name, (int) shape[0], (int) shape[1], (int) shape[2], (int) shape[3], weights);
  }

  /** Image {@code i}'s part of a layer's output for a batch, {@code batch} of {@code shape [N, h, w, c]}. */
  public static Layer layer(String name, long[] shape, float[] batch, int i) {
    int h = Math.toIntExact(shape[1]);
    int w = Math.toIntExact(shape[2]);
    int c = Math.toIntExact(shape[3]);
    int per = h * w * c;
    return new Layer(name, h, w, c, Arrays.copyOfRange(batch, i * per, (i + 1) * per));
  }

  private static float[] pixels(ImageSet test, int[] indices) {
    int size = test.imageSize();
    int c = test.channels();
    float[] batch = new float[indices.length * size];
    for (int k = 0; k < indices.length; k++) {
      byte[] image = test.image(indices[k]);
      for (int p = 0; p < size; p++) {
        batch[k * size + p] = INPUT.apply(image[p] & 0xFF, p % c);
      }
    }
    return batch;
  }

  private static List<Example> examples(
      ImageSet test, int[] indices, float[] batch, int[] predicted, List<List<Layer>> layers) {
    int[] labels = Arrays.stream(indices).map(test::label).toArray();
    return examples(indices, labels, batch, test.height(), test.width(), test.channels(), predicted, layers);
  }

  /**
   * The images of a batch with what the network made of them, beside the Prewitt and Sobel edge strengths of
   * their luma.
   *
   * @param indices each image's number (its index in the test set)
   * @param labels each image's true class, or -1 when it is not known
   * @param batch the images as fed, {@code [N, h, w, c]} in [0, 1]
   * @param layers per image its spatial layers' outputs
   */
  public static List<Example> examples(int[] indices, int[] labels, float[] batch, int h, int w, int c,
      int[] predicted, List<List<Layer>> layers) {
    int n = indices.length;
    float[] gray = new float[n * h * w];
    for (int p = 0; p < gray.length; p++) {
      gray[p] = c == 1 ? batch[p] : Luma.RED * batch[p * c] + Luma.GREEN * batch[p * c + 1] + Luma.BLUE * batch[p * c + 2];
    }
    float[] prewitt = combined(EdgeOperator.PREWITT, gray, n, h, w);
    float[] sobel = combined(EdgeOperator.SOBEL, gray, n, h, w);
    List<Example> out = new ArrayList<>();
    int plane = h * w;
    for (int i = 0; i < n; i++) {
      out.add(new Example(indices[i], labels[i], predicted[i], h, w, c,
          Arrays.copyOfRange(batch, i * plane * c, (i + 1) * plane * c), List.copyOf(layers.get(i)),
          Arrays.copyOfRange(prewitt, i * plane, (i + 1) * plane), Arrays.copyOfRange(sobel, i * plane, (i + 1) * plane)));
    }
    return out;
  }

  private static float[] combined(EdgeOperator operator, float[] gray, int n, int h, int w) {
    try (EdgeDetector detector = new EdgeDetector(operator, EdgeCombination.MAX, Sessions.defaultThreads())) {
      return detector.detectBatch(gray, n, h, w)[1];
    }
  }
}
