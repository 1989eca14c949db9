package io.cnnlab.training.tensorboard;

import java.util.Arrays;

/**
 * Images of a network's arrays for TensorBoard: the channels of one image's feature map, or the filters of a
 * convolution kernel, as a grid of tiles, each tile enlarged (nearest neighbour) so that small maps stay visible.
 */
final class Mosaics {
  private Mosaics() {}

  /** Tiles are enlarged by a whole factor until their longer side is at least this many pixels. */
  static final int MIN_TILE = 48;

  /** Background and gap between tiles. */
  private static final int GAP = 1;

  /** A PNG and its size. */
  record Png(int width, int height, int channels, byte[] bytes) {}

  /**
   * Image {@code index} of an {@code [N, H, W, C]} batch: its {@code C} maps side by side in a near-square grid,
   * each scaled from its own minimum (black) to maximum (white); with {@code colour} and 3 channels (the input
   * images of an RGB data set) one tile in colour instead.
   */
  static Png featureMap(long[] shape, float[] values, int index, boolean colour) {
    int h = (int) shape[1];
    int w = (int) shape[2];
    int c = (int) shape[3];
    int offset = index * h * w * c;
    if (colour && c == 3) {
      float[] rgb = Arrays.copyOfRange(values, offset, offset + h * w * 3);
      Grid grid = new Grid(1, h, w, 3);
      grid.tile(0, rgb, Summaries.finiteRange(rgb));
      return grid.png();
    }
    Grid grid = new Grid(c, h, w, 1);
    float[] map = new float[h * w];
    for (int k = 0; k < c; k++) {
      for (int p = 0; p < h * w; p++) {
        map[p] = values[offset + p * c + k];
      }
      grid.tile(k, map, Summaries.finiteRange(map));
    }
    return grid.png();
  }

  /**
   * The {@code O} filters of an {@code [KH, KW, I, O]} kernel, one tile each, on one scale for all (so that their
   * strengths compare): in colour when {@code I} is 3 (an RGB input), else the mean over the input channels.
   */
  static Png kernels(long[] shape, float[] values) {
    int kh = (int) shape[0];
    int kw = (int) shape[1];
    int in = (int) shape[2];
    int out = (int) shape[3];
    int channels = in == 3 ? 3 : 1;
    float[][] filters = new float[out][kh * kw * channels]; // each [KH, KW, channels]
    for (int p = 0; p < kh * kw; p++) {
      for (int i = 0; i < in; i++) {
        for (int o = 0; o < out; o++) {
          float v = values[(p * in + i) * out + o];
          filters[o][p * channels + (channels == 3 ? i : 0)] += channels == 3 ? v : v / in;
        }
      }
    }
    float[] scale = Summaries.finiteRange(concat(filters));
    Grid grid = new Grid(out, kh, kw, channels);
    for (int o = 0; o < out; o++) {
      grid.tile(o, filters[o], scale);
    }
    return grid.png();
  }

  private static float[] concat(float[][] parts) {
    float[] all = new float[parts.length * parts[0].length];
    for (int k = 0; k < parts.length; k++) {
      System.arraycopy(parts[k], 0, all, k * parts[k].length, parts[k].length);
    }
    return all;
  }

  /** Tiles of {@code h x w} pixels in a near-square grid, on black. */
  private static final class Grid {
    private final int h;
    private final int w;
    private final int channels;
    private final int scale;
    private final int columns;
    private final int width;
    private final int height;
    private final byte[] pixels;

    Grid(int tiles, int h, int w, int channels) {
      this.h = h;
      this.w = w;
      this.channels = channels;
      this.scale = Math.max(1, (MIN_TILE + Math.max(h, w) - 1) / Math.max(h, w));
      this.columns = (int) Math.ceil(Math.sqrt(tiles));
      int rows = (tiles + columns - 1) / columns;
      width = columns * (w * scale + GAP) + GAP;
      height = rows * (h * scale + GAP) + GAP;
      pixels = new byte[width * height * channels];
    }

    /**
     * Draws tile {@code t} from {@code values} ({@code [h, w, channels]}), mapping {@code range} to 0..255 (mid-grey
     * where the range is empty: a constant map).
     */
    void tile(int t, float[] values, float[] range) {
      float span = range[1] - range[0];
      float perLevel = span > 0 ? 255 / span : 0;
      int left = GAP + (t % columns) * (w * scale + GAP);
      int top = GAP + (t / columns) * (h * scale + GAP);
      int rowBytes = w * scale * channels;
      byte[] row = new byte[rowBytes];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int ch = 0; ch < channels; ch++) {
            float v = values[(y * w + x) * channels + ch];
            int level = span > 0 && v - v == 0 ? (int) ((v - range[0]) * perLevel + 0.5f) : 128;
            byte b = (byte) (level < 0 ? 0 : level > 255 ? 255 : level);
            for (int dx = 0; dx < scale; dx++) {
              row[(x * scale + dx) * channels + ch] = b;
            }
          }
        }
        for (int dy = 0; dy < scale; dy++) { // the enlarged row, scale times
          System.arraycopy(row, 0, pixels, ((top + y * scale + dy) * width + left) * channels, rowBytes);
        }
      }
    }

    Png png() {
      return new Png(width, height, channels, PngEncoder.encode(width, height, channels, pixels));
    }
  }
}
