package io.cnnlab.ops.edges;

/**
 * The four edge orientations a 3x3 edge operator distinguishes, in the channel order of
 * {@link EdgeKernels#constant}. An orientation names the direction the <em>edge</em> runs on screen (row 0
 * at the top); the kernel measures the intensity change across it.
 */
public enum Orientation {
  /** Edges running left-right; the kernel differentiates downwards (bottom row minus top row). */
  HORIZONTAL("horizontal", "horizontal edges"),
  /** Edges running top-bottom; the kernel differentiates rightwards (right column minus left column). */
  VERTICAL("vertical", "vertical edges"),
  /** Edges along 45°, lower-left to upper-right ("/"); the kernel differentiates towards the lower right. */
  DIAG45("diag45", "45° edges (/)"),
  /** Edges along 135°, upper-left to lower-right ("\"); the kernel differentiates towards the upper right. */
  DIAG135("diag135", "135° edges (\\)");

  private final String fileLabel;
  private final String title;

  Orientation(String fileLabel, String title) {
    this.fileLabel = fileLabel;
    this.title = title;
  }

  /** Short lower-case name used in file names, e.g. {@code diag45}. */
  public String fileLabel() {
    return fileLabel;
  }

  /** Human-readable name for figure labels, e.g. {@code 45° edges (/)}. */
  public String title() {
    return title;
  }
}
