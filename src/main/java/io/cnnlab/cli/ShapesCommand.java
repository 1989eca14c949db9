package io.cnnlab.cli;

import io.cnnlab.ops.shape.ActivationShape.Spatial;
import io.cnnlab.ops.shape.ActivationShape;
import io.cnnlab.ops.spec.LayerStack;
import io.cnnlab.ops.spec.Preset;
import io.cnnlab.ops.spec.ShapeReport;
import io.cnnlab.ops.spec.ShapeReportFormat;
import io.cnnlab.ops.spec.StackSyntax;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cnnlab shapes}: layer-by-layer output shapes, parameters and MACs of a layer stack, from the hand
 * formulas of {@code ops.spec}: for a preset, the same report the harness's {@code ConvShapesTask} checks
 * against TensorFlow.
 */
@Command(
    name = "shapes",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the output shape, parameter count and multiply-accumulates (per example) of every layer of a "
          + "stack, and the totals. Without layers or --preset: d2l's LeNet on 28x28x1.",
      "",
      "Examples:",
      "  cnnlab shapes --preset alexnet --input 224x224x3",
      "  cnnlab shapes --input 32x32x3 conv:32,k3,psame relu maxpool:k2 fc:10",
      ""
    },
    footer = {"", StackSyntax.DESCRIPTION})
public final class ShapesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "LAYER", arity = "0..*", description = "Layer tokens, in order (syntax below).")
  List<String> layers = new ArrayList<>();

  @Option(
      names = "--input",
      paramLabel = "HxWxC",
      description = "Input shape of one example (default: the preset's, or 28x28x1 with layer tokens).")
  String input;

  @Option(names = "--preset", paramLabel = "NAME", description = "lenet (d2l 6.6) or alexnet (d2l 7.1).")
  String preset;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (default) or csv.")
  String format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      boolean csv = csv(format);
      LayerStack stack = stack();
      ShapeReport report = stack.report();
      if (csv) {
        out.print(ShapeReportFormat.csv(report));
      } else {
        out.println("stack: " + stack);
        out.print(ShapeReportFormat.table(report));
      }
      out.flush();
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("cnnlab shapes: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  private LayerStack stack() {
    if (preset != null && !layers.isEmpty()) {
      throw new IllegalArgumentException(
          "give either layer tokens or --preset " + preset + ", not both (got " + layers.size() + " tokens)");
    }
    Spatial shape = input == null ? null : ActivationShape.parseSpatial(input);
    if (!layers.isEmpty()) {
      return LayerStack.parse(shape == null ? new Spatial(28, 28, 1) : shape, layers);
    }
    Preset p = preset == null ? Preset.LENET : preset(preset);
    return shape == null ? p.stack() : p.stack(shape);
  }

  private static Preset preset(String name) {
    try {
      return Preset.parse(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--preset " + e.getMessage(), e);
    }
  }

  private static boolean csv(String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "csv" -> true;
      case "table" -> false;
      default -> throw new IllegalArgumentException("--format '" + format + "': expected table or csv");
    };
  }
}
