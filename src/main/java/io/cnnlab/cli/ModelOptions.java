package io.cnnlab.cli;

import io.cnnlab.models.AlexNetConfig;
import io.cnnlab.models.LeNetConfig;
import io.cnnlab.models.ModelSettings;
import picocli.CommandLine.Option;

/**
 * The model-shaping options shared by {@code summary} and {@code train}; they map onto {@link ModelSettings}, each
 * option's name being its component's in kebab case ({@code --batch-norm} is {@code batchNorm}).
 */
final class ModelOptions {
  @Option(names = "--variant", paramLabel = "NAME",
      description = "lenet starting point: textbook (default), batch-norm, relu-max; other options override it")
  String variant;

  @Option(names = "--activation", paramLabel = "NAME", description = "lenet: sigmoid, relu or tanh")
  String activation;

  @Option(names = "--pool", paramLabel = "NAME", description = "lenet: avg or max")
  String pool;

  @Option(names = "--batch-norm", description = "lenet: batch norm before every hidden activation")
  Boolean batchNorm;

  @Option(names = "--padding", paramLabel = "P", description = "lenet: first-convolution padding (textbook: " + LeNetConfig.TEXTBOOK_PADDING + ")")
  Integer padding;

  @Option(names = "--dropout", paramLabel = "RATE", description = "dropout rate after the hidden dense layers")
  Float dropout;

  @Option(names = "--width", paramLabel = "W", description = "alexnet: width multiplier (1 = textbook)")
  Double width;

  @Option(names = "--budget-fraction", paramLabel = "F",
      description = "alexnet: choose the width so the parameter count is nearest F (e.g. 1/256) of the textbook model's")
  String budgetFraction;

  @Option(names = "--lrn", description = "alexnet: local response normalization after the first two ReLUs")
  Boolean lrn;

  @Option(names = "--input-size", paramLabel = "N",
      description = "alexnet: side images are resized to in the graph (" + AlexNetConfig.TEXTBOOK_INPUT_SIZE
          + ", or " + AlexNetConfig.BUDGET_INPUT_SIZE + " with --budget-fraction)")
  Integer inputSize;

  /** The settings for model {@code type}. */
  ModelSettings settings(String type) {
    return new ModelSettings(type, variant, activation, pool, batchNorm, padding, dropout, width, budgetFraction,
        lrn, inputSize);
  }
}
