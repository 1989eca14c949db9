package io.cnnlab.experiments.tasks;

import io.cnnlab.models.Model;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.graph.Summary;
import io.cnnlab.graph.SummaryRow;
import io.cnnlab.ops.conv.ConvWeights;
import io.cnnlab.ops.conv.Im2colConv2d;
import io.cnnlab.ops.conv.NaiveConv2d;
import io.cnnlab.ops.conv.Nchw;
import io.cnnlab.ops.conv.TfConv;
import io.cnnlab.ops.conv.TfGraphFunction;
import io.cnnlab.ops.shape.Padding;
import io.cnnlab.ops.shape.ShapeAlgebra;
import io.cnnlab.ops.shape.Window;
import io.cnnlab.ops.spec.Preset;
import io.cnnlab.ops.spec.ShapeReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The seed study's shape verification: LeNet's and AlexNet's layer-by-layer output shapes from the hand
 * formulas ({@link Preset} stacks through {@link ShapeAlgebra}) against the shapes TensorFlow gives the models
 * cnnlab trains ({@link Summary}), their parameter counts against the published ones, and the naive and im2col
 * convolutions against TensorFlow's {@code conv2d} on the seed's 2x3x360x480 case. Writes {@code shapes.csv}
 * and {@code checks.csv}; {@code mismatches} counts the checks that failed.
 */
public final class ConvShapesTask {
  /** d2l 2.0 §6.6: LeNet on 28x28x1, 10 classes. */
  static final long LENET_PARAMETERS = 61_706;
  /** d2l 2.0 §7.1: AlexNet on 224x224x1 (28x28 resized in the graph), 10 classes. */
  static final long ALEXNET_PARAMETERS = 46_764_746;
  /** Largest difference from TensorFlow accepted for float32 sums of 27 products. */
  static final double TOLERANCE = 1e-4;

  private final List<List<Object>> shapeRows = new ArrayList<>();
  private final List<List<Object>> checkRows = new ArrayList<>();
  private int mismatches;

  private ConvShapesTask() {}

  /** Runs every check with TensorFlow on {@code threads} threads and writes the tables into {@code runDir}. */
  public static Measurement run(int threads, Path runDir) throws IOException {
    ConvShapesTask t = new ConvShapesTask();
    t.model(Preset.LENET, LENET_PARAMETERS);
    t.model(Preset.ALEXNET, ALEXNET_PARAMETERS);
    double diff = t.seedCase(threads);
    CsvFiles.write(runDir.resolve("shapes.csv"), List.of("model", "step", "formula_shape", "tensorflow_shape",
        "match"), t.shapeRows);
    CsvFiles.write(runDir.resolve("checks.csv"), List.of("check", "expected", "measured", "pass"), t.checkRows);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("mismatches", (double) t.mismatches);
    metrics.put("checks", (double) t.checkRows.size());
    metrics.put("max_abs_diff", diff);
    return new Measurement(metrics, List.of("shapes.csv", "checks.csv"));
  }

  /**
   * Compares the sequence of distinct consecutive shapes (activations and dropout keep the shape, so both
   * sides collapse them) and the parameter totals.
   */
  private void model(Preset preset, long published) {
    String name = preset.token();
    Model model = ModelSettings.of(name).build(28, 1, 10);
    ShapeReport formula = preset.stack().report(); // what `cnnlab shapes --preset NAME` prints
    List<String> expected = collapse(formula.rows().stream().map(r -> r.output().toString()).toList());
    Summary summary = Summary.of(model);
    List<String> actual = collapse(summary.rows().stream()
        .filter(r -> !r.name().startsWith("resize")).map(SummaryRow::shapeText).toList());
    int steps = Math.max(expected.size(), actual.size());
    boolean allMatch = true;
    for (int i = 0; i < steps; i++) {
      String e = i < expected.size() ? expected.get(i) : "";
      String a = i < actual.size() ? actual.get(i) : "";
      shapeRows.add(List.of(name, i + 1, e, a, e.equals(a)));
      allMatch &= e.equals(a);
    }
    check(name + " layer shapes: formulas vs TensorFlow", String.join(" > ", expected), String.join(" > ", actual),
        allMatch);
    check(name + " parameters: formulas vs published", published, formula.totalParameters(),
        formula.totalParameters() == published);
    check(name + " parameters: TensorFlow model vs published", published, summary.parameters(),
        summary.parameters() == published);
  }

  /** N=2, Ci=3, Co=4, 360x480, 3x3 kernel, padding 1, stride 1; returns the largest difference from TF. */
  private double seedCase(int threads) {
    int n = 2;
    int ci = 3;
    int co = 4;
    int h = 360;
    int w = 480;
    Window window = Window.square(3, 1, Padding.symmetric(1));
    Random random = new Random(360480);
    Nchw x = Nchw.random(random, n, ci, h, w);
    ConvWeights k = ConvWeights.random(random, co, ci, 3, 3);
    long[] nhwc = {n, h, w, ci};
    TfGraphFunction.Values tf;
    try (TfGraphFunction conv = new TfGraphFunction(nhwc, (ops, in) -> TfConv.conv2d(ops, in,
        TfConv.constant(ops, k.toHwio(), 3, 3, ci, co), TfConv.constant(ops, k.bias(), co), window), threads)) {
      tf = conv.apply(x.toNhwc());
    }
    long[] formula = {n, ShapeAlgebra.outputSize(h, 3, 1, 1), ShapeAlgebra.outputSize(w, 3, 1, 1), co};
    check("seed case 2x3x360x480 3x3 p1: TensorFlow output shape vs formula", Arrays.toString(formula),
        Arrays.toString(tf.shape()), Arrays.equals(formula, tf.shape()));
    Nchw reference = Nchw.fromNhwc(tf.values(), n, (int) tf.shape()[1], (int) tf.shape()[2], co);
    double naive = maxAbsDiff(reference, NaiveConv2d.apply(x, k, window));
    double im2col = maxAbsDiff(reference, Im2colConv2d.apply(x, k, window));
    check("seed case: naive loop vs TensorFlow conv2d, max |diff|", "<= " + TOLERANCE, naive, naive <= TOLERANCE);
    check("seed case: im2col vs TensorFlow conv2d, max |diff|", "<= " + TOLERANCE, im2col, im2col <= TOLERANCE);
    return Math.max(naive, im2col);
  }

  private void check(String what, Object expected, Object measured, boolean pass) {
    checkRows.add(List.of(what, expected, measured, pass));
    if (!pass) {
      mismatches++;
    }
  }

  /** Drops shapes equal to the one before. */
  static List<String> collapse(List<String> shapes) {
    List<String> out = new ArrayList<>();
    for (String s : shapes) {
      if (out.isEmpty() || !out.get(out.size() - 1).equals(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** Largest absolute difference; infinite when the shapes differ. */
  static double maxAbsDiff(Nchw a, Nchw b) {
    if (!Arrays.equals(a.shape(), b.shape())) {
      return Double.POSITIVE_INFINITY;
    }
    double max = 0;
    for (int i = 0; i < a.data().length; i++) {
      max = Math.max(max, Math.abs((double) a.data()[i] - b.data()[i]));
    }
    return max;
  }
}
