package io.cnnlab.serving;

import io.cnnlab.data.Normalization;
import io.cnnlab.graph.Execution;
import io.cnnlab.graph.Lowering;
import io.cnnlab.graph.ModelOutputs;
import io.cnnlab.models.Model;
import io.cnnlab.nn.StepSeed;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * The graph a SavedModel holds: pixel bytes in, normalised inside the graph as the trainer's loaders normalise
 * them, the model in an execution's forms in evaluation mode (dropout off, batch norm on its moving averages),
 * class probabilities and classes out. Two signatures: {@value #SERVING} ({@code images} in; {@code probabilities},
 * {@code classes} out) and {@value #FEATURES} (every spatial layer's output and the first convolution's kernel,
 * for feature-map figures).
 */
final class ServingGraph {
  static final String SERVING = Signature.DEFAULT_KEY;
  static final String FEATURES = "feature_maps";
  static final String IMAGES = "images";
  static final String PROBABILITIES = "probabilities";
  static final String CLASSES = "classes";

  final Placeholder<TUint8> images;
  final Operand<TFloat32> probabilities;
  final Operand<TInt64> classes;
  /** The spatial (4-D) layer outputs, in layer order. */
  final List<ModelOutputs.Tap> layers;
  /** The first convolution's kernel and its variable's name, or null when the model has no convolution. */
  final Operand<TFloat32> kernel;

  final String kernelName;

  private ServingGraph(Graph graph, Model model, Execution execution, Normalization normalization) {
    Ops tf = Ops.create(graph);
    int h = model.inputHeight();
    int w = model.inputWidth();
    int c = model.inputChannels();
    images = tf.withName(IMAGES).placeholder(TUint8.class, Placeholder.shape(Shape.of(-1, h, w, c)));
    Ops norm = tf.withSubScope("normalize");
    // The same float operations as Normalization.apply: v / 255, minus the mean, over the deviation.
    Operand<TFloat32> scaled = norm.math.div(norm.dtypes.cast(images, TFloat32.class), norm.constant(255f));
    Operand<TFloat32> input = norm.math.div(norm.math.sub(scaled, norm.constant(normalization.mean())),
        norm.constant(normalization.std()));
    ModelOutputs out = Lowering.build(tf, model, execution, input, tf.constant(false), StepSeed.fixed(0L));
    probabilities = tf.withName(PROBABILITIES).nn.softmax(out.logits());
    classes = tf.withName(CLASSES).math.argMax(out.logits(), tf.constant(1), TInt64.class);
    layers = out.taps().stream().filter(t -> t.output().shape().numDimensions() == 4).toList();
    GraphOperation first = layers.stream().filter(t -> t.name().startsWith("conv")).findFirst()
        .map(t -> graph.operation(t.name() + "_kernel")).orElse(null);
    kernelName = first == null ? null : first.name();
    // Read through an identity: a signature's outputs are tensors, not the variable itself.
    kernel = first == null ? null : tf.withName("first_kernel").identity(first.output(0));
  }

  /** Builds {@code model} into {@code graph} in the forms of {@code execution}, fed bytes normalised as given. */
  static ServingGraph build(Graph graph, Model model, Execution execution, Normalization normalization) {
    return new ServingGraph(graph, model, execution, normalization);
  }

  /** Names of the spatial layers, in order: the {@value #FEATURES} signature's outputs besides the kernel. */
  List<String> layerNames() {
    List<String> names = new ArrayList<>();
    layers.forEach(t -> names.add(t.name()));
    return names;
  }

  Signature serving() {
    return Signature.builder(SERVING).input(IMAGES, images).output(PROBABILITIES, probabilities)
        .output(CLASSES, classes).build();
  }

  Signature features() {
    Signature.Builder b = Signature.builder(FEATURES).input(IMAGES, images);
    layers.forEach(t -> b.output(t.name(), t.output()));
    if (kernel != null) {
      b.output(kernelName, kernel);
    }
    return b.build();
  }
}
