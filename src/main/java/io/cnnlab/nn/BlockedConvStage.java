package io.cnnlab.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A stride-1 convolution, an element-wise activation and a 2x2/2 pooling (with batch norm between, through
 * {@link Blocked}) computed together in 2x2 space-to-depth form: the same function of the same variables as
 * {@code Conv.conv2d}, the activation and {@code Pooling.apply} one after the other, laid out for kernels
 * that use the CPU's vectors well.
 *
 * <p>Why: LeNet's convolutions have 1 and 6 input channels and 6 and 16 output channels, too few for oneDNN's
 * 16-wide AVX-512 blocks. Its backward-data convolution of conv2 took 38% of a training step at 9-14 GFLOP/s
 * (bench/PERFORMANCE.md). Here every 2x2 block of pixels becomes one position with 4x the channels:
 * <ul>
 *   <li>the padded input {@code [N, H, W, C]} becomes {@code [N, H/2, W/2, 4C]} ({@code SpaceToDepth});
 *   <li>each output block (2x2 output pixels, {@code 4 Cout} values) reads {@code b x b} input blocks,
 *       {@code b = k/2 + 1};
 *   <li>the kernel {@code [k, k, C, Cout]} is spread into {@code [b*b*4C, 4Cout]} by a constant 0/1 matrix
 *       (input position {@code 2a + p} and output position {@code u} meet kernel tap {@code 2a + p - u}), so
 *       the convolution is one matrix product of the {@code b*b} shifted slices side by side with it (LeNet's
 *       conv2: {@code [N*25, 216] x [216, 64]}), or one {@code b x b} convolution over {@code 4C} channels
 *       where no gradient flows into the input (conv1: 4 channels in, 24 out);
 *   <li>the 2x2 pooling is then over the four output positions of a row: a matrix product with a constant
 *       (average) or element-wise maxima (max), and the result is back in the plain {@code [N, H', W', Cout]}
 *       layout.
 * </ul>
 * The convolution and activation outputs are also given in the plain layout ({@code DepthToSpace}) for
 * feature maps; the graph computes them only when they are fetched.
 */
public final class BlockedConvStage {
  private static final long BLOCK = 2;
  /** Pixels in a block: a blocked row holds this many groups of the channels. */
  public static final int POSITIONS = (int) (BLOCK * BLOCK);

  /**
   * Whether models use this form where it applies: yes unless the JVM runs with
   * {@code -Dcnnlab.blocked-conv=off} (the plain convolution, for comparisons).
   */
  public static final boolean ENABLED = !"off".equalsIgnoreCase(System.getProperty("cnnlab.blocked-conv", "on"));

  /** True when a model being built now uses the blocked form where it applies. */
  public static boolean enabled() {
    return ENABLED && !GraphForms.plainRequested();
  }

  private BlockedConvStage() {}

  /**
   * A convolution's output in the blocked layout: {@code rows [N*outH*outW, 4 channels]}, one row per 2x2
   * block of output pixels ({@code outH x outW} blocks per image), columns (u, v, channel).
   */
  public record Blocked(Operand<TFloat32> rows, long outH, long outW, long channels) {
    /** {@code rows}-shaped {@code t} in the plain layout {@code [N, 2 outH, 2 outW, channels]}. */
    public Operand<TFloat32> plain(Ops tf, Operand<TFloat32> t) {
      return tf.nn.depthToSpace(tf.reshape(t, tf.constant(new long[] {-1, outH, outW, BLOCK * BLOCK * channels})),
          BLOCK);
    }

    /**
     * The larger of the four positions' columns, as a tree of element-wise maxima over one {@code Split}: their
     * gradients are selections on {@code [M, C]} tensors and one concatenation (four Slices had four full-size
     * Pads and an AddN, 12% of a 1-thread batch-norm LeNet step). oneDNN's MaxPool over every row seen as a 2x2 image took 4 ms of a
     * batch-norm LeNet step with its gradient, a Max reduction's gradient 5 ms of a ReLU/max one.
     */
    private Operand<TFloat32> maxOverBlock(Ops tf, Operand<TFloat32> t) {
      List<Operand<TFloat32>> positions = new ArrayList<>();
      for (Operand<TFloat32> position : tf.split(tf.constant(1), t, BLOCK * BLOCK)) {
        positions.add(position);
      }
      return tf.math.maximum(tf.math.maximum(positions.get(0), positions.get(1)),
          tf.math.maximum(positions.get(2), positions.get(3)));
    }

    /** 2x2/2 pooling of {@code rows}-shaped {@code t}, in the plain layout {@code [N, outH, outW, channels]}. */
    public Operand<TFloat32> pool(Ops tf, Operand<TFloat32> t, Pooling pooling) {
      Operand<TFloat32> pooled = switch (pooling) {
        case AVG -> tf.linalg.matMul(t, tf.constant(averageOverBlock((int) channels)));
        case MAX -> maxOverBlock(tf, t);
      };
      return tf.reshape(pooled, tf.constant(new long[] {-1, outH, outW, channels}));
    }
  }

  /**
   * True when the blocked form computes this stage: stride-1 convolution with an odd kernel, an even padded
   * input and an even output, then a 2x2 pooling with stride 2.
   */
  public static boolean applies(long height, long width, int kernel, int stride, int padding, int window,
      int poolStride) {
    long outH = height + 2L * padding - kernel + 1;
    long outW = width + 2L * padding - kernel + 1;
    return stride == 1 && kernel % 2 == 1 && window == BLOCK && poolStride == BLOCK
        && (height + 2L * padding) % BLOCK == 0 && (width + 2L * padding) % BLOCK == 0
        && outH > 0 && outW > 0 && outH % BLOCK == 0 && outW % BLOCK == 0;
  }

  /**
   * The convolution with bias in the blocked layout. With {@code inputNeedsGradient} (the input comes from
   * earlier layers) it is one matrix product of the im2col rows (b x b shifted slices of the space-to-depth
   * input) and the spread kernel. Without (the stage reads the images) it is one {@code b x b} convolution
   * of the space-to-depth input with the spread kernel ({@code [b, b, 4C, 4Cout]}), whose slow backward-data
   * convolution is never needed: LeNet's first stage saves the slices and concatenation of blocks of 4 values
   * (5 ms of a 15 ms step at 1 thread on the Zen 5; a stride-2 6x6 convolution of the plain input took 4 ms,
   * {@code ExtractImagePatches} 20 ms).
   *
   * @throws IllegalArgumentException when {@link #applies} is false for these sizes
   */
  public static Blocked convolve(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, Operand<TFloat32> bias,
      int padding, boolean inputNeedsGradient) {
    long height = Conv.knownDim(x, 1, "blocked stage");
    long width = Conv.knownDim(x, 2, "blocked stage");
    long in = Conv.knownDim(x, 3, "blocked stage");
    int k = (int) kernel.shape().size(0);
    long out = kernel.shape().size(3);
    if (!applies(height, width, k, 1, padding, (int) BLOCK, (int) BLOCK) || kernel.shape().size(2) != in) {
      throw new IllegalArgumentException(String.format(
          "blocked stage: input %dx%dx%d, kernel %s, padding %d: needs an odd kernel over %d channels, even padded"
              + " input and even output", height, width, in, kernel.shape(), padding, in));
    }
    int blocks = k / 2 + 1;
    long outH = (height + 2L * padding - k + 1) / BLOCK;
    long outW = (width + 2L * padding - k + 1) / BLOCK;
    Operand<TFloat32> tiledBias = tf.tile(bias, tf.constant(new int[] {(int) (BLOCK * BLOCK)}));
    Operand<TFloat32> rows;
    if (inputNeedsGradient) {
      rows = tf.nn.biasAdd(tf.linalg.matMul(shiftedBlocks(tf, pad(tf, x, padding), blocks, outH, outW, in),
          spread(tf, kernel, k, in, out)), tiledBias);
    } else {
      Operand<TFloat32> blockKernel = tf.reshape(spread(tf, kernel, k, in, out),
          tf.constant(new long[] {blocks, blocks, BLOCK * BLOCK * in, BLOCK * BLOCK * out}));
      // Padding of whole blocks, as many on each side as SAME adds to a b x b kernel (LeNet's 2 pixels around
      // a 5x5 kernel): the convolution pads the blocked input itself, no Pad op.
      boolean same = blocks % 2 == 1 && padding == BLOCK * (blocks - 1) / 2;
      Operand<TFloat32> input = tf.nn.spaceToDepth(same ? x : pad(tf, x, padding), BLOCK);
      Operand<TFloat32> z = tf.nn.biasAdd(
          tf.nn.conv2d(input, blockKernel, List.of(1L, 1L, 1L, 1L), same ? "SAME" : "VALID"), tiledBias);
      rows = tf.reshape(z, tf.constant(new long[] {-1, BLOCK * BLOCK * out}));
    }
    return new Blocked(rows, outH, outW, out);
  }

  /** {@code x} with {@code padding} zeros around every image. */
  private static Operand<TFloat32> pad(Ops tf, Operand<TFloat32> x, int padding) {
    return padding == 0 ? x
        : tf.pad(x, tf.constant(new int[][] {{0, 0}, {padding, padding}, {padding, padding}, {0, 0}}),
            tf.constant(0f));
  }

  /** The im2col matrix {@code [N*outH*outW, b*b*4C]}: b x b shifted slices of the space-to-depth input. */
  private static Operand<TFloat32> shiftedBlocks(Ops tf, Operand<TFloat32> padded, int blocks, long outH, long outW,
      long in) {
    Operand<TFloat32> blocked = tf.nn.spaceToDepth(padded, BLOCK);
    List<Operand<TFloat32>> shifted = new ArrayList<>();
    for (int a = 0; a < blocks; a++) {
      for (int b = 0; b < blocks; b++) {
        // int32 begin and size: the C++ gradient of Slice subtracts them from an int32 shape.
        shifted.add(tf.slice(blocked, tf.constant(new int[] {0, a, b, 0}),
            tf.constant(new int[] {-1, (int) outH, (int) outW, (int) (BLOCK * BLOCK * in)})));
      }
    }
    // ConcatV2 needs two inputs or more; a 1x1 kernel reads one block.
    Operand<TFloat32> side = shifted.size() == 1 ? shifted.get(0) : tf.concat(shifted, tf.constant(3));
    return tf.reshape(side, tf.constant(new long[] {-1, (long) blocks * blocks * BLOCK * BLOCK * in}));
  }

  /**
   * The kernel {@code [k, k, C, Cout]} as the blocked product's {@code [b*b*4C, 4Cout]} matrix: rows
   * (a, b, p, q, c), columns (u, v, cout), entry {@code kernel[2a+p-u, 2b+q-v, c, cout]} or 0 outside it.
   */
  static Operand<TFloat32> spread(Ops tf, Operand<TFloat32> kernel, int k, long in, long out) {
    int blocks = k / 2 + 1;
    Operand<TFloat32> taps = tf.linalg.matMul(tf.constant(tapSelection(k)),
        tf.reshape(kernel, tf.constant(new long[] {(long) k * k, in * out})));
    Operand<TFloat32> split = tf.reshape(taps,
        tf.constant(new long[] {blocks, blocks, BLOCK, BLOCK, BLOCK, BLOCK, in, out}));
    // (a, b, p, q, u, v, c, cout) -> (a, b, p, q, c, u, v, cout)
    Operand<TFloat32> ordered = tf.linalg.transpose(split, tf.constant(new int[] {0, 1, 2, 3, 6, 4, 5, 7}));
    return tf.reshape(ordered, tf.constant(new long[] {blocks * blocks * BLOCK * BLOCK * in, BLOCK * BLOCK * out}));
  }

  /** 0/1 rows (a, b, p, q, u, v), columns (kh, kw): 1 where {@code kh = 2a+p-u} and {@code kw = 2b+q-v}. */
  static float[][] tapSelection(int k) {
    int blocks = k / 2 + 1;
    float[][] select = new float[blocks * blocks * 16][k * k];
    int row = 0;
    for (int a = 0; a < blocks; a++) {
      for (int b = 0; b < blocks; b++) {
        for (int p = 0; p < BLOCK; p++) {
          for (int q = 0; q < BLOCK; q++) {
            for (int u = 0; u < BLOCK; u++) {
              for (int v = 0; v < BLOCK; v++, row++) {
                int kh = (int) BLOCK * a + p - u;
                int kw = (int) BLOCK * b + q - v;
                if (kh >= 0 && kh < k && kw >= 0 && kw < k) {
                  select[row][kh * k + kw] = 1f;
                }
              }
            }
          }
        }
      }
    }
    return select;
  }

  /** {@code [4 Cout, Cout]}: a quarter where the column's channel is the row's. */
  static float[][] averageOverBlock(int channels) {
    float[][] m = new float[(int) (BLOCK * BLOCK) * channels][channels];
    for (int position = 0; position < BLOCK * BLOCK; position++) {
      for (int c = 0; c < channels; c++) {
        m[position * channels + c][c] = 1f / (BLOCK * BLOCK);
      }
    }
    return m;
  }
}
