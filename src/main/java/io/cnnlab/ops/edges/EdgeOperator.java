package io.cnnlab.ops.edges;

import java.util.Locale;

/** The classic 3x3 gradient operators; their kernels are in {@link EdgeKernels}. */
public enum EdgeOperator {
  /** Prewitt (1970): uniform weights across the edge, differences of 3-pixel box sums. */
  PREWITT("Prewitt"),
  /** Sobel (1968): centre row/column weighted 2, i.e. the difference is smoothed with [1 2 1]. */
  SOBEL("Sobel");

  private final String title;

  EdgeOperator(String title) {
    this.title = title;
  }

  /** Lower-case name used on the command line and in file names ({@code prewitt}, {@code sobel}). */
  public String fileLabel() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Capitalised name for figure labels. */
  public String title() {
    return title;
  }

  /** The operator whose {@link #fileLabel()} is {@code name}, ignoring case. */
  public static EdgeOperator parse(String name) {
    for (EdgeOperator op : values()) {
      if (op.fileLabel().equalsIgnoreCase(name.trim())) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown edge operator '" + name + "': expected prewitt or sobel");
  }
}
