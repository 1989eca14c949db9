package io.cnnlab.training.optim;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A gradient-descent update rule whose learning rate is a graph operand (a placeholder fed each step).
 *
 * <p>We write our own instead of using {@code tensorflow-framework}'s optimizers: in 1.1.0 those take the
 * learning rate as a Java {@code float} baked into the graph (no schedule possible) and train every variable
 * in the graph, batch-norm moving averages included. Here the caller names the variables to train.
 *
 * <p>Every update op carries a control dependency on <em>all</em> gradients: without it an update of one
 * variable can run while another variable's gradient still reads it (losses went NaN and runs were not
 * repeatable, see {@code shared/notes/tensorflow-java.md}).
 */
public abstract class GradientOptimizer {
  /** Short name used in graph op names. */
  protected abstract String name();

  /**
   * Adds the ops that update one variable from its gradient; {@code tf} already carries the control
   * dependencies on all gradients. Slot variables are created here with {@link #slot}.
   */
  protected abstract Op applyDense(
      Ops tf, Variable<TFloat32> variable, Operand<TFloat32> gradient, Operand<TFloat32> learningRate);

  /**
   * Groups the per-variable updates into the op to run; subclasses with per-step state (Adam's bias
   * correction) update it here, after every variable's update.
   */
  protected Op finish(Ops tf, List<Op> updates) {
    return tf.withControlDependencies(updates).withName(name() + "_step").noOp();
  }

  /**
   * Adds gradient and update ops minimizing {@code loss} over {@code variables}.
   *
   * @param variables the variables to train; every one must be a float {@code VariableV2} with a gradient
   *     path from {@code loss}
   * @param learningRate scalar rate, typically a placeholder fed each step
   * @return the op to run once per training step
   */
  public final Op minimize(
      Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> variables, Operand<TFloat32> learningRate) {
    return minimizeWithGradients(tf, loss, variables, learningRate).step();
  }

  /**
   * As {@link #minimize}, also returning the gradients the step applies, so that they can be fetched (with the
   * step, or alone on a batch: fetching them alone changes no variable).
   */
  public final Minimized minimizeWithGradients(
      Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> variables, Operand<TFloat32> learningRate) {
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("nothing to train: the model created no trainable float variables");
    }
    Graph graph = (Graph) tf.scope().env();
    Output<?>[] xs = new Output<?>[variables.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = variables.get(i).asOutput();
    }
    Output<?>[] grads = graph.addGradients(loss.asOutput(), xs);
    List<Operation> gradientOps = new ArrayList<>(grads.length);
    List<Operand<TFloat32>> gradients = new ArrayList<>(grads.length);
    for (int i = 0; i < grads.length; i++) {
      if (grads[i] == null || grads[i].op() == null) {
        throw new IllegalArgumentException(
            "variable " + variables.get(i).op().name() + " has no gradient path from the loss");
      }
      gradientOps.add(grads[i].op());
      @SuppressWarnings("unchecked")
      Operand<TFloat32> g = (Operand<TFloat32>) grads[i];
      gradients.add(g);
    }
    Ops guarded = tf.withControlDependencyOps(gradientOps);
    List<Op> updates = new ArrayList<>(grads.length);
    for (int i = 0; i < grads.length; i++) {
      updates.add(applyDense(guarded, variables.get(i), gradients.get(i), learningRate));
    }
    return new Minimized(finish(tf, updates), gradients);
  }

  /**
   * What {@link #minimizeWithGradients} added.
   *
   * @param step the op to run once per training step
   * @param gradients the gradient of the loss with respect to each variable, in the variables' order
   */
  public record Minimized(Op step, List<Operand<TFloat32>> gradients) {
    public Minimized {
      gradients = List.copyOf(gradients);
    }
  }

  /** A zero-initialized float variable shaped like {@code variable}, named after it. */
  protected static Variable<TFloat32> slot(Ops tf, Variable<TFloat32> variable, String slotName) {
    // Built in the init scope (which drops the gradient control dependencies): initializing a slot must
    // not need a fed batch.
    Ops init = tf.withInitScope();
    Operand<TFloat32> zeros = init.zeros(init.constant(variable.shape().asArray()), TFloat32.class);
    return init.withName(variable.op().name() + "-" + slotName).variable(zeros);
  }

  /** A float scalar variable starting at {@code value}, for per-step optimizer state. */
  protected static Variable<TFloat32> scalarSlot(Ops tf, String name, double value) {
    Ops init = tf.withInitScope();
    return init.withName(name).variable(init.constant((float) value));
  }

  /** A float scalar constant, in the graph behind {@code tf} but outside any control dependency. */
  protected static Operand<TFloat32> scalar(Ops tf, double value) {
    return tf.withControlDependencies(List.of()).constant((float) value);
  }
}
