package io.cnnlab.nn;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * Initial values and the variables that hold them.
 *
 * <p>Variables are created with {@code tf.variable(initialValue)}: the assignment is registered as a graph
 * initializer (run by {@code Session.initialize()}), and the variable is a {@code VariableV2}, which
 * {@code Session.save/restore} checkpoint. Initial values are built in the init scope so they run only at
 * initialization.
 */
public final class Initializers {
  /** Kinds of the weight variables of convolution and dense layers ({@code conv1_kernel}, {@code conv1_bias}). */
  public static final String KERNEL = "kernel";

  public static final String BIAS = "bias";

  private Initializers() {}

  /**
   * Glorot/Xavier uniform values: {@code U(-a, a)} with {@code a = sqrt(6 / (fanIn + fanOut))}, so the
   * variance is {@code 2 / (fanIn + fanOut)} (Glorot and Bengio 2010). Stateless: the same {@code seed}
   * always gives the same values.
   */
  public static Operand<TFloat32> xavierUniform(Ops tf, Shape shape, long fanIn, long fanOut, long[] seed) {
    if (fanIn < 1 || fanOut < 1) {
      throw new IllegalArgumentException("fan-in and fan-out must be >= 1, got " + fanIn + " and " + fanOut);
    }
    if (seed.length != 2) {
      throw new IllegalArgumentException("a stateless seed has 2 values, got " + seed.length);
    }
    Ops init = tf.withInitScope();
    float limit = (float) Math.sqrt(6.0 / (fanIn + fanOut));
    Operand<TFloat32> unit =
        init.random.statelessRandomUniform(init.constant(shape), init.constant(seed), TFloat32.class);
    // u in [0, 1) -> (2u - 1) * limit in [-limit, limit)
    return init.math.mul(init.math.sub(init.math.mul(unit, init.constant(2f)), init.constant(1f)),
        init.constant(limit));
  }

  /** A float tensor of {@code shape} filled with {@code value}, built in the init scope. */
  public static Operand<TFloat32> filled(Ops tf, Shape shape, float value) {
    Ops init = tf.withInitScope();
    return init.fill(init.constant(shape), init.constant(value));
  }

  /**
   * The name of variable {@code kind} of layer {@code layer}: {@code conv1_kernel}, {@code bn1_moving_mean}.
   *
   * <p>Deliberately without {@code /}: the tensorflow-framework optimizers with slots (Momentum, Adam...)
   * name each slot {@code <variable name>-<slot>} through {@code Ops.withName}, which rejects {@code /}, so
   * a variable inside a name scope ({@code conv1/kernel}) makes {@code minimize} throw. For the same reason
   * a model must be built at the root name scope when such an optimizer trains it.
   */
  public static String variableName(String layer, String kind) {
    return layer + "_" + kind;
  }

  /**
   * A variable {@link #variableName named} {@code layer_kind} holding {@code initial} after initialization,
   * or the graph's existing variable of that name (see {@link #existing}).
   */
  public static Variable<TFloat32> variable(Ops tf, String layer, String kind, Operand<TFloat32> initial) {
    Variable<TFloat32> shared = existing(tf, layer, kind, initial.shape());
    return shared != null ? shared : tf.withName(variableName(layer, kind)).variable(initial);
  }

  /**
   * The float variable {@code layer_kind} already at the root of the graph behind {@code tf}, or null.
   *
   * <p>A variable belongs to the graph, not to one build of a model: a second build of the same model in a
   * sub-scope (a data-parallel tower, {@code io.cnnlab.training.Towers}) finds the first build's variables
   * here and shares them. Without this TensorFlow Java would silently create {@code conv1_kernel_1}.
   *
   * @throws IllegalArgumentException if an op of that name exists but is not a float variable of {@code shape}
   */
  public static Variable<TFloat32> existing(Ops tf, String layer, String kind, Shape shape) {
    String name = variableName(layer, kind);
    GraphOperation op = ((Graph) tf.scope().env()).operation(name);
    if (op == null) {
      return null;
    }
    Shape found = op.numOutputs() == 1 ? op.output(0).shape() : null;
    DataType type = found == null ? null : op.output(0).dataType();
    if (!"VariableV2".equals(op.type()) || !(type == DataType.DT_FLOAT_REF || type == DataType.DT_FLOAT)
        || !shape.equals(found)) {
      throw new IllegalArgumentException("cannot share variable " + name + ": the graph holds a " + op.type()
          + (found == null ? "" : " of shape " + found) + ", expected a float VariableV2 of shape " + shape);
    }
    return new Variable<>(op);
  }

  /**
   * A Xavier-uniform variable {@code layer_kind}; its seed is derived from {@code seed} and the variable's
   * name, so it does not depend on creation order.
   */
  public static Variable<TFloat32> xavierVariable(
      Ops tf, String layer, String kind, Shape shape, long fanIn, long fanOut, long seed) {
    Variable<TFloat32> shared = existing(tf, layer, kind, shape);
    if (shared != null) {
      return shared;
    }
    // Looked up first, so a shared variable adds no initializer ops; created directly, not looked up again.
    String name = variableName(layer, kind);
    return tf.withName(name).variable(xavierUniform(tf, shape, fanIn, fanOut, Seeds.statelessPair(seed, name)));
  }
}
