package io.cnnlab.training;

import io.cnnlab.graph.ConvFormChoice;
import io.cnnlab.models.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;

/**
 * Comparisons of a model's default build (blocked stages, gathered convolutions) with its plain NHWC build
 * ({@link ConvFormChoice#PLAIN}), shared by the tests of each graph form.
 */
final class PlainBuilds {
  private PlainBuilds() {}

  /** One SGD step of the default build on {@code x, y} is the plain build's, at 1 and 2 towers. */
  static void assertTrainsLikeThePlainOps(Model model, float[] x, int[] y, String what) {
    for (int towers : new int[] {1, 2}) {
      TowersTest.Step fast = TowersTest.step(model, towers, x, y);
      TowersTest.Step plain = TowersTest.step(model, towers, ConvFormChoice.PLAIN, x, y);
      TowersTest.assertSameStep(plain, fast, what + ", " + towers + " towers");
    }
  }

  /**
   * {@code pick} of every operation of the training graph (default configuration), the plain build's when
   * {@code plain}; operations it maps to null are left out.
   */
  static List<String> operations(Model model, boolean plain, Function<GraphOperation, String> pick) {
    return operations(model, TrainConfig.builder().threads(2).build(), plain, pick);
  }

  /** The same for the training graph of {@code config}. */
  static List<String> operations(Model model, TrainConfig config, boolean plain,
      Function<GraphOperation, String> pick) {
    List<String> picked = new ArrayList<>();
    try (Graph graph = new Graph()) {
      TrainGraphs.build(graph, model, plain ? config.toBuilder().convForm(ConvFormChoice.PLAIN).build() : config);
      graph.operations().forEachRemaining(op -> {
        String value = pick.apply((GraphOperation) op);
        if (value != null) {
          picked.add(value);
        }
      });
    }
    return picked;
  }
}
