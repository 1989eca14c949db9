package io.cnnlab.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Saves and restores every variable of a graph (model weights, optimizer slots, moving averages) in
 * TensorFlow's checkpoint format.
 *
 * <p>Does what {@code Session.save/restore} do, but closes the prefix tensor and the run's result, which
 * {@code Session.save} in 1.1.0 leaves open. Build it after the whole training graph: variables added later
 * are not covered.
 */
public final class VariableSaver {
  private final Placeholder<TString> prefix;
  private final Op saveOp;
  private final Op restoreOp;
  private final List<String> names;

  /** Adds save and restore ops for every {@code VariableV2} now in {@code graph}. */
  public VariableSaver(Graph graph) {
    Ops tf = Ops.create(graph).withSubScope("saver");
    names = TrainableVariables.variableNames(graph);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("the graph has no variables to checkpoint");
    }
    List<Operand<?>> values = new ArrayList<>();
    List<Class<? extends TType>> types = new ArrayList<>();
    for (String name : names) {
      GraphOperation op = graph.operation(name);
      values.add(op.output(0));
      types.add(op.output(0).type());
    }
    prefix = tf.withName("prefix").placeholder(TString.class);
    Operand<TString> tensorNames = tf.constant(NdArrays.vectorOfObjects(names.toArray(String[]::new)));
    // Empty slice specs: each variable is saved whole.
    String[] wholes = new String[names.size()];
    Arrays.fill(wholes, "");
    Operand<TString> slices = tf.constant(NdArrays.vectorOfObjects(wholes));
    saveOp = tf.train.save(prefix, tensorNames, slices, values);
    Restore restored = tf.train.restore(prefix, tensorNames, slices, types);
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      assigns.add(assign(tf, values.get(i), restored.tensors().get(i)));
    }
    restoreOp = tf.withControlDependencies(assigns).withName("restore_all").noOp();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Op assign(Ops tf, Operand<?> variable, Operand<?> value) {
    return tf.assign((Operand) variable, (Operand) value);
  }

  /** Names of the variables saved, in order. */
  public List<String> names() {
    return List.copyOf(names);
  }

  /** Writes every variable to files starting with {@code pathPrefix} (its directory must exist). */
  public void save(Session session, String pathPrefix) {
    try (TString p = TString.scalarOf(pathPrefix)) {
      session.runner().feed(prefix, p).addTarget(saveOp).run().close(); // no fetches: nothing to read
    }
  }

  /** Reads every variable back from files written by {@link #save}; counts as the session's initialization. */
  public void restore(Session session, String pathPrefix) {
    session.initialize();
    try (TString p = TString.scalarOf(pathPrefix)) {
      session.runner().feed(prefix, p).addTarget(restoreOp).run().close();
    }
  }
}
