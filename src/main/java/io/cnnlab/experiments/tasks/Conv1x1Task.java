package io.cnnlab.experiments.tasks;

import io.cnnlab.ops.conv.Conv1x1;
import io.cnnlab.ops.conv.ConvWeights;
import io.cnnlab.ops.conv.Im2colConv2d;
import io.cnnlab.ops.conv.NaiveConv2d;
import io.cnnlab.ops.conv.Nchw;
import io.cnnlab.ops.conv.TfConv;
import io.cnnlab.ops.conv.TfGraphFunction;
import io.cnnlab.ops.shape.Padding;
import io.cnnlab.ops.shape.Window;
import io.cnnlab.tf.Tensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.tensorflow.types.TFloat32;

/**
 * The seed study's 1x1 convolution: TensorFlow {@code conv2d}, one matrix multiplication (TensorFlow and plain
 * Java) and the naive loop on the same data must agree; each is timed. A KxK convolution (naive, im2col, TF)
 * is timed alongside for scale. The harness's {@link #run} writes {@code timings.csv}; {@code max_abs_diff} is
 * the largest difference of a 1x1 implementation from the naive loop ({@code kxk_max_abs_diff} the same for
 * the KxK ones). {@code cnnlab conv1x1} prints the same rows as {@link #measure} finds them.
 */
public final class Conv1x1Task {
  /** Seed of the harness's random data (and the default of {@code cnnlab conv1x1 --seed}). */
  public static final long SEED = 1;

  private static final List<String> HEADER =
      List.of("conv", "implementation", "threads", "median_ms", "min_ms", "gflops", "max_abs_diff");

  /**
   * One timed implementation.
   *
   * @param conv {@code 1x1} or the KxK label, e.g. {@code 3x3}
   * @param implementation e.g. {@code TensorFlow conv2d}
   * @param layout the data layout it runs on, e.g. {@code NHWC} or {@code NHW x C}
   * @param threads threads it ran on
   * @param timing median and fastest of the timed runs
   * @param gflops billions of floating-point operations per second at the median (a MAC = 2 FLOPs)
   * @param maxAbsDiff largest absolute difference of its output from the naive loop's
   */
  public record Row(String conv, String implementation, String layout, int threads, Timing timing, double gflops,
      double maxAbsDiff) {}

  private final ConvBenchSettings s;
  private final int threads;
  private final Consumer<Row> onRow;
  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Double> metrics = new LinkedHashMap<>();
  private double maxDiff;
  private double kxkMaxDiff;

  private Conv1x1Task(ConvBenchSettings s, int threads, Consumer<Row> onRow) {
    this.s = s;
    this.threads = threads;
    this.onRow = onRow;
  }

  /** Runs the comparison with {@code settings} (nulls take the defaults) and writes into {@code runDir}. */
  public static Measurement run(ConvBenchSettings settings, int threads, Path runDir) throws IOException {
    Conv1x1Task t = measureTask(settings, threads, SEED, row -> {});
    List<List<Object>> table = new ArrayList<>();
    for (Row r : t.rows) {
      table.add(List.of(r.conv(), r.implementation(), r.threads(), r.timing().medianMs(), r.timing().minMs(),
          r.gflops(), r.maxAbsDiff()));
    }
    CsvFiles.write(runDir.resolve("timings.csv"), HEADER, table);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("max_abs_diff", t.maxDiff);
    metrics.put("kxk_max_abs_diff", t.kxkMaxDiff);
    metrics.putAll(t.metrics);
    return new Measurement(metrics, List.of("timings.csv"));
  }

  /**
   * Measures every implementation on data drawn from {@code seed}, TensorFlow on {@code threads} threads,
   * handing each row to {@code onRow} as soon as it is measured; returns the rows in that order.
   */
  public static List<Row> measure(ConvBenchSettings settings, int threads, long seed, Consumer<Row> onRow) {
    return List.copyOf(measureTask(settings, threads, seed, onRow).rows);
  }

  private static Conv1x1Task measureTask(ConvBenchSettings settings, int threads, long seed, Consumer<Row> onRow) {
    ConvBenchSettings s = (settings == null ? ConvBenchSettings.DEFAULTS : settings).complete();
    Conv1x1Task t = new Conv1x1Task(s, threads, onRow);
    Random random = new Random(seed);
    Nchw x = Nchw.random(random, s.batch(), s.in(), s.size(), s.size());
    t.oneByOne(x, ConvWeights.random(random, s.out(), s.in(), 1, 1));
    t.kByK(x, ConvWeights.random(random, s.out(), s.in(), s.kernel(), s.kernel()));
    return t;
  }

  private void oneByOne(Nchw x, ConvWeights k) {
    int n = s.batch();
    int size = s.size();
    int in = s.in();
    int out = s.out();
    Window window = Window.square(1, 1, Padding.valid());
    long macs = (long) n * size * size * in * out;
    float[] nhwc = x.toNhwc();
    float[] inOut = k.toHwio();
    long[] shape = {n, size, size, in};
    Nchw naive = NaiveConv2d.apply(x, k, window);
    try (TfGraphFunction conv = new TfGraphFunction(shape, (tf, input) -> TfConv.conv2d(tf, input,
            TfConv.constant(tf, inOut, 1, 1, in, out), TfConv.constant(tf, k.bias(), out), window), threads);
        TfGraphFunction matMul = new TfGraphFunction(shape, (tf, input) -> TfConv.conv1x1AsMatMul(tf, input,
            TfConv.constant(tf, inOut, in, out), TfConv.constant(tf, k.bias(), out)), threads);
        TFloat32 fed = Tensors.floats(nhwc, shape)) {
      row("1x1", "TensorFlow conv2d", "NHWC", "conv2d_ms", threads, macs, naive, () -> conv.run(fed),
          () -> Nchw.fromNhwc(conv.apply(fed).values(), n, size, size, out));
      row("1x1", "TensorFlow matMul", "NHW x C", "matmul_ms", threads, macs, naive, () -> matMul.run(fed),
          () -> Nchw.fromNhwc(matMul.apply(fed).values(), n, size, size, out));
    }
    int positions = n * size * size;
    row("1x1", "Java matmul", "NHW x C", "java_matmul_ms", 1, macs, naive,
        () -> Conv1x1.matMulNhwc(nhwc, positions, inOut, in, out, k.bias()),
        () -> Nchw.fromNhwc(Conv1x1.matMulNhwc(nhwc, positions, inOut, in, out, k.bias()), n, size, size, out));
    row("1x1", "Java naive loop", "NCHW", "naive_ms", 1, macs, naive, () -> NaiveConv2d.apply(x, k, window),
        () -> naive);
  }

  private void kByK(Nchw x, ConvWeights k) {
    int kernel = s.kernel();
    Window window = Window.square(kernel, 1, Padding.same());
    long macs = (long) s.batch() * s.size() * s.size() * s.in() * s.out() * kernel * kernel;
    String label = kernel + "x" + kernel;
    Nchw naive = NaiveConv2d.apply(x, k, window);
    row(label, "Java naive loop", "NCHW", null, 1, macs, naive, () -> NaiveConv2d.apply(x, k, window),
        () -> naive);
    row(label, "Java im2col + matmul", "NCHW", null, 1, macs, naive, () -> Im2colConv2d.apply(x, k, window),
        () -> Im2colConv2d.apply(x, k, window));
    long[] shape = {s.batch(), s.size(), s.size(), s.in()};
    try (TfGraphFunction conv = new TfGraphFunction(shape, (tf, input) -> TfConv.conv2d(tf, input,
            TfConv.constant(tf, k.toHwio(), kernel, kernel, s.in(), s.out()), TfConv.constant(tf, k.bias(), s.out()),
            window), threads);
        TFloat32 fed = Tensors.floats(x.toNhwc(), shape)) {
      row(label, "TensorFlow conv2d", "NHWC", null, threads, macs, naive, () -> conv.run(fed),
          () -> Nchw.fromNhwc(conv.apply(fed).values(), s.batch(), s.size(), s.size(), s.out()));
    }
  }

  private void row(String conv, String name, String layout, String metric, int rowThreads, long macs,
      Nchw reference, Runnable timed, Supplier<Nchw> result) {
    double diff = ConvShapesTask.maxAbsDiff(reference, result.get());
    if (conv.equals("1x1")) {
      maxDiff = Math.max(maxDiff, diff);
    } else {
      kxkMaxDiff = Math.max(kxkMaxDiff, diff);
    }
    Timing timing = Timing.of(timed, s.warmup(), s.repeats());
    Row row = new Row(conv, name, layout, rowThreads, timing, timing.gflops(macs), diff);
    rows.add(row);
    if (metric != null) {
      metrics.put(metric, timing.medianMs());
    }
    onRow.accept(row);
  }
}
