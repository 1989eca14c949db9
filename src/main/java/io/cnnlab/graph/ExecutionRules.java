package io.cnnlab.graph;

import io.cnnlab.models.Layer;
import io.cnnlab.models.Network;
import io.cnnlab.nn.BlockedConvStage;
import io.cnnlab.nn.ChannelsFirst;
import io.cnnlab.ops.shape.ShapeAlgebra;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code auto} chooses, and what every request resolves to. Measured reasons are in bench/PERFORMANCE.md:
 * <ul>
 *   <li>towers: one per thread (each slice at least {@value #MIN_SLICE} images) on a CPU for networks without
 *       dropout; LeNet's small convolutions use two threads better as two half-batches than inside each op;
 *   <li>the blocked and gathered forms only where they were measured faster: on an x86-64 CPU where oneDNN runs
 *       ({@link #measuredFaster}); the plain ops on ARM, on macOS, without oneDNN;
 *   <li>there, LeNet-like stages (stride-1 convolution, [batch norm,] activation, 2x2/2 pooling) in blocked form:
 *       oneDNN's kernels are slow for a few channels;
 *   <li>there, convolutions over {@link ChannelsFirst#MIN_CHANNELS} channels or more: stride 1 as a gather and a
 *       product, other strides in NCHW; oneDNN's NHWC kernels are slower than both for them;
 *   <li>the plain ops when asked for, in deterministic mode (the blocked products rounded differently from one
 *       process to the next) and on a GPU;
 *   <li>in every mode, NCHW where oneDNN's NHWC input gradient is known wrong ({@link #avoidsWrongKernel}).
 * </ul>
 */
final class ExecutionRules {
  /** Smallest slice worth a tower of its own in automatic mode. */
  static final int MIN_SLICE = 32;
  /** Images per chunk of a chunked convolution on one thread, and on two or more. */
  static final int CHUNK = 64;

  static final int CHUNK_THREADED = 32;

  private ExecutionRules() {}

  static Execution resolve(ExecutionOptions o, Machine m, Network network, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    int threads = o.deterministic() ? 1 : o.threads() > 0 ? o.threads() : m.cores();
    int towers = towers(o, m, network, threads, batchSize);
    int chunkImages = chunkImages(Math.max(1, threads / towers));
    int chunks = Math.max(1, (batchSize / towers + chunkImages - 1) / chunkImages);
    String plainWhy = o.deterministic() ? "deterministic mode" : o.plain() ? "plain asked for"
        : !m.device().equals("cpu") ? "on a " + m.device() : measuredFaster(m) ? null : notMeasured(m);
    return new Execution(o, m.device(), m.platform().classifier(), m.cpu().describe(), m.onednn().active(), threads,
        towers, chunkImages, stages(network, plainWhy, m.onednn().active(), chunks));
  }

  /**
   * Whether the blocked and gathered forms were measured faster than TensorFlow's own ops on such a CPU: x86-64
   * with oneDNN's kernels running (bench/PERFORMANCE.md). Nowhere else were they measured.
   */
  static boolean measuredFaster(Machine m) {
    return m.platform().isX86_64() && m.onednn().active();
  }

  private static String notMeasured(Machine m) {
    return m.platform().isX86_64() ? "oneDNN off"
        : "on " + m.platform().classifier() + ": the blocked and gathered forms were measured faster only on x86-64 with oneDNN";
  }

  /** Towers: as requested, else one per thread when the network draws no masks, on a CPU, slices large enough. */
  static int towers(ExecutionOptions o, Machine m, Network network, int threads, int batchSize) {
    if (o.towers() > 0) {
      return o.towers();
    }
    if (network.drawsMasks() || threads < 2 || !m.device().equals("cpu")) {
      return 1;
    }
    return Math.max(1, Math.min(threads, batchSize / MIN_SLICE));
  }

  /** Images per chunk for a tower with {@code threadsPerTower} intra-op threads. */
  static int chunkImages(int threadsPerTower) {
    return threadsPerTower >= 2 ? CHUNK_THREADED : CHUNK;
  }

  /**
   * True for a convolution over {@code inChannels} that must not use oneDNN's NHWC kernel: its input gradient is
   * known wrong ({@link ChannelsFirst#nhwcGradientSuspect}).
   */
  static boolean avoidsWrongKernel(long inChannels, boolean onednn) {
    return onednn && ChannelsFirst.nhwcGradientSuspect(inChannels);
  }

  /**
   * Every convolution's form, walking the layers with their shapes.
   *
   * @param plainWhy why the plain forms were chosen, or null for the fastest ones (x86-64 with oneDNN)
   */
  static List<StageForm> stages(Network network, String plainWhy, boolean onednn, int chunks) {
    List<StageForm> stages = new ArrayList<>();
    List<Layer> layers = network.layers();
    long h = network.height();
    long w = network.width();
    long c = network.channels();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      if (layer instanceof Layer.Resize r) {
        h = r.size();
        w = r.size();
      } else if (layer instanceof Layer.Pool p) {
        h = ShapeAlgebra.outputSizeOrZero((int) h, p.window(), p.stride(), 0);
        w = ShapeAlgebra.outputSizeOrZero((int) w, p.window(), p.stride(), 0);
      } else if (layer instanceof Layer.Conv conv) {
        String name = "conv" + (stages.size() + 1);
        stages.add(form(name, conv, blockedPool(layers, i), h, w, c, i == 0, plainWhy, onednn, chunks));
        h = ShapeAlgebra.outputSizeOrZero((int) h, conv.kernel(), conv.stride(), conv.padding());
        w = ShapeAlgebra.outputSizeOrZero((int) w, conv.kernel(), conv.stride(), conv.padding());
        c = conv.filters();
      }
    }
    return stages;
  }

  private static StageForm form(String name, Layer.Conv conv, Layer.Pool pool, long h, long w, long c,
      boolean readsImages, String plainWhy, boolean onednn, int chunks) {
    boolean fast = plainWhy == null;
    if (fast && pool != null && BlockedConvStage.applies(h, w, conv.kernel(), conv.stride(), conv.padding(),
        pool.window(), pool.stride())) {
      long block = BlockedConvStage.blockSize(h, w, conv.kernel(), conv.padding(), !readsImages);
      return new StageForm(name, ConvForm.BLOCKED, 1, "few channels: the stage in " + block + "x" + block
          + " blocks");
    }
    boolean wrongKernel = avoidsWrongKernel(c, onednn);
    if (fast && (c >= ChannelsFirst.MIN_CHANNELS || wrongKernel)) {
      return conv.stride() == 1
          ? new StageForm(name, ConvForm.GATHERED, chunks, c + " input channels, stride 1")
          : new StageForm(name, ConvForm.CHANNELS_FIRST, chunks, c + " input channels, stride " + conv.stride());
    }
    if (wrongKernel) {
      return new StageForm(name, ConvForm.CHANNELS_FIRST, chunks,
          "oneDNN's NHWC input gradient is wrong for " + c + " input channels");
    }
    return new StageForm(name, ConvForm.PLAIN, 1, fast ? "few channels" : plainWhy);
  }

  /**
   * The 2x2 pooling that closes a stage starting with the convolution at {@code i}: the convolution, an optional
   * batch norm, an activation and the pooling, in that order; null when the layers after it are not such a stage.
   */
  private static Layer.Pool blockedPool(List<Layer> layers, int i) {
    int j = i + 1;
    if (j < layers.size() && layers.get(j) instanceof Layer.BatchNorm) {
      j++;
    }
    if (j + 1 < layers.size() && layers.get(j) instanceof Layer.Activate
        && layers.get(j + 1) instanceof Layer.Pool pool) {
      return pool;
    }
    return null;
  }
}
