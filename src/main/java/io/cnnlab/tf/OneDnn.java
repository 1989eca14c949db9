package io.cnnlab.tf;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * Turns TensorFlow's oneDNN kernels on where TensorFlow has them (Linux on x86-64 and ARM64), and tells whether
 * they are on.
 *
 * <p>TensorFlow 2.18 enables oneDNN by default only on CPUs with AVX-512-class neural-network features; on an
 * AVX2 CPU LeNet trains several times slower without it ({@code bench/PERFORMANCE.md}). It reads
 * {@value #ENV} from the C environment once, when its native library loads: setting the variable after that
 * changes nothing. A Java program cannot set its own environment, so {@link #ensure()} calls the C library's
 * {@code setenv} ({@link ProcessEnvironment}). cnnlab calls it before it loads TensorFlow ({@link Graphs#create()},
 * the CLI's {@code main}); a program that loads TensorFlow itself first gets one warning when cnnlab first probes
 * oneDNN ({@link #status()}, once per process that trains or measures).
 *
 * <p>Elsewhere it is left alone, and the setting says why: TensorFlow's macOS build has no oneDNN, and on Windows
 * cnnlab cannot reach the C environment TensorFlow reads ({@link ProcessEnvironment}); there a user's own
 * {@value #ENV} still applies.
 *
 * <p>A {@value #ENV} the user set is left as it is. The system property {@value #PROPERTY} chooses otherwise:
 * {@code on} (the default), {@code off}, or {@code tensorflow} (TensorFlow's own per-CPU default).
 */
public final class OneDnn {
  /** TensorFlow's switch for its oneDNN kernels. */
  public static final String ENV = "TF_ENABLE_ONEDNN_OPTS";
  /** System property: {@code on}, {@code off} or {@code tensorflow}. */
  public static final String PROPERTY = "cnnlab.onednn";

  /** The CPU extensions with which TensorFlow 2.18 turns oneDNN on by default on x86 (its {@code IsMklEnabled}). */
  private static final java.util.Set<String> DEFAULT_ON_EXTENSIONS =
      java.util.Set.of("AVX512-VNNI", "AVX512-BF16", "AVX-VNNI", "AMX");

  /** The first op-name prefix of TensorFlow's oneDNN kernels after graph rewriting ({@code _MklNativeConv2D}). */
  static final String ONEDNN_OP_PREFIX = "_Mkl";

  /**
   * Whether oneDNN is on in this process, and how it came to be.
   *
   * @param active oneDNN kernels replaced TensorFlow's in a probe graph (convolution, matmul)
   * @param setting where the setting came from, e.g. {@code TF_ENABLE_ONEDNN_OPTS=1 set by cnnlab}
   */
  public record Status(boolean active, String setting) {
    /** {@code on (TF_ENABLE_ONEDNN_OPTS=1 set by cnnlab)}. */
    public String describe() {
      return (active ? "on" : "off") + " (" + setting + ")";
    }
  }

  private static String setting;
  /** Whether the setting turns oneDNN on, as far as it tells without a probe. */
  private static boolean expectedOn;
  private static Status status;

  private OneDnn() {}

  /**
   * Sets {@value #ENV} for this process unless the user did or TensorFlow is already loaded. Call it before
   * the first TensorFlow class is used; later calls do nothing.
   */
  public static synchronized void ensure() {
    if (setting != null) {
      return;
    }
    String user = System.getenv(ENV);
    String wanted = System.getProperty(PROPERTY, "on").trim().toLowerCase(Locale.ROOT);
    Platform platform = Platform.current();
    boolean tensorflowDefault = platform.hasOneDnn()
        && Cpu.detect().extensions().stream().anyMatch(DEFAULT_ON_EXTENSIONS::contains);
    if (user != null) {
      setting = ENV + "=" + user + " from the environment";
      expectedOn = user.trim().equals("1") || user.trim().equalsIgnoreCase("true");
    } else if (!wanted.equals("on") && !wanted.equals("off") && !wanted.equals("tensorflow")) {
      throw new IllegalArgumentException(
          "-D" + PROPERTY + "=" + wanted + ": expected on, off or tensorflow");
    } else if (!platform.hasOneDnn()) {
      setting = "left alone on " + platform.classifier() + (platform.os().equals("macosx")
          ? ": TensorFlow's macOS build has no oneDNN" : ": cnnlab switches oneDNN only on Linux");
      expectedOn = false;
    } else if (wanted.equals("tensorflow")) {
      setting = "TensorFlow's default for this CPU (" + PROPERTY + "=tensorflow)";
      expectedOn = tensorflowDefault;
    } else if (tensorflowLoaded()) {
      setting = "TensorFlow's default for this CPU: it was loaded before cnnlab could set " + ENV;
      expectedOn = tensorflowDefault;
    } else {
      String value = wanted.equals("on") ? "1" : "0";
      boolean set = ProcessEnvironment.set(ENV, value);
      setting = set ? ENV + "=" + value + " set by cnnlab"
          : "TensorFlow's default for this CPU: cnnlab could not set " + ENV + " (no C library setenv)";
      expectedOn = set ? wanted.equals("on") : tensorflowDefault;
    }
  }

  /**
   * What the setting leads to expect, without the probe graph of {@link #status()}: for estimates that must not
   * run TensorFlow (a dry run's plan). The probe's answer, once known, is the real one.
   */
  public static synchronized Status expected() {
    if (status != null) {
      return status;
    }
    ensure();
    return new Status(expectedOn, setting + "; expected, not probed");
  }

  /**
   * Whether oneDNN is on in this process, probed once with a small graph (after {@link #ensure()}); prints
   * the warning of {@link #warning} once on standard error when it is off though nobody asked for that.
   */
  public static synchronized Status status() {
    if (status == null) {
      ensure();
      status = new Status(probe(), setting);
      warning(status, Platform.current()).ifPresent(System.err::println);
    }
    return status;
  }

  /**
   * The line printed when oneDNN is off on x86-64 Linux (where it was measured several times faster) without an
   * explicit request to turn it off.
   */
  static Optional<String> warning(Status status, Platform platform) {
    boolean askedOff = status.setting().contains(ENV + "=0") || status.setting().contains(ENV + "=false");
    if (status.active() || !platform.hasOneDnn() || !platform.isX86_64() || askedOff) {
      return Optional.empty();
    }
    return Optional.of("cnnlab: oneDNN is off (" + status.setting() + "); on AVX2 CPUs this makes LeNet "
        + "training about 4x slower. Start Java with " + ENV + "=1 in the environment, or call "
        + "io.cnnlab.tf.OneDnn.ensure() before any TensorFlow class is used.");
  }

  /** True when a probe graph's convolution and matmul ran as oneDNN kernels. */
  static boolean probe() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      // Random inputs: constant ones would be folded away before any kernel is chosen.
      var image = tf.random.randomUniform(tf.constant(new long[] {1, 4, 4, 1}), TFloat32.class);
      var kernel = tf.random.randomUniform(tf.constant(new long[] {3, 3, 1, 2}), TFloat32.class);
      var conv = tf.nn.conv2d(image, kernel, List.of(1L, 1L, 1L, 1L), "SAME");
      var flat = tf.reshape(conv, tf.constant(new long[] {4, 8}));
      var weights = tf.random.randomUniform(tf.constant(new long[] {8, 2}), TFloat32.class);
      var product = tf.linalg.matMul(flat, weights);
      RunOptions options = RunOptions.newBuilder().setOutputPartitionGraphs(true).build();
      try (Result r = s.runner().fetch(product).setOptions(options).runAndFetchMetadata()) {
        for (GraphDef partition : r.getMetadata().orElseThrow().getPartitionGraphsList()) {
          for (NodeDef node : partition.getNodeList()) {
            if (node.getOp().startsWith(ONEDNN_OP_PREFIX)) {
              return true;
            }
          }
        }
        return false;
      }
    }
  }

  private static boolean tensorflowLoaded() {
    return Loader.getLoadedLibraries().keySet().stream().anyMatch(k -> k.contains("tensorflow"));
  }
}
