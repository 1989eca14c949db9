package io.cnnlab.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeDisplayTest {
  @Test
  void percentileOfAbsoluteValuesOverAllMaps() {
    // |values| are 1..200 across two maps, half of them negative: the 99th percentile is 198.
    float[] a = new float[100];
    float[] b = new float[100];
    for (int i = 0; i < 100; i++) {
      a[i] = -(i + 1);
      b[i] = i + 101;
    }
    assertEquals(198f, EdgeDisplay.percentileAbs(99, a, b), 200f / 65536);
    assertEquals(100f, EdgeDisplay.percentileAbs(50, a, b), 200f / 65536);
    assertEquals(200f, EdgeDisplay.percentileAbs(100, a, b), 200f / 65536);
    assertEquals(0f, EdgeDisplay.percentileAbs(99, new float[5]));
  }

  @Test
  void renderMapsAbsoluteValueLinearlyAndSaturatesAtTheScale() {
    float[] map = {0, 10, -10, 20, 40, -1000};
    BufferedImage image = EdgeDisplay.render(map, 3, 2, 20);
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
    int[] gray = image.getRaster().getSamples(0, 0, 3, 2, 0, (int[]) null);
    // 255 * min(1, |v| / 20), rounded: 0, 127.5 -> 128, 128, 255, 255, 255.
    assertArrayEquals(new int[] {0, 128, 128, 255, 255, 255}, gray);
    assertArrayEquals(new int[6],
        EdgeDisplay.render(new float[6], 3, 2, 0).getRaster().getSamples(0, 0, 3, 2, 0, (int[]) null));
  }

  @Test
  void downscaleKeepsBlockMaximaAndAverages() {
    // 5 x 3 map, blocks of 2: columns {0,1},{2,3},{4}; rows {0,1},{2}.
    float[] map = {
      0, 1, 0, 0, 3,
      0, 0, -7, 0, 0,
      2, 0, 0, 5, 0,
    };
    assertArrayEquals(new float[] {1, 7, 3, 2, 5, 0}, Downscale.maxAbs(map, 5, 3, 2));
    assertEquals(3, Downscale.factor(1680, 1050, 640, 480)); // ceil(1680/640) = 3, ceil(1050/480) = 3
    assertEquals(1, Downscale.factor(100, 50, 640, 480));

    BufferedImage rgb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
    rgb.setRGB(0, 0, 0x102030);
    rgb.setRGB(1, 0, 0x305070);
    rgb.setRGB(2, 0, 0xffffff);
    BufferedImage small = Downscale.average(rgb, 2);
    assertEquals(2, small.getWidth());
    assertEquals(0x203850, small.getRGB(0, 0) & 0xffffff); // means: (0x10+0x30)/2, (0x20+0x50)/2, (0x30+0x70)/2
    assertEquals(0xffffff, small.getRGB(1, 0) & 0xffffff); // partial block of one pixel
  }

  @Test
  void contactSheetHoldsEveryPanelInAGrid() {
    BufferedImage panel = new BufferedImage(50, 40, BufferedImage.TYPE_BYTE_GRAY);
    BufferedImage white = new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB);
    white.getGraphics().fillRect(0, 0, 50, 40);
    List<ContactSheet.Panel> panels = List.of(new ContactSheet.Panel("a", white),
        new ContactSheet.Panel("a label far too long to fit above a fifty pixel panel", panel),
        new ContactSheet.Panel("c", panel), new ContactSheet.Panel("d", panel));
    BufferedImage sheet = ContactSheet.compose("title", panels, 3);
    // 3 columns of 50 with 16-pixel margins; 2 rows of (32 label + 40 image + 16 margin) under a 48 title.
    assertEquals(16 + 3 * (50 + 16), sheet.getWidth());
    assertEquals(48 + 2 * (32 + 40 + 16), sheet.getHeight());
    assertEquals(0xffffff, sheet.getRGB(16 + 10, 48 + 32 + 10) & 0xffffff); // inside the first panel
  }
}
