package io.cnnlab.models;

import io.cnnlab.nn.BatchNorm;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;

/** The variables a graph holds, read directly from its operations (independent of {@code io.cnnlab.graph.Summary}). */
public final class GraphVariables {
  private GraphVariables() {}

  /** Name to shape of every {@code VariableV2}, sorted by name. */
  public static Map<String, long[]> shapes(Graph graph) {
    Map<String, long[]> shapes = new TreeMap<>();
    for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      if (op.type().equals("VariableV2")) {
        shapes.put(op.name(), op.output(0).shape().asArray());
      }
    }
    return shapes;
  }

  /** Values in trainable variables (everything but batch-norm moving averages). */
  static long trainableCount(Graph graph) {
    long total = 0;
    for (Map.Entry<String, long[]> e : shapes(graph).entrySet()) {
      if (!BatchNorm.isMovingAverage(e.getKey())) {
        long n = 1;
        for (long d : e.getValue()) {
          n *= d;
        }
        total += n;
      }
    }
    return total;
  }
}
