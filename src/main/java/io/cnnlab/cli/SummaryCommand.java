package io.cnnlab.cli;

import io.cnnlab.models.AlexNet;
import io.cnnlab.models.AlexNetConfig;
import io.cnnlab.models.LayerRow;
import io.cnnlab.models.LeNet;
import io.cnnlab.models.LeNetConfig;
import io.cnnlab.models.Model;
import io.cnnlab.models.Summary;
import io.cnnlab.nn.Activation;
import io.cnnlab.nn.Pooling;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cnnlab summary lenet|alexnet}: per-layer output shape, parameters and MACs of a model. */
@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Per-layer output shape, parameters and multiply-accumulates (per example) of LeNet or AlexNet,"
        + " read from the built graph. Defaults are the d2l textbook models (LeNet 61,706 parameters,"
        + " AlexNet 46,764,746).")
public final class SummaryCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "lenet or alexnet")
  String model;

  @Option(names = "--variant", paramLabel = "NAME",
      description = "lenet starting point: textbook (default), batch-norm, relu-max, cifar100;"
          + " other options override it")
  String variant;

  @Option(names = "--activation", paramLabel = "NAME", description = "lenet: sigmoid, relu or tanh")
  String activation;

  @Option(names = "--pool", paramLabel = "NAME", description = "lenet: avg or max")
  String pool;

  @Option(names = "--batch-norm", description = "lenet: batch norm before every hidden activation")
  boolean batchNorm;

  @Option(names = "--padding", paramLabel = "P", description = "lenet: first-convolution padding")
  Integer padding;

  @Option(names = "--dropout", paramLabel = "RATE", description = "dropout rate after the hidden dense layers")
  Float dropout;

  @Option(names = "--width", paramLabel = "W", description = "alexnet: width multiplier (1 = textbook)")
  Double width;

  @Option(names = "--budget-fraction", paramLabel = "F",
      description = "alexnet: choose the width so the parameter count is nearest F (e.g. 1/256)"
          + " of the textbook model's")
  String budgetFraction;

  @Option(names = "--lrn", description = "alexnet: local response normalization after the first two ReLUs")
  boolean lrn;

  @Option(names = "--input-size", paramLabel = "N",
      description = "lenet: image side (28); alexnet: side images are resized to (224, or 112 with --budget-fraction)")
  Integer inputSize;

  @Option(names = "--image-size", paramLabel = "N",
      description = "alexnet: side of the fed images before resizing (28)")
  Integer imageSize;

  @Option(names = "--channels", paramLabel = "C", description = "input channels (1)")
  Integer channels;

  @Option(names = "--classes", paramLabel = "K", description = "output classes (10)")
  Integer classes;

  /** Set when --budget-fraction chose the width: the target and where the count landed. */
  private String budgetNote;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Model built;
    try {
      built = switch (model.toLowerCase(java.util.Locale.ROOT)) {
        case "lenet" -> lenet();
        case "alexnet" -> alexnet();
        default -> throw new IllegalArgumentException("unknown model '" + model + "': expected lenet or alexnet");
      };
    } catch (IllegalArgumentException e) {
      err.println("cnnlab summary: " + e.getMessage());
      return 2;
    }
    out.println(header(built));
    if (budgetNote != null) {
      out.println(budgetNote);
    }
    print(out, Summary.of(built));
    return 0;
  }

  private Model lenet() {
    rejectFor("lenet", "--width", width != null, "--budget-fraction", budgetFraction != null,
        "--lrn", lrn, "--image-size", imageSize != null);
    LeNetConfig c = switch (variant == null ? "textbook" : variant) {
      case "textbook" -> LeNetConfig.textbook();
      case "batch-norm" -> LeNetConfig.batchNormVariant();
      case "relu-max" -> LeNetConfig.reluMaxVariant();
      case "cifar100" -> LeNetConfig.cifar100(classes == null ? 100 : classes);
      default -> throw new IllegalArgumentException(
          "unknown --variant '" + variant + "': expected textbook, batch-norm, relu-max or cifar100");
    };
    if (activation != null) {
      c = c.withActivation(Activation.parse(activation));
    }
    if (pool != null) {
      c = c.withPooling(Pooling.parse(pool));
    }
    if (batchNorm) {
      c = c.withBatchNorm(true);
    }
    if (padding != null) {
      c = c.withFirstConvPadding(padding);
    }
    if (dropout != null) {
      c = c.withDropout(dropout);
    }
    if (inputSize != null || channels != null) {
      c = c.withInput(inputSize == null ? c.inputSize() : inputSize, channels == null ? c.channels() : channels);
    }
    if (classes != null) {
      c = c.withClasses(classes);
    }
    return new LeNet(c);
  }

  private Model alexnet() {
    rejectFor("alexnet", "--variant", variant != null, "--activation", activation != null,
        "--pool", pool != null, "--batch-norm", batchNorm, "--padding", padding != null);
    if (width != null && budgetFraction != null) {
      throw new IllegalArgumentException("give --width or --budget-fraction, not both");
    }
    AlexNetConfig c = AlexNetConfig.textbook();
    if (channels != null) {
      c = c.withChannels(channels);
    }
    if (classes != null) {
      c = c.withClasses(classes);
    }
    if (budgetFraction != null) {
      double fraction = parseFraction(budgetFraction);
      long textbook = c.parameterCount();
      long budget = Math.round(textbook * fraction);
      int size = inputSize == null ? AlexNetConfig.BUDGET_INPUT_SIZE : inputSize;
      c = AlexNetConfig.forBudget(budget, size, c.channels(), c.classes()).withImageSize(c.imageSize());
      budgetNote = String.format("budget %s of %,d = %,d parameters; width %.4f gives %,d (%+.2f%%)",
          budgetFraction, textbook, budget, c.width(), c.parameterCount(),
          100.0 * (c.parameterCount() - budget) / budget);
    } else {
      if (width != null) {
        c = c.withWidth(width);
      }
      if (inputSize != null) {
        c = c.withInputSize(inputSize);
      }
    }
    if (imageSize != null) {
      c = c.withImageSize(imageSize);
    }
    if (dropout != null) {
      c = c.withDropout(dropout);
    }
    return new AlexNet(c.withLrn(lrn));
  }

  /** Parses {@code 1/256} or {@code 0.0039} into a fraction in (0, 1]. */
  static double parseFraction(String text) {
    double value;
    try {
      int slash = text.indexOf('/');
      value = slash < 0 ? Double.parseDouble(text)
          : Double.parseDouble(text.substring(0, slash)) / Double.parseDouble(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--budget-fraction '" + text + "' is not a number or a ratio like 1/256");
    }
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException("--budget-fraction '" + text + "' must be in (0, 1], got " + value);
    }
    return value;
  }

  private static void rejectFor(String modelName, Object... nameGivenPairs) {
    for (int i = 0; i < nameGivenPairs.length; i += 2) {
      if ((Boolean) nameGivenPairs[i + 1]) {
        throw new IllegalArgumentException(nameGivenPairs[i] + " does not apply to " + modelName);
      }
    }
  }

  /** One line naming the model and every setting that shapes it. */
  static String header(Model model) {
    String input = String.format("input %dx%dx%d, %d classes", model.inputHeight(), model.inputWidth(),
        model.inputChannels(), model.classes());
    if (model instanceof LeNet lenet) {
      LeNetConfig c = lenet.config();
      return String.format("LeNet: %s, %s pooling, batch norm %s, dropout %s, channels %d/%d, dense %d/%d,"
              + " first-conv padding %d; %s", c.activation().label(), c.pooling().label(), c.batchNorm() ? "on" : "off",
          c.dropout(), c.conv1Channels(), c.conv2Channels(), c.dense1Units(), c.dense2Units(), c.firstConvPadding(),
          input);
    }
    AlexNetConfig c = ((AlexNet) model).config();
    return String.format("AlexNet: width %.4f (conv %d/%d/%d/%d/%d, dense %d), resized to %dx%d, dropout %s,"
            + " LRN %s; %s", c.width(), c.convChannels(0), c.convChannels(1), c.convChannels(2), c.convChannels(3),
        c.convChannels(4), c.denseUnits(), c.inputSize(), c.inputSize(), c.dropout(), c.lrn() ? "on" : "off", input);
  }

  private static void print(PrintWriter out, Summary summary) {
    out.printf("%-12s %16s %14s %16s%n", "layer", "output", "parameters", "MACs");
    for (LayerRow row : summary.rows()) {
      out.printf("%-12s %16s %,14d %,16d%n", row.name(), row.shapeText(), row.parameters(), row.macs());
    }
    out.printf("%-12s %16s %,14d %,16d%n", "total", "", summary.parameters(), summary.macs());
    if (summary.state() > 0) {
      out.printf("batch-norm moving averages: %,d values (not trained, not counted above)%n", summary.state());
    }
    out.flush();
  }
}
