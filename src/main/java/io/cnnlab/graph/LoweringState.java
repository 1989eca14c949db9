package io.cnnlab.graph;

import io.cnnlab.nn.StepSeed;
import io.cnnlab.nn.WeightedOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * What {@link Lowering} has built so far, per slice of the batch: the current output, the taps named kind +
 * running number ({@code conv1}, {@code sigmoid2}, {@code avgpool1}), the decayed kernels and the batch-norm
 * updates. Slice 0 is built at the root scope, where the variables are made; slice {@code i} in scope
 * {@code tower<i>}, sharing them.
 */
final class LoweringState {
  final List<Ops> scopes = new ArrayList<>();
  /** Per slice {@code [rows]}: 1 for a row of the batch, 0 for a padding row; empty for one slice. */
  final List<Operand<TFloat32>> rowWeights;
  final Operand<TBool> training;
  final StepSeed random;
  final List<Op> updates = new ArrayList<>();
  final List<Operand<TFloat32>> kernels = new ArrayList<>();
  private final List<List<ModelOutputs.Tap>> taps = new ArrayList<>();
  private final Map<String, Integer> counters = new HashMap<>();
  private final List<Operand<TFloat32>> current;
  /** The current output in 2x2 space-to-depth form, where a blocked stage left it so; else null. */
  private List<Operand<TFloat32>> blocked;
  /** True until the first layer: the current tensors are the images, which no gradient flows into. */
  private boolean atInput = true;

  LoweringState(Ops tf, List<Operand<TFloat32>> slices, List<Operand<TFloat32>> rowWeights, Operand<TBool> training,
      StepSeed random) {
    if (slices.isEmpty() || (slices.size() > 1 && slices.size() != rowWeights.size())) {
      throw new IllegalArgumentException("towers need one row-weight vector per slice, got " + slices.size()
          + " slices and " + rowWeights.size() + " weight vectors");
    }
    for (int i = 0; i < slices.size(); i++) {
      scopes.add(i == 0 ? tf : tf.withSubScope("tower" + i));
      taps.add(new ArrayList<>());
    }
    this.current = new ArrayList<>(slices);
    this.rowWeights = List.copyOf(rowWeights);
    this.training = training;
    this.random = random;
  }

  int slices() {
    return current.size();
  }

  Operand<TFloat32> current(int slice) {
    return current.get(slice);
  }

  /** Every slice's current output. */
  List<Operand<TFloat32>> currents() {
    return List.copyOf(current);
  }

  /** The current output of {@code slice} in 2x2 space-to-depth form, or null. */
  Operand<TFloat32> blocked(int slice) {
    return blocked == null ? null : blocked.get(slice);
  }

  boolean atInput() {
    return atInput;
  }

  /** The next name of a layer of {@code kind}: {@code conv1}, {@code conv2}... */
  String next(String kind) {
    return kind + counters.merge(kind, 1, Integer::sum);
  }

  /** Replaces every slice's current output without a tap (reshapes that pin the static shape). */
  void replace(BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f) {
    for (int i = 0; i < current.size(); i++) {
      current.set(i, f.apply(scopes.get(i), current.get(i)));
    }
  }

  /** A layer without weights, on each slice. */
  void each(String name, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> layer) {
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    for (int i = 0; i < current.size(); i++) {
      outputs.add(layer.apply(scopes.get(i), current.get(i)));
    }
    advance(name, outputs, outputs, null);
  }

  /** A layer with a kernel, on each slice: the first slice's kernel is the decayed weight (the others share it). */
  void weighted(String name, BiFunction<Ops, Operand<TFloat32>, WeightedOutput> layer) {
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    for (int i = 0; i < current.size(); i++) {
      WeightedOutput out = layer.apply(scopes.get(i), current.get(i));
      if (i == 0) {
        kernels.add(out.kernel());
      }
      outputs.add(out.output());
    }
    advance(name, outputs, outputs, null);
  }

  /** Taps {@code views} as {@code name} without changing the current outputs (ops that run only when fetched). */
  void tap(String name, List<Operand<TFloat32>> views) {
    for (int i = 0; i < views.size(); i++) {
      taps.get(i).add(new ModelOutputs.Tap(name, views.get(i)));
    }
  }

  /**
   * Taps {@code views} as {@code name} and makes {@code outputs} the current outputs, with {@code blockedOutputs}
   * their 2x2 space-to-depth form or null.
   */
  void advance(String name, List<Operand<TFloat32>> views, List<Operand<TFloat32>> outputs,
      List<Operand<TFloat32>> blockedOutputs) {
    tap(name, views);
    for (int i = 0; i < outputs.size(); i++) {
      current.set(i, outputs.get(i));
    }
    blocked = blockedOutputs;
    atInput = false;
  }

  /**
   * One {@link ModelOutputs} per slice: its logits (the current outputs) and taps; the training updates and
   * decayed kernels, which belong to the shared variables, are slice 0's only.
   */
  List<ModelOutputs> outputs() {
    List<ModelOutputs> out = new ArrayList<>();
    for (int i = 0; i < current.size(); i++) {
      out.add(new ModelOutputs(current.get(i), i == 0 ? List.copyOf(updates) : List.of(),
          List.copyOf(taps.get(i)), i == 0 ? List.copyOf(kernels) : List.of()));
    }
    return out;
  }
}
