package io.cnnlab.runs;

import java.awt.image.BufferedImage;

/**
 * Draws the figures of {@link FeatureMaps} (the report's drawing code implements it), so a run can leave PNGs of
 * them beside the arrays without the run contract depending on the report.
 */
public interface FeatureFigures {
  /** The figure of one test image: input, hand-designed edge filters and every layer. */
  BufferedImage example(FeatureMaps.Example example, java.util.List<String> classNames);

  /** The first convolution's kernels. */
  BufferedImage kernels(FeatureMaps.Kernel kernel);
}
