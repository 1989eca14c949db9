package io.cnnlab.training.checkpoint;

import io.cnnlab.training.TrainableVariables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
  private final Ops tf;
  private final Placeholder<TString> prefix;
  private final Op saveOp;
  private final List<String> names;
  private final List<Operand<?>> values = new ArrayList<>();
  private final List<Class<? extends TType>> types = new ArrayList<>();
  // Restore ops by the variables they leave out (the empty set: all of them), built when first needed.
  private final Map<Set<String>, Op> restoreOps = new HashMap<>();

  /** Adds save and restore ops for every {@code VariableV2} now in {@code graph}. */
  public VariableSaver(Graph graph) {
    tf = Ops.create(graph).withSubScope("saver");
    names = TrainableVariables.variableNames(graph);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("the graph has no variables to checkpoint");
    }
    for (String name : names) {
      GraphOperation op = graph.operation(name);
      values.add(op.output(0));
      types.add(op.output(0).type());
    }
    prefix = tf.withName("prefix").placeholder(TString.class);
    saveOp = tf.train.save(prefix, stringsOf(names), wholes(names.size()), values);
    restoreOp(Set.of());
  }

  private Operand<TString> stringsOf(List<String> strings) {
    return tf.constant(NdArrays.vectorOfObjects(strings.toArray(String[]::new)));
  }

  // Empty slice specs: each variable is saved whole.
  private Operand<TString> wholes(int n) {
    String[] wholes = new String[n];
    Arrays.fill(wholes, "");
    return stringsOf(Arrays.asList(wholes));
  }

  /** The op assigning every variable but {@code absent} its value read from the files at {@link #prefix}. */
  private Op restoreOp(Set<String> absent) {
    return restoreOps.computeIfAbsent(Set.copyOf(absent), skip -> {
      List<String> read = new ArrayList<>();
      List<Class<? extends TType>> readTypes = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        if (!skip.contains(names.get(i))) {
          read.add(names.get(i));
          readTypes.add(types.get(i));
        }
      }
      Restore restored = tf.train.restore(prefix, stringsOf(read), wholes(read.size()), readTypes);
      List<Op> assigns = new ArrayList<>();
      for (int i = 0, r = 0; i < names.size(); i++) {
        if (!skip.contains(names.get(i))) {
          assigns.add(assign(tf, values.get(i), restored.tensors().get(r++)));
        }
      }
      String name = skip.isEmpty() ? "restore_all" : "restore_without_" + String.join("_", new TreeSet<>(skip));
      return tf.withControlDependencies(assigns).withName(name).noOp();
    });
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
    restore(session, pathPrefix, Set.of());
  }

  /**
   * As {@link #restore(Session, String)}, but the variables named in {@code absent} (files written before
   * they existed) keep their initial values.
   *
   * @throws IllegalArgumentException if {@code absent} names a variable this saver does not cover
   */
  public void restore(Session session, String pathPrefix, Set<String> absent) {
    if (!names.containsAll(absent)) {
      throw new IllegalArgumentException("absent variables " + absent + " are not all among " + names);
    }
    Op restoreOp = restoreOp(absent);
    session.initialize();
    try (TString p = TString.scalarOf(pathPrefix)) {
      session.runner().feed(prefix, p).addTarget(restoreOp).run().close();
    }
  }
}
