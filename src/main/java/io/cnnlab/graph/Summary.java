package io.cnnlab.graph;

import io.cnnlab.models.Model;
import io.cnnlab.nn.BatchNorm;
import io.cnnlab.nn.Initializers;
import io.cnnlab.nn.StepSeed;
import io.cnnlab.ops.spec.LayerCounts;
import io.cnnlab.tf.Graphs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Per-layer output shapes, parameter counts and MACs of a model, read from a graph the model was built into:
 * shapes are TensorFlow's static shapes, counts come from the variables actually created, MACs from a
 * layer's kernel size and output positions by {@link LayerCounts#macs} (the convention {@code cnnlab shapes}
 * counts by).
 *
 * @param rows one row per tap, in layer order
 * @param parameters trainable values in the graph
 * @param state non-trainable values (batch-norm moving averages)
 * @param macs multiply-accumulates per example, summed over layers
 */
public record Summary(List<SummaryRow> rows, long parameters, long state, long macs) {
  /** Kinds of the variables the layers create ({@code conv1_kernel}); longer suffixes first. */
  private static final List<String> MODEL_VARIABLES = List.of(BatchNorm.MOVING_VARIANCE, BatchNorm.MOVING_MEAN,
      Initializers.KERNEL, Initializers.BIAS, BatchNorm.GAMMA, BatchNorm.BETA);

  public Summary {
    rows = List.copyOf(rows);
  }

  /**
   * Builds {@code model} into a fresh graph with the plain ops ({@link Execution#inspecting}; every form has the
   * same taps and variables) and summarizes it: nothing is run or initialized, no machine fact is probed.
   */
  public static Summary of(Model model) {
    try (Graph graph = Graphs.create()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(
          Shape.of(-1, model.inputHeight(), model.inputWidth(), model.inputChannels())));
      Placeholder<TBool> training = tf.placeholder(TBool.class, Placeholder.shape(Shape.scalar()));
      ModelOutputs outputs = Lowering.build(tf, model, Execution.inspecting(model.network()), images, training,
          StepSeed.fixed(0L));
      return of(graph, outputs);
    }
  }

  /**
   * Summarizes a built model. A layer's variables are named {@code <tap>_<kind>} ({@code conv1_kernel},
   * {@code bn1_moving_mean}, see {@link Initializers#variableName}), possibly under an outer name scope;
   * other variables (an optimizer's slots such as {@code conv1_kernel-momentum}) are not the model's and are
   * skipped. A model variable matching no tap is an error, so the rows always add up to the totals.
   */
  public static Summary of(Graph graph, ModelOutputs outputs) {
    Map<String, List<GraphOperation>> byLayer = new LinkedHashMap<>();
    for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      if (op.type().equals("VariableV2")) {
        String leaf = op.name().substring(op.name().lastIndexOf('/') + 1);
        for (String kind : MODEL_VARIABLES) {
          if (leaf.endsWith("_" + kind)) {
            byLayer.computeIfAbsent(leaf.substring(0, leaf.length() - kind.length() - 1), k -> new ArrayList<>())
                .add(op);
            break;
          }
        }
      }
    }
    List<SummaryRow> rows = new ArrayList<>();
    long parameters = 0;
    long state = 0;
    long macs = 0;
    for (ModelOutputs.Tap tap : outputs.taps()) {
      Shape shape = tap.output().shape();
      long[] perExample = new long[shape.numDimensions() - 1];
      for (int i = 1; i < shape.numDimensions(); i++) {
        perExample[i - 1] = shape.size(i);
      }
      long layerParams = 0;
      long layerState = 0;
      long layerMacs = 0;
      for (GraphOperation v : byLayer.getOrDefault(tap.name(), List.of())) {
        long size = v.output(0).shape().size();
        if (BatchNorm.isMovingAverage(v.name())) {
          layerState += size;
        } else {
          layerParams += size;
        }
        if (v.name().endsWith("_" + Initializers.KERNEL)) {
          layerMacs += LayerCounts.macs(size, positions(perExample));
        }
      }
      byLayer.remove(tap.name());
      rows.add(new SummaryRow(tap.name(), perExample, layerParams, layerState, layerMacs));
      parameters += layerParams;
      state += layerState;
      macs += layerMacs;
    }
    if (!byLayer.isEmpty()) {
      throw new IllegalStateException("variables of no known layer: " + byLayer.keySet());
    }
    return new Summary(rows, parameters, state, macs);
  }

  /** Output positions per example: every dimension but the last (channels or units) multiplied. */
  private static long positions(long[] perExample) {
    long n = 1;
    for (int i = 0; i < perExample.length - 1; i++) {
      if (perExample[i] < 0) {
        throw new IllegalStateException("output shape not known statically: " + Arrays.toString(perExample));
      }
      n *= perExample[i];
    }
    return n;
  }
}
