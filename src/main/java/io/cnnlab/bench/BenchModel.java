package io.cnnlab.bench;

import io.cnnlab.models.AlexNet;
import io.cnnlab.models.AlexNetConfig;
import io.cnnlab.models.LeNet;
import io.cnnlab.models.LeNetConfig;
import io.cnnlab.models.Model;
import io.cnnlab.models.ModelSettings;
import java.util.List;
import java.util.function.Supplier;

/**
 * A model the benchmark measures, fed Fashion-MNIST-shaped images (28x28x1, 10 classes).
 *
 * @param name short name used in tables and on the command line; {@code lenet-textbook} and
 *     {@code lenet-relu-max} are the names the peers use for the same networks
 * @param description what the network is
 * @param heavy true for networks whose steps take seconds: the benchmark gives them one timed step per
 *     round and fewer rounds
 * @param factory builds the model
 */
public record BenchModel(String name, String description, boolean heavy, Supplier<Model> factory) {
  /** The LeNet of d2l 2.0 §6.6: sigmoid, average pooling. */
  public static final BenchModel LENET_TEXTBOOK = new BenchModel("lenet-textbook",
      "LeNet, sigmoid + avg pool (d2l 6.6)", false, () -> new LeNet(LeNetConfig.textbook()));
  /** The textbook LeNet with ReLU and max pooling. */
  public static final BenchModel LENET_RELU_MAX = new BenchModel("lenet-relu-max",
      "LeNet, ReLU + max pool", false, () -> new LeNet(LeNetConfig.reluMaxVariant()));
  /** ReLU, max pooling and batch norm before every hidden activation. */
  public static final BenchModel LENET_RELU_MAX_BN = new BenchModel("lenet-relu-max-bn",
      "LeNet, ReLU + max pool + batch norm", false,
      () -> new LeNet(LeNetConfig.reluMaxVariant().withBatchNorm(true)));
  /** AlexNet at 1/256 of the textbook's parameters, images resized to 112 in the graph. */
  public static final BenchModel ALEXNET_BUDGET = new BenchModel("alexnet-budget",
      "AlexNet, 1/256 parameter budget, 112x112", false,
      () -> new AlexNet(new ModelSettings("alexnet", null, null, null, null, null, null, null, "1/256", null, null)
          .alexnet(28, 1, 10)));
  /** The textbook AlexNet: images resized to 224, full width. */
  public static final BenchModel ALEXNET_TEXTBOOK = new BenchModel("alexnet-textbook",
      "AlexNet, textbook, 224x224", true, () -> new AlexNet(AlexNetConfig.textbook()));

  /** Every benchmarked model, cheapest first. */
  public static final List<BenchModel> ALL =
      List.of(LENET_TEXTBOOK, LENET_RELU_MAX, LENET_RELU_MAX_BN, ALEXNET_BUDGET, ALEXNET_TEXTBOOK);

  /** A fresh instance of the model. */
  public Model build() {
    return factory.get();
  }

  /** The model called {@code name}, or an error listing the known names. */
  public static BenchModel byName(String name) {
    for (BenchModel m : ALL) {
      if (m.name.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown bench model '" + name + "': expected one of "
        + ALL.stream().map(BenchModel::name).toList());
  }

  /** The models named in {@code names}, in that order. */
  public static List<BenchModel> byNames(List<String> names) {
    return names.stream().map(BenchModel::byName).toList();
  }
}
