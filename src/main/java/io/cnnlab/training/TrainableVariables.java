package io.cnnlab.training;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Finds the variables an optimizer should train.
 *
 * <p>The lowering ({@code io.cnnlab.graph.Lowering}) does not list them, so they are read off the graph: every
 * float {@code VariableV2} the model created that the loss depends on, except those its training updates
 * write (batch-norm moving averages). A moving average reaches the loss in evaluation steps (behind a
 * {@code StopGradient} in {@link io.cnnlab.nn.BatchNorm}), so the data path alone would count it; letting the
 * optimizer also write it would race with the model's own update. A variable the loss does not depend on at all is left out because
 * {@code Graph.addGradients} refuses it ("unreachable from the output node").
 */
public final class TrainableVariables {
  private TrainableVariables() {}

  /** Names of every {@code VariableV2} in {@code graph}, in graph order. */
  public static List<String> variableNames(Graph graph) {
    List<String> names = new ArrayList<>();
    for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      if (op.type().equals(Variable.OP_NAME)) {
        names.add(op.name());
      }
    }
    return names;
  }

  /**
   * The float variables created since {@code before} was taken that {@code loss} depends on, minus those
   * written by {@code updates}.
   *
   * @param before {@link #variableNames(Graph)} taken before the model was built
   * @param updates the model's training updates
   * @param loss what the optimizer will minimize
   */
  public static List<Variable<TFloat32>> find(
      Graph graph, Set<String> before, List<Op> updates, Operand<?> loss) {
    Set<String> written = writtenBy(updates);
    Set<String> reachable = dataAncestors(loss);
    List<Variable<TFloat32>> trainable = new ArrayList<>();
    for (String name : variableNames(graph)) {
      GraphOperation op = graph.operation(name);
      if (before.contains(name) || written.contains(name) || !reachable.contains(name)
          || !TFloat32.class.equals(op.output(0).type())) {
        continue;
      }
      trainable.add(new Variable<>(op));
    }
    return trainable;
  }

  /** Names of the ops {@code root} depends on through data edges (the edges gradients flow back along). */
  static Set<String> dataAncestors(Operand<?> root) {
    Set<String> seen = new HashSet<>();
    Deque<GraphOperation> todo = new ArrayDeque<>();
    todo.add((GraphOperation) root.op());
    while (!todo.isEmpty()) {
      GraphOperation op = todo.poll();
      if (seen.add(op.name())) {
        for (Operand<?> input : op.inputs()) {
          todo.add((GraphOperation) input.op());
        }
      }
    }
    return seen;
  }

  /** Names of the variables that assign or apply ops among {@code roots} and their ancestors write. */
  static Set<String> writtenBy(List<Op> roots) {
    Set<String> written = new HashSet<>();
    Set<GraphOperation> seen = new HashSet<>();
    Deque<GraphOperation> todo = new ArrayDeque<>();
    for (Op root : roots) {
      todo.add((GraphOperation) root.op());
    }
    while (!todo.isEmpty()) {
      GraphOperation op = todo.poll();
      if (!seen.add(op)) {
        continue;
      }
      boolean writes = op.type().startsWith("Assign") || op.type().startsWith("Apply");
      List<Operand<?>> inputs = op.inputs();
      if (writes && !inputs.isEmpty()) {
        GraphOperation target = (GraphOperation) inputs.get(0).op();
        if (target.type().equals(Variable.OP_NAME)) {
          written.add(target.name());
        }
      }
      for (Operand<?> input : inputs) {
        todo.add((GraphOperation) input.op());
      }
      todo.addAll(op.controlInputs());
    }
    return written;
  }
}
