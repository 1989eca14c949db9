package io.cnnlab.reports.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.reports.Fixtures;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageGridsTest {
  @Test
  void lenetLayerGridsFollowTheLayerShapes() {
    // Hand-computed: tiles are enlarged by ceil(48 / side): 28 -> x2 = 56, 14 -> x4 = 56, 10 -> x5 = 50,
    // 5 -> x10 = 50; up to 16 tiles a row; width = 2*6 + cols*tile + (cols-1)*4, at least 260;
    // height = 24 caption + 2*6 + rows*tile + (rows-1)*4.
    int[][] expected = {
      // h, w, c, cols, rows, tile, width, height
      {28, 28, 6, 6, 1, 56, 12 + 6 * 56 + 5 * 4, 24 + 12 + 56},
      {14, 14, 6, 6, 1, 56, 12 + 6 * 56 + 5 * 4, 24 + 12 + 56},
      {10, 10, 16, 16, 1, 50, 12 + 16 * 50 + 15 * 4, 24 + 12 + 50},
      {5, 5, 16, 16, 1, 50, 12 + 16 * 50 + 15 * 4, 24 + 12 + 50},
      {54, 54, 96, 16, 6, 54, 12 + 16 * 54 + 15 * 4, 24 + 12 + 6 * 54 + 5 * 4},
      {28, 28, 1, 1, 1, 56, 260, 24 + 12 + 56},
    };
    for (int[] e : expected) {
      TileGridLayout layout = FeatureMapGrid.layout(e[0], e[1], e[2]);
      assertEquals(e[3], layout.columns(), "columns of " + e[2] + " channels");
      assertEquals(e[4], layout.rows());
      assertEquals(e[5], layout.tileWidth());
      assertEquals(e[5], layout.tileHeight());
      BufferedImage image = FeatureMapGrid.render(Fixtures.wave("layer", e[0], e[1], e[2]));
      assertEquals(e[6], image.getWidth(), "width for shape " + e[0] + "x" + e[1] + "x" + e[2]);
      assertEquals(e[7], image.getHeight());
    }
    for (LayerActivation layer : Fixtures.lenetLayers()) {
      BufferedImage image = FeatureMapGrid.render(layer);
      TileGridLayout layout = FeatureMapGrid.layout(layer.height(), layer.width(), layer.channels());
      assertEquals(layout.width(), image.getWidth());
      assertEquals(layout.height(), image.getHeight());
    }
  }

  @Test
  void wideLayersCanBeCappedToTheirFirstChannels() {
    // AlexNet conv3: 12x12x384 -> first 64 channels: scale ceil(48/12) = 4, 16 columns, 4 rows of 48 px
    BufferedImage image = FeatureMapGrid.render(Fixtures.wave("conv3", 12, 12, 384), 64);
    assertEquals(12 + 16 * 48 + 15 * 4, image.getWidth());
    assertEquals(24 + 12 + 4 * 48 + 3 * 4, image.getHeight());
  }

  @Test
  void eachChannelIsNormalizedOnItsOwn() {
    // Channel c holds c*1000 + y*w + x: after per-channel min-max every channel runs from black at its
    // top-left pixel to white at its bottom-right one, whatever the offset c*1000.
    LayerActivation layer = Fixtures.ramp("conv", 4, 4, 3);
    BufferedImage image = FeatureMapGrid.render(layer);
    TileGridLayout g = FeatureMapGrid.layout(4, 4, 3);
    int scale = g.scale(4);
    assertEquals(12, scale);
    for (int c = 0; c < 3; c++) {
      assertEquals(0, gray(image, g.tileX(c), g.tileY(c)), "top-left of channel " + c);
      assertEquals(255, gray(image, g.tileX(c) + g.tileWidth() - 1, g.tileY(c) + g.tileHeight() - 1));
      // pixel (y=1, x=2) of the map: value 6 of range 0..15 -> round(6/15*255) = 102
      assertEquals(102, gray(image, g.tileX(c) + 2 * scale + 5, g.tileY(c) + scale + 5));
    }
  }

  @Test
  void constantChannelIsBlack() {
    LayerActivation dead = new LayerActivation("relu", 2, 2, 1, new float[] {3, 3, 3, 3});
    BufferedImage image = FeatureMapGrid.render(dead);
    TileGridLayout g = FeatureMapGrid.layout(2, 2, 1);
    assertEquals(0, gray(image, g.tileX(0) + 3, g.tileY(0) + 3));
    assertArrayEquals(new int[] {0, 0, 0}, GrayImages.toGray(new float[] {5, 5, 5}));
  }

  @Test
  void batchOutputIsSlicedPerImage() {
    // two images of 1x2x2: image 1 holds 10..13
    float[] batch = {0, 1, 2, 3, 10, 11, 12, 13};
    LayerActivation second = LayerActivation.fromBatch("conv1", new long[] {2, 1, 2, 2}, batch, 1);
    assertArrayEquals(new float[] {10, 12}, second.channel(0));
    assertArrayEquals(new float[] {11, 13}, second.channel(1));
    assertThrows(IllegalArgumentException.class, () -> LayerActivation.fromBatch("dense", new long[] {2, 4}, batch, 0));
    float[][][] nested = {{{1, 2}, {3, 4}}};
    assertArrayEquals(new float[] {1, 2, 3, 4}, LayerActivation.of("x", nested).values());
  }

  @Test
  void kernelsAreDivergingTilesOnOneScale() {
    // 2x2 kernels, 1 input channel, 2 outputs; weights[(y*2+x)*2 + o]. Kernel 0: +1 top-left, -1
    // bottom-right; kernel 1: +0.5 everywhere. One scale (max |w| = 1): +1 pure red, -1 pure blue, 0.5
    // halfway from white to red.
    float[] w = {1, 0.5f, 0, 0.5f, 0, 0.5f, -1, 0.5f};
    BufferedImage image = KernelGrid.render("conv1", w, 2, 2, 1, 2);
    TileGridLayout g = KernelGrid.layout(2, 2, 1, 2);
    assertEquals(48, g.tileWidth(), "2x2 kernels enlarged 24 times");
    assertEquals(new Color(178, 24, 43), color(image, g.tileX(0) + 1, g.tileY(0) + 1));
    assertEquals(Color.WHITE, color(image, g.tileX(0) + 25, g.tileY(0) + 1));
    assertEquals(new Color(33, 102, 172), color(image, g.tileX(0) + 25, g.tileY(0) + 25));
    assertEquals(new Color(217, 140, 149), color(image, g.tileX(1) + 5, g.tileY(1) + 5));
    assertEquals(g.width(), image.getWidth());
    assertEquals(g.height(), image.getHeight());
  }

  @Test
  void colourKernelsAreRgbTiles() {
    // one 1x1 kernel over 3 inputs with weights (r, g, b) = (2, 0, 1): min-max -> (255, 0, 128)
    BufferedImage image = KernelGrid.render("conv1", new float[] {2, 0, 1}, 1, 1, 3, 1);
    TileGridLayout g = KernelGrid.layout(1, 1, 3, 1);
    assertEquals(48, g.tileWidth());
    assertEquals(new Color(255, 0, 128), color(image, g.tileX(0) + 10, g.tileY(0) + 10));
    // AlexNet: 96 kernels of 11x11x3 -> 16 per row, 6 rows of 55-pixel tiles
    TileGridLayout alex = KernelGrid.layout(11, 11, 3, 96);
    assertEquals(List.of(16, 6, 55), List.of(alex.columns(), alex.rows(), alex.tileWidth()));
  }

  @Test
  void composedFigureHoldsInputFiltersAndEveryLayer() {
    float[][] input = Fixtures.ringImage();
    List<LayerActivation> layers = Fixtures.lenetLayers();
    BufferedImage figure = FeatureMapFigure.compose(
        "test image 0", NamedImage.of("input", input),
        List.of(NamedImage.of("Prewitt x", Fixtures.gradientX(input)), NamedImage.of("Sobel x", Fixtures.gradientX(input))),
        layers);
    int widest = 0;
    int stacked = 0;
    for (LayerActivation l : layers) {
      TileGridLayout g = FeatureMapGrid.layout(l.height(), l.width(), l.channels());
      widest = Math.max(widest, g.width());
      stacked += g.height() + 10;
    }
    // left column 168 + 2*10, grids, 10 right margin; title 34, then the taller of the two columns, +10
    assertEquals(188 + widest + 10, figure.getWidth());
    assertEquals(34 + Math.max(stacked, 3 * (20 + 168 + 10)) + 10, figure.getHeight());
  }

  private static int gray(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) & 0xFF;
  }

  private static Color color(BufferedImage image, int x, int y) {
    return new Color(image.getRGB(x, y));
  }
}
