package io.cnnlab.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Shrinks pictures by an integer factor for contact sheets. Photos are averaged over each block; edge maps
 * keep each block's largest |response|, so that one-pixel edges stay visible at a third of the size
 * instead of fading into the background.
 */
public final class Downscale {
  private Downscale() {}

  /** The smallest integer factor that brings {@code width} x {@code height} within {@code maxWidth} x {@code maxHeight}. */
  public static int factor(int width, int height, int maxWidth, int maxHeight) {
    int fw = (width + maxWidth - 1) / maxWidth;
    int fh = (height + maxHeight - 1) / maxHeight;
    return Math.max(1, Math.max(fw, fh));
  }

  /** {@code image} as RGB with each {@code k} x {@code k} block averaged (partial blocks at the edges too). */
  public static BufferedImage average(BufferedImage image, int k) {
    int w = image.getWidth();
    int h = image.getHeight();
    int ow = (w + k - 1) / k;
    int oh = (h + k - 1) / k;
    BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[w];
    long[] sums = new long[ow * 3];
    int[] counts = new int[ow];
    for (int oy = 0; oy < oh; oy++) {
      Arrays.fill(sums, 0);
      Arrays.fill(counts, 0);
      for (int y = oy * k; y < Math.min(h, oy * k + k); y++) {
        image.getRGB(0, y, w, 1, row, 0, w);
        for (int x = 0; x < w; x++) {
          int o = x / k;
          sums[3 * o] += (row[x] >> 16) & 0xff;
          sums[3 * o + 1] += (row[x] >> 8) & 0xff;
          sums[3 * o + 2] += row[x] & 0xff;
          counts[o]++;
        }
      }
      for (int ox = 0; ox < ow; ox++) {
        int n = counts[ox];
        int r = (int) ((sums[3 * ox] + n / 2) / n);
        int g = (int) ((sums[3 * ox + 1] + n / 2) / n);
        int b = (int) ((sums[3 * ox + 2] + n / 2) / n);
        out.setRGB(ox, oy, (r << 16) | (g << 8) | b);
      }
    }
    return out;
  }

  /**
   * A {@code width} x {@code height} map shrunk by {@code k}: each k x k block (partial at the edges)
   * becomes its largest |value|.
   */
  public static float[] maxAbs(float[] map, int width, int height, int k) {
    int ow = (width + k - 1) / k;
    int oh = (height + k - 1) / k;
    float[] pooled = new float[ow * oh];
    for (int y = 0; y < height; y++) {
      int base = (y / k) * ow;
      for (int x = 0; x < width; x++) {
        pooled[base + x / k] = Math.max(pooled[base + x / k], Math.abs(map[y * width + x]));
      }
    }
    return pooled;
  }
}
