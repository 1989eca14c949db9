package io.cnnlab.cli;

import io.cnnlab.models.AlexNet;
import io.cnnlab.models.AlexNetConfig;
import io.cnnlab.models.LeNet;
import io.cnnlab.models.LeNetConfig;
import io.cnnlab.models.Model;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.graph.Summary;
import io.cnnlab.graph.SummaryRow;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

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

  @CommandLine.Mixin ModelOptions modelOptions;

  @Option(names = "--image-size", paramLabel = "N",
      description = "side of the fed images (28); lenet is built for it, alexnet resizes it to --input-size")
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
      ModelSettings settings = modelOptions.settings(model);
      int c = channels == null ? 1 : channels;
      int k = classes == null ? 10 : classes;
      built = settings.build(imageSize == null ? 28 : imageSize, c, k);
      if (settings.budgetFraction() != null) {
        AlexNetConfig config = ((AlexNet) built).config();
        long textbook = AlexNetConfig.textbook().withChannels(c).withClasses(k).parameterCount();
        long budget = settings.budget(c, k);
        budgetNote = String.format("budget %s of %,d = %,d parameters; width %.4f gives %,d (%+.2f%%)",
            settings.budgetFraction(), textbook, budget, config.width(), config.parameterCount(), 100.0 * (config.parameterCount() - budget) / budget);
      }
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
    for (SummaryRow row : summary.rows()) {
      out.printf("%-12s %16s %,14d %,16d%n", row.name(), row.shapeText(), row.parameters(), row.macs());
    }
    out.printf("%-12s %16s %,14d %,16d%n", "total", "", summary.parameters(), summary.macs());
    if (summary.state() > 0) {
      out.printf("batch-norm moving averages: %,d values (not trained, not counted above)%n", summary.state());
    }
    out.flush();
  }
}
