package io.cnnlab.experiments.tasks;

/**
 * Sizes of the {@code conv-1x1} comparison; {@code null} keeps the default named on each field.
 *
 * @param batch examples per batch (32)
 * @param in input channels (64)
 * @param out output channels (16)
 * @param size height and width (56)
 * @param kernel side of the KxK convolution timed next to the 1x1 one (3)
 * @param repeats timed runs, the median is reported (5)
 * @param warmup untimed runs first (2)
 */
public record ConvBenchSettings(
    Integer batch, Integer in, Integer out, Integer size, Integer kernel, Integer repeats, Integer warmup) {

  /** The defaults, those of {@code cnnlab conv1x1}. */
  public static final ConvBenchSettings DEFAULTS = new ConvBenchSettings(32, 64, 16, 56, 3, 5, 2);

  public ConvBenchSettings {
    positive("batch", batch, 1);
    positive("in", in, 1);
    positive("out", out, 1);
    positive("size", size, 1);
    positive("kernel", kernel, 1);
    positive("repeats", repeats, 1);
    positive("warmup", warmup, 0);
  }

  /** Every null field filled from {@link #DEFAULTS}. */
  public ConvBenchSettings complete() {
    ConvBenchSettings d = DEFAULTS;
    return new ConvBenchSettings(or(batch, d.batch), or(in, d.in), or(out, d.out), or(size, d.size),
        or(kernel, d.kernel), or(repeats, d.repeats), or(warmup, d.warmup));
  }

  private static Integer or(Integer value, Integer fallback) {
    return value != null ? value : fallback;
  }

  private static void positive(String name, Integer value, int min) {
    if (value != null && value < min) {
      throw new IllegalArgumentException("conv." + name + " must be >= " + min + ", got " + value);
    }
  }
}
