package io.cnnlab.cli;

import io.cnnlab.ops.conv.Conv1x1;
import io.cnnlab.ops.conv.ConvWeights;
import io.cnnlab.ops.conv.Im2colConv2d;
import io.cnnlab.ops.conv.NaiveConv2d;
import io.cnnlab.ops.conv.Nchw;
import io.cnnlab.ops.conv.TfConv;
import io.cnnlab.ops.conv.TfGraphFunction;
import io.cnnlab.ops.shape.Padding;
import io.cnnlab.ops.shape.Window;
import io.cnnlab.tf.Sessions;
import io.cnnlab.tf.Tensors;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.tensorflow.types.TFloat32;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cnnlab conv1x1}: times a 1x1 convolution three ways (TensorFlow conv2d, one matrix multiplication,
 * the naive loop) and a KxK convolution three ways (naive loop, im2col, TensorFlow conv2d). A measurement,
 * not a test; every implementation's output is compared with the naive loop's.
 */
@Command(
    name = "conv1x1",
    mixinStandardHelpOptions = true,
    description = {
      "Times 1x1 convolution as TensorFlow conv2d, as one matrix multiplication (TensorFlow matMul and plain "
          + "Java on (N*H*W) x Ci) and as the naive loop; then a KxK convolution (SAME padding) as the naive "
          + "loop, im2col + matmul (plain Java) and TensorFlow conv2d. Prints the median and fastest time of "
          + "--repeats runs after --warmup runs, GFLOP/s (a MAC = 2 FLOPs) and the largest difference from the "
          + "naive loop.",
      "Plain Java runs on one thread in NCHW (matmul in NHWC); TensorFlow runs NHWC on --threads threads "
          + "with the graph built once and a pre-made input tensor fed (layout changes are not timed)."
    })
public final class Conv1x1Command implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--batch", defaultValue = "32", description = "Examples per batch (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--in", defaultValue = "64", description = "Input channels (default ${DEFAULT-VALUE}).")
  int in;

  @Option(names = "--out", defaultValue = "16", description = "Output channels (default ${DEFAULT-VALUE}).")
  int out;

  @Option(names = "--size", defaultValue = "56", description = "Height and width (default ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--kernel", defaultValue = "3", description = "Kernel of the second comparison (default ${DEFAULT-VALUE}).")
  int kernel;

  @Option(names = "--repeats", defaultValue = "5", description = "Timed runs (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--warmup", defaultValue = "2", description = "Untimed runs first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--threads", description = "TensorFlow intra-op threads (default: all cores).")
  Integer threads;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the random data (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      validate();
      int tfThreads = threads == null ? Sessions.defaultThreads() : threads;
      Random random = new Random(seed);
      Nchw x = Nchw.random(random, batch, in, size, size);
      out.printf(Locale.ROOT, "input %dx%dx%dx%d (NCHW), %d -> %d channels; median of %d runs after %d warm-up%n",
          batch, in, size, size, in, this.out, repeats, warmup);
      out.printf(Locale.ROOT, "%-5s  %-28s %7s %11s %11s %9s %12s%n",
          "conv", "implementation", "threads", "median ms", "min ms", "GFLOP/s", "max |diff|");
      oneByOne(out, x, ConvWeights.random(random, this.out, in, 1, 1), tfThreads);
      kByK(out, x, ConvWeights.random(random, this.out, in, kernel, kernel), tfThreads);
      out.println("max |diff|: largest absolute difference from the naive loop's output.");
      out.flush();
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("cnnlab conv1x1: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  private void validate() {
    String[] names = {"--batch", "--in", "--out", "--size", "--kernel", "--repeats"};
    int[] values = {batch, in, out, size, kernel, repeats};
    for (int i = 0; i < names.length; i++) {
      if (values[i] < 1) {
        throw new IllegalArgumentException(names[i] + " must be >= 1, got " + values[i]);
      }
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
    }
    if (threads != null && threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    }
  }

  private void oneByOne(PrintWriter out, Nchw x, ConvWeights k, int tfThreads) {
    Window window = Window.square(1, 1, Padding.valid());
    long macs = (long) batch * size * size * in * this.out;
    String label = "1x1";
    float[] nhwc = x.toNhwc();
    float[] inOut = k.toHwio();
    int positions = batch * size * size;
    Nchw naive = NaiveConv2d.apply(x, k, window);
    long[] shape = {batch, size, size, in};
    try (TfGraphFunction conv = new TfGraphFunction(shape, (tf, input) -> TfConv.conv2d(
            tf, input, TfConv.constant(tf, inOut, 1, 1, in, this.out), TfConv.constant(tf, k.bias(), this.out),
            window), tfThreads);
        TfGraphFunction matMul = new TfGraphFunction(shape, (tf, input) -> TfConv.conv1x1AsMatMul(
            tf, input, TfConv.constant(tf, inOut, in, this.out), TfConv.constant(tf, k.bias(), this.out)), tfThreads);
        TFloat32 fed = Tensors.floats(nhwc, shape)) {
      row(out, label, "TensorFlow conv2d (NHWC)", tfThreads, macs, naive, () -> conv.run(fed),
          () -> Nchw.fromNhwc(conv.apply(fed).values(), batch, size, size, this.out));
      row(out, label, "TensorFlow matMul (NHW x C)", tfThreads, macs, naive, () -> matMul.run(fed),
          () -> Nchw.fromNhwc(matMul.apply(fed).values(), batch, size, size, this.out));
    }
    row(out, label, "Java matmul (NHW x C)", 1, macs, naive,
        () -> Conv1x1.matMulNhwc(nhwc, positions, inOut, in, this.out, k.bias()),
        () -> Nchw.fromNhwc(Conv1x1.matMulNhwc(nhwc, positions, inOut, in, this.out, k.bias()), batch, size, size, this.out));
    row(out, label, "Java naive loop (NCHW)", 1, macs, naive, () -> NaiveConv2d.apply(x, k, window), () -> naive);
  }

  private void kByK(PrintWriter out, Nchw x, ConvWeights k, int tfThreads) {
    Window window = Window.square(kernel, 1, Padding.same());
    long macs = (long) batch * size * size * in * this.out * kernel * kernel;
    String label = kernel + "x" + kernel;
    Nchw naive = NaiveConv2d.apply(x, k, window);
    row(out, label, "Java naive loop (NCHW)", 1, macs, naive, () -> NaiveConv2d.apply(x, k, window), () -> naive);
    row(out, label, "Java im2col + matmul (NCHW)", 1, macs, naive, () -> Im2colConv2d.apply(x, k, window),
        () -> Im2colConv2d.apply(x, k, window));
    long[] shape = {batch, size, size, in};
    float[] hwio = k.toHwio();
    try (TfGraphFunction conv = new TfGraphFunction(shape, (tf, input) -> TfConv.conv2d(
            tf, input, TfConv.constant(tf, hwio, kernel, kernel, in, this.out),
            TfConv.constant(tf, k.bias(), this.out), window), tfThreads);
        TFloat32 fed = Tensors.floats(x.toNhwc(), shape)) {
      row(out, label, "TensorFlow conv2d (NHWC)", tfThreads, macs, naive, () -> conv.run(fed),
          () -> Nchw.fromNhwc(conv.apply(fed).values(), batch, size, size, this.out));
    }
  }

  private void row(PrintWriter out, String conv, String name, int threadCount, long macs, Nchw reference,
      Runnable timed, Supplier<Nchw> result) {
    double diff = maxAbsDiff(reference, result.get());
    Timing t = Timing.of(timed, warmup, repeats);
    out.printf(Locale.ROOT, "%-5s  %-28s %7d %11.2f %11.2f %9.2f %12.2e%n",
        conv, name, threadCount, t.medianMs(), t.minMs(), t.gflops(macs), diff);
    out.flush();
  }

  private static double maxAbsDiff(Nchw a, Nchw b) {
    if (a.data().length != b.data().length) {
      throw new IllegalStateException("outputs differ in size: " + a.data().length + " vs " + b.data().length);
    }
    double max = 0;
    for (int i = 0; i < a.data().length; i++) {
      max = Math.max(max, Math.abs((double) a.data()[i] - b.data()[i]));
    }
    return max;
  }
}
