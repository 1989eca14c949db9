package io.cnnlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Which variables of a hand-built graph the optimizer gets: one of each case {@link TrainableVariables} tells apart. */
class TrainableVariablesTest {
  @Test
  void onlyFloatVariablesMadeSinceBeforeOnTheLossPathAndNotWrittenByAnUpdate() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Variable<TFloat32> earlier = tf.withName("earlier").variable(tf.constant(3f));
      var before = new HashSet<>(TrainableVariables.variableNames(graph));
      Variable<TFloat32> weight = tf.withName("weight").variable(tf.constant(1f));
      Variable<TFloat32> offPath = tf.withName("off_path").variable(tf.constant(2f));
      Variable<TFloat32> average = tf.withName("average").variable(tf.constant(0f));
      Variable<TInt64> counter = tf.withName("counter").variable(tf.constant(0L));
      // The moving average reaches the loss as batch norm's does in evaluation: behind a StopGradient
      Operand<TFloat32> loss = tf.math.add(tf.math.mul(tf.math.mul(weight, earlier),
          tf.dtypes.cast(counter, TFloat32.class)), tf.stopGradient(average));
      var update = tf.assign(average, tf.math.add(average, tf.math.mul(offPath, tf.constant(0f))));
      List<String> trainable = TrainableVariables.find(graph, before, List.of(update), loss).stream()
          .map(v -> v.op().name()).toList();
      assertEquals(List.of("weight"), trainable,
          "earlier: made before; off_path: not on the loss path; average: written by the update; counter: int64");
    }
  }
}
