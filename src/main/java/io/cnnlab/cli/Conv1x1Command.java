package io.cnnlab.cli;

import io.cnnlab.experiments.tasks.Conv1x1Task;
import io.cnnlab.experiments.tasks.ConvBenchSettings;
import io.cnnlab.tf.Sessions;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cnnlab conv1x1}: times a 1x1 convolution three ways (TensorFlow conv2d, one matrix multiplication,
 * the naive loop) and a KxK convolution three ways (naive loop, im2col, TensorFlow conv2d). A measurement,
 * not a test; every implementation's output is compared with the naive loop's. The measuring is the
 * harness's {@link Conv1x1Task}; this command parses the options and prints the rows as they come.
 */
@Command(
    name = "conv1x1",
    mixinStandardHelpOptions = true,
    defaultValueProvider = Conv1x1Command.Defaults.class,
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

  @Option(names = "--batch", description = "Examples per batch (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--in", description = "Input channels (default ${DEFAULT-VALUE}).")
  int in;

  @Option(names = "--out", description = "Output channels (default ${DEFAULT-VALUE}).")
  int out;

  @Option(names = "--size", description = "Height and width (default ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--kernel",
      description = "Kernel of the second comparison (default ${DEFAULT-VALUE}).")
  int kernel;

  @Option(names = "--repeats", description = "Timed runs (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--warmup", description = "Untimed runs first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--threads", description = "TensorFlow intra-op threads (default: all cores).")
  Integer threads;

  @Option(names = "--seed", description = "Seed of the random data (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      validate();
      int tfThreads = threads == null ? Sessions.defaultThreads() : threads;
      out.printf(Locale.ROOT, "input %dx%dx%dx%d (NCHW), %d -> %d channels; median of %d runs after %d warm-up%n",
          batch, in, size, size, in, this.out, repeats, warmup);
      out.printf(Locale.ROOT, "%-5s  %-28s %7s %11s %11s %9s %12s%n",
          "conv", "implementation", "threads", "median ms", "min ms", "GFLOP/s", "max |diff|");
      ConvBenchSettings settings = new ConvBenchSettings(batch, in, this.out, size, kernel, repeats, warmup);
      Conv1x1Task.measure(settings, tfThreads, seed, row -> print(out, row));
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

  private static void print(PrintWriter out, Conv1x1Task.Row row) {
    out.printf(Locale.ROOT, "%-5s  %-28s %7d %11.2f %11.2f %9.2f %12.2e%n", row.conv(),
        row.implementation() + " (" + row.layout() + ")", row.threads(), row.timing().medianMs(),
        row.timing().minMs(), row.gflops(), row.maxAbsDiff());
    out.flush();
  }

  /** The defaults are the harness's ({@link ConvBenchSettings#DEFAULTS}, {@link Conv1x1Task#SEED}), stated once. */
  static final class Defaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec arg) {
      if (!(arg instanceof OptionSpec option)) {
        return null;
      }
      ConvBenchSettings d = ConvBenchSettings.DEFAULTS;
      Object value = switch (option.longestName()) {
        case "--batch" -> d.batch();
        case "--in" -> d.in();
        case "--out" -> d.out();
        case "--size" -> d.size();
        case "--kernel" -> d.kernel();
        case "--repeats" -> d.repeats();
        case "--warmup" -> d.warmup();
        case "--seed" -> Conv1x1Task.SEED;
        default -> null;
      };
      return value == null ? null : value.toString();
    }
  }
}
