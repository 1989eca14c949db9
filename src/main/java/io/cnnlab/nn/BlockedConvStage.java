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
 * 16-wide AVX-512 blocks; its backward-data convolution dominated a training step (bench/PERFORMANCE.md). Here
 * every 2x2 block of pixels becomes one position with 4x the channels:
 * <ul>
 *   <li>the padded input {@code [N, H, W, C]} becomes {@code [N, H/2, W/2, 4C]} ({@code SpaceToDepth});
 *   <li>each output block (2x2 output pixels, {@code 4 Cout} values) reads {@code b x b} input blocks,
 *       {@code b = k/2 + 1};
 *   <li>the kernel {@code [k, k, C, Cout]} is spread into {@code [b*b*4C, 4Cout]} by a constant 0/1 matrix
 *       (input position {@code 2a + p} and output position {@code u} meet kernel tap {@code 2a + p - u}), so
 *       the convolution is one matrix product of the {@code b*b} shifted blocks side by side (one gather)
 *       with it (LeNet's conv2: {@code [N*25, 216] x [216, 64]}), or one {@code b x b} convolution over
 *       {@code 4C} channels where no gradient flows into the input and the sides do not divide by 4;
 *   <li>where no gradient flows into the input and they do (LeNet's conv1), the blocks are 4x4 pixels: one
 *       matrix product of 2x2 shifted blocks, {@code [N*49, 64] x [64, 96]};
 *   <li>the 2x2 pooling is then over the four pooling positions of a row, four groups of whole columns: their
 *       mean (average) or element-wise maxima (max), and the result is back in the
 *       plain {@code [N, H', W', Cout]} layout.
 * </ul>
 * The convolution and activation outputs are also given in the plain layout ({@code DepthToSpace}) for
 * feature maps; the graph computes them only when they are fetched.
 */
public final class BlockedConvStage {
  private static final long BLOCK = 2;
  /** The larger block of a stage that reads the images (LeNet's first): 4x4 pixels. */
  private static final long WIDE_BLOCK = 4;

  private BlockedConvStage() {}

  /**
   * A convolution's output in the blocked layout: {@code rows [N*outH*outW, block^2 channels]}, one row per
   * {@code block x block} block of output pixels ({@code outH x outW} blocks per image). Its columns are
   * (du, dv, u, v, channel): (du, dv) the pixel's place in its 2x2 pooling window, (u, v) the window's place in
   * the block (none in a 2x2 block), so the four pooling positions are four groups of whole columns.
   */
  public record Blocked(Operand<TFloat32> rows, long outH, long outW, long channels, long block) {
    /** A 2x2-block output. */
    public Blocked(Operand<TFloat32> rows, long outH, long outW, long channels) {
      this(rows, outH, outW, channels, BLOCK);
    }

    /** Groups of {@code channels} columns in a row, each the same channels: batch norm's statistics fold them. */
    public int groups() {
      return (int) (block * block);
    }

    /** Columns of one pooling position: a pooled row's width. */
    private long pooledWidth() {
      return block * block / (BLOCK * BLOCK) * channels;
    }

    /** {@code rows}-shaped {@code t} in the plain layout {@code [N, block outH, block outW, channels]}. */
    public Operand<TFloat32> plain(Ops tf, Operand<TFloat32> t) {
      if (block == BLOCK) {
        return tf.nn.depthToSpace(tf.reshape(t, tf.constant(new long[] {-1, outH, outW, BLOCK * BLOCK * channels})),
            BLOCK);
      }
      long half = block / BLOCK;
      // (n, bh, bw, du, dv, u, v, c) -> (n, bh, u, du, bw, v, dv, c): pixel row bh*block + u*2 + du
      Operand<TFloat32> split = tf.reshape(t, tf.constant(new long[] {-1, outH, outW, BLOCK, BLOCK, half, half,
          channels}));
      Operand<TFloat32> ordered = tf.linalg.transpose(split, tf.constant(new int[] {0, 1, 5, 3, 2, 6, 4, 7}));
      return tf.reshape(ordered, tf.constant(new long[] {-1, outH * block, outW * block, channels}));
    }

    /**
     * The larger of the four positions' columns, as a tree of element-wise maxima over one {@code Split}: their
     * gradients are selections on {@code [M, C]} tensors and one concatenation, cheaper than four Slices (four
     * full-size Pads and an AddN), oneDNN's MaxPool over each row as a 2x2 image or a Max reduction
     * (bench/PERFORMANCE.md).
     */
    private Operand<TFloat32> maxOverBlock(Ops tf, Operand<TFloat32> t) {
      List<Operand<TFloat32>> positions = new ArrayList<>();
      for (Operand<TFloat32> position : tf.split(tf.constant(1), t, BLOCK * BLOCK)) {
        positions.add(position);
      }
      return tf.math.maximum(tf.math.maximum(positions.get(0), positions.get(1)),
          tf.math.maximum(positions.get(2), positions.get(3)));
    }

    /**
     * 2x2/2 pooling of {@code rows}-shaped {@code t}, as {@code [N, outH, outW, pooled]}: for a 4x4 block the
     * 2x2 space-to-depth form of the pooled image, which a next stage without padding convolves as it is
     * ({@link #convolve}'s {@code blockedInput}); for a 2x2 block the pooled image itself.
     */
    public Operand<TFloat32> poolBlocked(Ops tf, Operand<TFloat32> t, Pooling pooling) {
      Operand<TFloat32> pooled = switch (pooling) {
        // A Sum times 1/4: cheaper than a product with a [4C, C] constant, and Mean's gradient divides the
        // full-size tensor where Sum's only tiles it.
        case AVG -> tf.math.mul(tf.sum(tf.reshape(t, tf.constant(new long[] {-1, BLOCK * BLOCK, pooledWidth()})),
            tf.constant(1)), tf.constant(1f / (BLOCK * BLOCK)));
        case MAX -> maxOverBlock(tf, t);
      };
      return tf.reshape(pooled, tf.constant(new long[] {-1, outH, outW, pooledWidth()}));
    }

    /** {@link #poolBlocked}'s form of a pooled image in the plain layout. */
    public Operand<TFloat32> unblock(Ops tf, Operand<TFloat32> pooledBlocks) {
      // A wider block holds (u, v) windows: pixels of the pooled image, in DepthToSpace's order
      return block == BLOCK ? pooledBlocks : tf.nn.depthToSpace(pooledBlocks, block / BLOCK);
    }

    /** True when {@link #poolBlocked} gives the 2x2 space-to-depth form of the pooled image. */
    public boolean poolsToBlocks() {
      return block == 2 * BLOCK;
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
   * The side of the pixel blocks a stage {@link #applies applying} to these sizes computes in: 4 where no gradient
   * flows into the input and the padded input and the output divide by 4 (one product of 2x2 shifted blocks), else
   * 2.
   */
  public static long blockSize(long height, long width, int kernel, int padding, boolean inputNeedsGradient) {
    long paddedH = height + 2L * padding;
    long paddedW = width + 2L * padding;
    boolean wide = !inputNeedsGradient && paddedH % WIDE_BLOCK == 0 && paddedW % WIDE_BLOCK == 0
        && (paddedH - kernel + 1) % WIDE_BLOCK == 0 && (paddedW - kernel + 1) % WIDE_BLOCK == 0;
    return wide ? WIDE_BLOCK : BLOCK;
  }

  /**
   * The convolution with bias in the blocked layout. With {@code inputNeedsGradient} (the input comes from
   * earlier layers) it is one matrix product of the im2col rows (b x b shifted blocks of the space-to-depth
   * input) and the spread kernel. Without (the stage reads the images) it is one product of 2x2 shifted 4x4 blocks
   * where the sizes divide by 4 ({@link #blockSize}), else one {@code b x b} convolution of the space-to-depth
   * input with the spread kernel ({@code [b, b, 4C, 4Cout]}); the slow backward-data convolution is never needed.
   *
   * @param blockedInput x in 2x2 space-to-depth form, as an earlier stage computed it ({@link
   *     Blocked#poolBlocked}), or null; used without padding, it saves a DepthToSpace and a SpaceToDepth (and
   *     their gradients) between two stages
   * @throws IllegalArgumentException when {@link #applies} is false for these sizes
   */
  public static Blocked convolve(Ops tf, Operand<TFloat32> x, Operand<TFloat32> blockedInput,
      Operand<TFloat32> kernel, Operand<TFloat32> bias, int padding, boolean inputNeedsGradient) {
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
    long paddedH = height + 2L * padding;
    long paddedW = width + 2L * padding;
    if (blockSize(height, width, k, padding, inputNeedsGradient) == WIDE_BLOCK) {
      return wide(tf, pad(tf, x, padding), kernel, bias, k, in, out);
    }
    int blocks = blocksRead(k, BLOCK);
    long outH = (paddedH - k + 1) / BLOCK;
    long outW = (paddedW - k + 1) / BLOCK;
    Operand<TFloat32> tiledBias = tf.tile(bias, tf.constant(new int[] {(int) (BLOCK * BLOCK)}));
    Operand<TFloat32> rows;
    if (inputNeedsGradient) {
      Operand<TFloat32> input = padding == 0 && blockedInput != null ? blockedInput
          : tf.nn.spaceToDepth(pad(tf, x, padding), BLOCK);
      rows = tf.nn.biasAdd(tf.linalg.matMul(shiftedBlocks(tf, input, BLOCK, blocks, outH, outW, in),
          spread(tf, kernel, k, in, out, BLOCK)), tiledBias);
    } else {
      Operand<TFloat32> blockKernel = tf.reshape(spread(tf, kernel, k, in, out, BLOCK),
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

  /**
   * A stage that reads the images, in 4x4 blocks: one matrix product of the im2col rows (2x2 shifted blocks of
   * 16C values, whole 64-byte lines for one channel) with the spread kernel, faster than the 3x3 convolution over
   * 2x2 blocks (4 channels, which oneDNN vectorises poorly); without input gradient, so the gather's gradient
   * never runs.
   */
  private static Blocked wide(Ops tf, Operand<TFloat32> padded, Operand<TFloat32> kernel, Operand<TFloat32> bias,
      int k, long in, long out) {
    int blocks = blocksRead(k, WIDE_BLOCK);
    long outH = (padded.shape().size(1) - k + 1) / WIDE_BLOCK;
    long outW = (padded.shape().size(2) - k + 1) / WIDE_BLOCK;
    Operand<TFloat32> tiledBias = tf.tile(bias, tf.constant(new int[] {(int) (WIDE_BLOCK * WIDE_BLOCK)}));
    Operand<TFloat32> rows = tf.nn.biasAdd(tf.linalg.matMul(
        shiftedBlocks(tf, spaceToDepth(tf, padded, WIDE_BLOCK), WIDE_BLOCK, blocks, outH, outW, in),
        spread(tf, kernel, k, in, out, WIDE_BLOCK)), tiledBias);
    return new Blocked(rows, outH, outW, out, WIDE_BLOCK);
  }

  /**
   * Input blocks along each side that one output block reads: its {@code block + k - 1} pixels, from a
   * block's start.
   */
  private static int blocksRead(int k, long block) {
    return (int) ((block + k - 1 + block - 1) / block);
  }

  /**
   * {@code x} with {@code padding} zeros around every image, padded as {@code [N, H, W*C]}: TensorFlow's Pad
   * then copies whole rows instead of single values.
   */
  static Operand<TFloat32> pad(Ops tf, Operand<TFloat32> x, int padding) {
    if (padding == 0) {
      return x;
    }
    long h = x.shape().size(1);
    long w = x.shape().size(2);
    long c = x.shape().size(3);
    Operand<TFloat32> rows = tf.reshape(x, tf.constant(new long[] {-1, h, w * c}));
    Operand<TFloat32> padded = tf.pad(rows,
        tf.constant(new int[][] {{0, 0}, {padding, padding}, {padding * (int) c, padding * (int) c}}), tf.constant(0f));
    return tf.reshape(padded, tf.constant(new long[] {-1, h + 2L * padding, w + 2L * padding, c}));
  }

  /**
   * The im2col matrix {@code [N*outH*outW, b*b*block^2 C]}: b x b shifted blocks of the space-to-depth input,
   * gathered in one {@code GatherV2} of whole blocks (rows of {@code block^2 C} values), where nine {@code Slice}s
   * and a {@code Concat} copied every value twice.
   */
  private static Operand<TFloat32> shiftedBlocks(Ops tf, Operand<TFloat32> blocked, long block, int blocks, long outH,
      long outW, long in) {
    long width = Conv.knownDim(blocked, 2, "blocked stage");
    long positions = Conv.knownDim(blocked, 1, "blocked stage") * width;
    int[] index = ImageRows.windows(outH, outW, blocks, width);
    long depth = block * block * in;
    Operand<TFloat32> gathered = ImageRows.gather(tf, blocked, positions, depth, index);
    return tf.reshape(gathered, tf.constant(new long[] {-1, (long) blocks * blocks * depth}));
  }

  /**
   * {@code SpaceToDepth} as a reshape and a transpose: TensorFlow's kernel copies one value at a time, which is
   * slow for LeNet's 1-channel images in 4x4 blocks.
   */
  private static Operand<TFloat32> spaceToDepth(Ops tf, Operand<TFloat32> x, long block) {
    long h = x.shape().size(1);
    long w = x.shape().size(2);
    long c = x.shape().size(3);
    Operand<TFloat32> split = tf.reshape(x, tf.constant(new long[] {-1, h / block, block, w / block, block, c}));
    Operand<TFloat32> ordered = tf.linalg.transpose(split, tf.constant(new int[] {0, 1, 3, 2, 4, 5}));
    return tf.reshape(ordered, tf.constant(new long[] {-1, h / block, w / block, block * block * c}));
  }

  /**
   * The kernel {@code [k, k, C, Cout]} as the blocked product's {@code [b*b*B*B*C, B*B*Cout]} matrix (B the
   * block): rows (a, b, p, q, c), columns (o, cout) with o the output pixel (du, dv, u, v) of {@link Blocked},
   * at row {@code 2u + du} and column {@code 2v + dv} of the block; entry {@code kernel[B a + p - row, B b + q -
   * column, c, cout]}, or 0 outside the kernel.
   */
  static Operand<TFloat32> spread(Ops tf, Operand<TFloat32> kernel, int k, long in, long out, long block) {
    int blocks = blocksRead(k, block);
    Operand<TFloat32> taps = tf.linalg.matMul(tf.constant(tapSelection(k, block)),
        tf.reshape(kernel, tf.constant(new long[] {(long) k * k, in * out})));
    Operand<TFloat32> split = tf.reshape(taps,
        tf.constant(new long[] {blocks, blocks, block, block, block * block, in, out}));
    // (a, b, p, q, o, c, cout) -> (a, b, p, q, c, o, cout)
    Operand<TFloat32> ordered = tf.linalg.transpose(split, tf.constant(new int[] {0, 1, 2, 3, 5, 4, 6}));
    return tf.reshape(ordered, tf.constant(new long[] {blocks * blocks * block * block * in, block * block * out}));
  }

  /** 0/1 rows (a, b, p, q, o), columns (kh, kw): 1 where the kernel tap (kh, kw) joins input (a, b, p, q) to o. */
  static float[][] tapSelection(int k, long block) {
    int blocks = blocksRead(k, block);
    int size = (int) block;
    int half = size / (int) BLOCK;
    float[][] select = new float[blocks * blocks * size * size * size * size][k * k];
    int row = 0;
    for (int a = 0; a < blocks; a++) {
      for (int b = 0; b < blocks; b++) {
        for (int p = 0; p < size; p++) {
          for (int q = 0; q < size; q++) {
            for (int du = 0; du < BLOCK; du++) {
              for (int dv = 0; dv < BLOCK; dv++) {
                for (int u = 0; u < half; u++) {
                  for (int v = 0; v < half; v++, row++) {
                    int kh = size * a + p - ((int) BLOCK * u + du);
                    int kw = size * b + q - ((int) BLOCK * v + dv);
                    if (kh >= 0 && kh < k && kw >= 0 && kw < k) {
                      select[row][kh * k + kw] = 1f;
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return select;
  }
}
