package io.cnnlab.training;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.models.LeNet;
import io.cnnlab.models.LeNetConfig;
import io.cnnlab.models.Model;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;

/**
 * LeNet built with blocked convolution stages trains like LeNet built with TensorFlow's plain Conv2D,
 * batch-norm and pooling ops (the reference, built with {@code --conv-form plain}): one SGD step's
 * loss, logits, every variable after it and the evaluation logits (moving averages included), for one and two
 * towers.
 */
class BlockedLeNetTest {
  private static final List<LeNetConfig> VARIANTS = List.of(
      LeNetConfig.textbook(),
      LeNetConfig.reluMaxVariant(),
      LeNetConfig.reluMaxVariant().withBatchNorm(true),
      LeNetConfig.batchNormVariant());

  @Test
  void blockedStagesTrainLikeThePlainOps() {
    // 13 images: two towers get a padding row, which batch norm's statistics must leave out
    int n = 13;
    float[] x = TowersTest.randomImages(n, 21);
    int[] y = TowersTest.randomLabels(n, 21);
    for (LeNetConfig config : VARIANTS) {
      PlainBuilds.assertTrainsLikeThePlainOps(new LeNet(config), x, y, config.toString());
    }
  }

  @Test
  void deterministicModeTrainsOnThePlainOps() {
    // Set through the public setting, as --deterministic and a declaration's deterministic: true do
    TrainConfig deterministic = TrainConfig.builder().threads(2).deterministic(true).build();
    for (LeNetConfig config : VARIANTS) {
      List<String> ops = PlainBuilds.operations(new LeNet(config), deterministic, false, GraphOperation::type);
      assertTrue(ops.contains("Conv2D"), config + ": TensorFlow's convolution");
      assertFalse(ops.contains("DepthToSpace"), config + ": no blocked stage");
      assertFalse(ops.contains("GatherV2"), config + ": no im2col gather");
    }
  }

  @Test
  void theBlockedFormIsWhatTheGraphRuns() {
    // Guards the comparison above: both builds must not be the plain ops.
    for (LeNetConfig config : VARIANTS) {
      Model model = new LeNet(config);
      // Both blocked stages are matrix products; the taps show them in the plain layout (DepthToSpace)
      List<String> blocked = PlainBuilds.operations(model, false, GraphOperation::type);
      assertFalse(blocked.contains("Conv2D"), config + " blocked");
      assertTrue(blocked.contains("DepthToSpace"), config + " blocked");
      List<String> plain = PlainBuilds.operations(model, true, GraphOperation::type);
      assertFalse(plain.contains("DepthToSpace"), config + " plain");
      assertTrue(plain.contains("Conv2D"), config + " plain");
    }
  }
}
