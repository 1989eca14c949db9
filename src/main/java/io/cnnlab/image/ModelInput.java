package io.cnnlab.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Any picture made ready the way a data set's images are, for a model trained on them: gray (by {@link Luma}) or
 * RGB as the model takes, fitted into its input keeping the aspect ratio (the margins filled with the picture's
 * border colour, so an off-square photo is not stretched), shrunk or grown by {@link AreaResize}, and for data
 * sets of light objects on a dark background inverted when the picture's background is light.
 */
public final class ModelInput {
  private ModelInput() {}

  /** Whether to invert a picture: {@code auto} inverts a light background for light-on-dark data sets only. */
  public enum Invert {
    AUTO, YES, NO;

    /** {@code auto}, {@code yes} or {@code no} (any case). */
    public static Invert parse(String token) {
      for (Invert i : values()) {
        if (i.name().equalsIgnoreCase(token == null ? "" : token.trim())) {
          return i;
        }
      }
      throw new IllegalArgumentException("invert '" + token + "': expected auto, yes or no");
    }

    public String token() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A picture ready for a model.
   *
   * @param pixels {@code height x width x channels} bytes, row-major HWC, as the data set stores its images
   * @param inverted whether it was inverted
   */
  public record Prepared(byte[] pixels, int height, int width, int channels, boolean inverted) {}

  /**
   * {@code picture} as a {@code height x width x channels} image (1: gray, 3: RGB).
   *
   * @param lightOnDark whether the model's data set draws light objects on a dark background
   */
  public static Prepared prepare(BufferedImage picture, int height, int width, int channels, boolean lightOnDark,
      Invert invert) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("a model input has 1 (gray) or 3 (RGB) channels, got " + channels);
    }
    int w = picture.getWidth();
    int h = picture.getHeight();
    float[] values = unitValues(picture, channels);
    float[] border = borderMean(values, h, w, channels);
    double scale = Math.min((double) height / h, (double) width / w);
    int fitH = Math.max(1, Math.min(height, (int) Math.round(h * scale)));
    int fitW = Math.max(1, Math.min(width, (int) Math.round(w * scale)));
    float[] fitted = AreaResize.resize(values, h, w, channels, fitH, fitW);
    float[] out = new float[height * width * channels];
    int top = (height - fitH) / 2;
    int left = (width - fitW) / 2;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        boolean inside = y >= top && y < top + fitH && x >= left && x < left + fitW;
        for (int c = 0; c < channels; c++) {
          out[(y * width + x) * channels + c] = inside
              ? fitted[((y - top) * fitW + (x - left)) * channels + c] : border[c];
        }
      }
    }
    boolean inverted = invert == Invert.YES || (invert == Invert.AUTO && lightOnDark && lightness(border) > 0.5f);
    byte[] bytes = new byte[out.length];
    for (int i = 0; i < out.length; i++) {
      float v = inverted ? 1f - out[i] : out[i];
      bytes[i] = (byte) Math.max(0, Math.min(255, Math.round(v * 255f)));
    }
    return new Prepared(bytes, height, width, channels, inverted);
  }

  /** The picture's values in [0, 1], HWC: its luma for one channel, R, G, B for three (gray repeated). */
  static float[] unitValues(BufferedImage picture, int channels) {
    int w = picture.getWidth();
    int h = picture.getHeight();
    boolean gray = picture.getColorModel().getNumColorComponents() == 1
        && picture.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    float[] out = new float[w * h * channels];
    if (channels == 1 || gray) {
      float[] luma = Luma.toGray(picture).pixels(); // keeps a gray picture's stored values
      for (int p = 0; p < w * h; p++) {
        for (int c = 0; c < channels; c++) {
          out[p * channels + c] = luma[p] / 255f;
        }
      }
      return out;
    }
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      picture.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int p = (y * w + x) * 3;
        out[p] = ((row[x] >> 16) & 0xff) / 255f;
        out[p + 1] = ((row[x] >> 8) & 0xff) / 255f;
        out[p + 2] = (row[x] & 0xff) / 255f;
      }
    }
    return out;
  }

  /** Per channel, the mean of the outermost rows and columns: the picture's background, as a rule. */
  static float[] borderMean(float[] values, int h, int w, int channels) {
    double[] sum = new double[channels];
    int n = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (y == 0 || y == h - 1 || x == 0 || x == w - 1) {
          for (int c = 0; c < channels; c++) {
            sum[c] += values[(y * w + x) * channels + c];
          }
          n++;
        }
      }
    }
    float[] mean = new float[channels];
    for (int c = 0; c < channels; c++) {
      mean[c] = (float) (sum[c] / n);
    }
    return mean;
  }

  private static float lightness(float[] colour) {
    return colour.length == 1 ? colour[0] : Luma.RED * colour[0] + Luma.GREEN * colour[1] + Luma.BLUE * colour[2];
  }
}
