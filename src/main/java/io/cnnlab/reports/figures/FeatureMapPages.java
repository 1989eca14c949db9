package io.cnnlab.reports.figures;

import io.cnnlab.runs.FeatureFigures;
import io.cnnlab.runs.FeatureMaps;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the {@link FeatureMaps} a run wrote into report figures: per test image a {@link FeatureMapFigure}
 * (input, Prewitt and Sobel beside every spatial layer), and the first layer's kernels. {@link #FIGURES} lends
 * the same drawing to training runs, which leave the PNGs in their {@code features/} folder.
 */
public final class FeatureMapPages {
  private FeatureMapPages() {}

  /** The figures as a run draws them beside its arrays. */
  public static final FeatureFigures FIGURES = new FeatureFigures() {
    @Override
    public BufferedImage example(FeatureMaps.Example example, List<String> classNames) {
      return figure(example, classNames);
    }

    @Override
    public BufferedImage kernels(FeatureMaps.Kernel kernel) {
      return FeatureMapPages.kernels(kernel);
    }
  };

  /** Channels shown per layer: all of LeNet's; the first 32 of AlexNet's 96 to 384. */
  public static final int MAX_CHANNELS = 32;

  /** The layers of one example as the grids draw them. */
  public static List<LayerActivation> layers(FeatureMaps.Example example) {
    List<LayerActivation> out = new ArrayList<>();
    for (FeatureMaps.Layer layer : example.layers()) {
      out.add(new LayerActivation(layer.name(), layer.height(), layer.width(), layer.channels(), layer.values()));
    }
    return out;
  }

  /**
   * "Test image 17: class 'Dress', predicted 'Shirt'" (names from {@code classNames} when it has them); "Image 2:
   * predicted 'Bag'" for a picture of unknown class (label -1, from {@code cnnlab predict}).
   */
  public static String title(FeatureMaps.Example example, List<String> classNames) {
    if (example.label() < 0) {
      return "Image " + example.testIndex() + ": predicted " + name(example.predicted(), classNames);
    }
    return "Test image " + example.testIndex() + ": class " + name(example.label(), classNames) + ", predicted "
        + name(example.predicted(), classNames);
  }

  /** The figure of one example: input, Prewitt and Sobel edge strengths on the left, the layers on the right. */
  public static BufferedImage figure(FeatureMaps.Example example, List<String> classNames) {
    List<NamedImage> designed = List.of(
        NamedImage.of("Prewitt, max |response|", plane(example.prewitt(), example.height(), example.width())),
        NamedImage.of("Sobel, max |response|", plane(example.sobel(), example.height(), example.width())));
    return FeatureMapFigure.compose(title(example, classNames), new NamedImage("input", input(example)), designed,
        layers(example), MAX_CHANNELS);
  }

  /** The first convolution's kernels, or null when the model has none. */
  public static BufferedImage kernels(FeatureMaps.Kernel k) {
    if (k == null) {
      return null;
    }
    // Captioned with the layer's name (conv1), as the feature-map grids are; the caption's width is fitted to it.
    String layer = k.name().endsWith("_kernel") ? k.name().substring(0, k.name().length() - "_kernel".length()) : k.name();
    return KernelGrid.render(layer, k.weights(), k.kh(), k.kw(), k.cin(), k.cout());
  }

  /** The input as fed ([0, 1]) shown as is: gray for one channel, colour for three (not stretched). */
  public static BufferedImage input(FeatureMaps.Example e) {
    int h = e.height();
    int w = e.width();
    float[] p = e.pixels();
    if (e.channels() == 3) {
      BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      for (int i = 0; i < h * w; i++) {
        rgb.setRGB(i % w, i / w, (level(p[3 * i]) << 16) | (level(p[3 * i + 1]) << 8) | level(p[3 * i + 2]));
      }
      return rgb;
    }
    BufferedImage gray = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = gray.getRaster();
    for (int i = 0; i < h * w; i++) {
      raster.setSample(i % w, i / w, 0, level(p[i * e.channels()]));
    }
    return gray;
  }

  private static int level(float v) {
    return Math.max(0, Math.min(255, Math.round(v * 255f)));
  }

  private static float[][] plane(float[] values, int h, int w) {
    float[][] out = new float[h][w];
    for (int y = 0; y < h; y++) {
      System.arraycopy(values, y * w, out[y], 0, w);
    }
    return out;
  }

  private static String name(int c, List<String> classNames) {
    return c >= 0 && c < classNames.size() ? "'" + classNames.get(c) + "'" : Integer.toString(c);
  }
}
