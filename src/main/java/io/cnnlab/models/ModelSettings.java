package io.cnnlab.models;

import io.cnnlab.check.ParseErrors;
import io.cnnlab.nn.Activation;
import io.cnnlab.nn.Pooling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model described by name and overrides, as the command line and experiment declarations give it; every
 * {@code null} field keeps the default of the chosen starting point. {@link #build} fills in what the data set
 * fixes (image size, channels, classes).
 *
 * @param type {@code lenet} or {@code alexnet}
 * @param variant lenet starting point: {@code textbook} (default), {@code batch-norm}, {@code relu-max}
 * @param activation lenet: {@code sigmoid}, {@code relu} or {@code tanh}
 * @param pool lenet: {@code avg} or {@code max}
 * @param batchNorm lenet: batch norm before every hidden activation
 * @param padding lenet: first-convolution padding
 * @param dropout dropout rate after the hidden dense layers
 * @param width alexnet: width multiplier (1 = textbook)
 * @param budgetFraction alexnet: choose the width so the parameter count is nearest this fraction of the
 *     textbook model's (e.g. {@code 1/256})
 * @param lrn alexnet: local response normalization after the first two ReLUs
 * @param inputSize lenet: ignored (the image size is the data's); alexnet: side images are resized to in
 *     the graph (224, or 112 with a budget)
 */
public record ModelSettings(
    String type,
    String variant,
    String activation,
    String pool,
    Boolean batchNorm,
    Integer padding,
    Float dropout,
    Double width,
    String budgetFraction,
    Boolean lrn,
    Integer inputSize) {

  /** The model types {@link #build} knows. */
  public static final List<String> TYPES = List.of("lenet", "alexnet");

  /** LeNet starting points. */
  public static final List<String> LENET_VARIANTS = List.of("textbook", "batch-norm", "relu-max");

  public ModelSettings {
    if (type == null || !TYPES.contains(type.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("unknown model '" + type + "': expected one of " + TYPES);
    }
    type = type.toLowerCase(Locale.ROOT);
  }

  /** Defaults of {@code type}, no overrides. */
  public static ModelSettings of(String type) {
    return new ModelSettings(type, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * Builds the model for images of {@code imageSize x imageSize x channels} and {@code classes} classes.
   *
   * @throws IllegalArgumentException naming the setting that does not apply or is out of range
   */
  public Model build(int imageSize, int channels, int classes) {
    return type.equals("lenet") ? new LeNet(lenet(imageSize, channels, classes))
        : new AlexNet(alexnet(imageSize, channels, classes));
  }

  /** The LeNet these settings describe. */
  public LeNetConfig lenet(int imageSize, int channels, int classes) {
    rejectFor("lenet", "width", width != null, "budgetFraction", budgetFraction != null, "lrn", lrn != null,
        "inputSize", inputSize != null && inputSize != imageSize);
    String start = variant == null ? "textbook" : variant;
    LeNetConfig c = switch (start) {
      case "textbook" -> LeNetConfig.textbook();
      case "batch-norm" -> LeNetConfig.batchNormVariant();
      case "relu-max" -> LeNetConfig.reluMaxVariant();
      default -> throw new IllegalArgumentException(
          "variant: unknown lenet variant '" + variant + "': expected one of " + LENET_VARIANTS);
    };
    // A bad name is reported with its key, so a declaration can say where it was given.
    if (activation != null) {
      c = c.withActivation(ParseErrors.keyed("activation", () -> Activation.parse(activation)));
    }
    if (pool != null) {
      c = c.withPooling(ParseErrors.keyed("pool", () -> Pooling.parse(pool)));
    }
    if (batchNorm != null) {
      c = c.withBatchNorm(batchNorm);
    }
    if (padding != null) {
      c = c.withFirstConvPadding(padding);
    }
    if (dropout != null) {
      c = c.withDropout(dropout);
    }
    return c.withInput(imageSize, channels).withClasses(classes);
  }

  /** The AlexNet these settings describe, fed {@code imageSize} images and resizing them in the graph. */
  public AlexNetConfig alexnet(int imageSize, int channels, int classes) {
    rejectFor("alexnet", "variant", variant != null, "activation", activation != null, "pool", pool != null,
        "batchNorm", batchNorm != null, "padding", padding != null);
    if (width != null && budgetFraction != null) {
      throw new IllegalArgumentException("give width or budgetFraction, not both");
    }
    AlexNetConfig c = AlexNetConfig.textbook().withChannels(channels).withClasses(classes);
    if (budgetFraction != null) {
      long budget = Math.round(c.parameterCount() * parseFraction(budgetFraction));
      int size = inputSize == null ? AlexNetConfig.BUDGET_INPUT_SIZE : inputSize;
      c = AlexNetConfig.forBudget(budget, size, channels, classes);
    } else {
      if (width != null) {
        c = c.withWidth(width);
      }
      if (inputSize != null) {
        c = c.withInputSize(inputSize);
      }
    }
    if (dropout != null) {
      c = c.withDropout(dropout);
    }
    return c.withImageSize(imageSize).withLrn(lrn != null && lrn);
  }

  /** The parameter budget {@code budgetFraction} stands for, with the textbook count it is a fraction of. */
  public long budget(int channels, int classes) {
    long textbook = AlexNetConfig.textbook().withChannels(channels).withClasses(classes).parameterCount();
    return Math.round(textbook * parseFraction(budgetFraction));
  }

  /** Parses {@code 1/256} or {@code 0.0039} into a fraction in (0, 1]. */
  public static double parseFraction(String text) {
    double value;
    try {
      int slash = text.indexOf('/');
      value = slash < 0 ? Double.parseDouble(text)
          : Double.parseDouble(text.substring(0, slash)) / Double.parseDouble(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("budget fraction '" + text + "' is not a number or a ratio like 1/256");
    }
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException("budget fraction '" + text + "' must be in (0, 1], got " + value);
    }
    return value;
  }

  private static void rejectFor(String model, Object... nameGivenPairs) {
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < nameGivenPairs.length; i += 2) {
      if ((Boolean) nameGivenPairs[i + 1]) {
        wrong.add((String) nameGivenPairs[i]);
      }
    }
    if (!wrong.isEmpty()) {
      throw new IllegalArgumentException(String.join(", ", wrong) + " does not apply to " + model);
    }
  }
}
