package io.cnnlab.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LumaTest {
  // {R, G, B, expected luma}; expectations by hand from Y = 0.299 R + 0.587 G + 0.114 B.
  private static final float[][] PIXELS = {
    {255, 0, 0, 76.245f},
    {0, 255, 0, 149.685f},
    {0, 0, 255, 29.07f},
    {255, 255, 255, 255f},
    {0, 0, 0, 0f},
    {10, 200, 30, 2.99f + 117.4f + 3.42f},
    {128, 128, 128, 128f},
  };
  private static final float TOLERANCE = 1e-3f;

  @Test
  void knownPixelsGiveBt601Luma() {
    for (float[] p : PIXELS) {
      assertEquals(p[3], Luma.of((int) p[0], (int) p[1], (int) p[2]), TOLERANCE, java.util.Arrays.toString(p));
      int argb = 0xff000000 | ((int) p[0] << 16) | ((int) p[1] << 8) | (int) p[2];
      assertEquals(p[3], Luma.ofRgb(argb), TOLERANCE);
    }
  }

  @Test
  void everyRasterLayoutGivesTheSameLuma() {
    for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR,
        BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR}) {
      assertRow(Luma.toGray(row(new BufferedImage(PIXELS.length, 1, type))), "type " + type);
    }
    // A palette image goes through getRGB.
    byte[] r = new byte[PIXELS.length];
    byte[] g = new byte[PIXELS.length];
    byte[] b = new byte[PIXELS.length];
    for (int i = 0; i < PIXELS.length; i++) {
      r[i] = (byte) PIXELS[i][0];
      g[i] = (byte) PIXELS[i][1];
      b[i] = (byte) PIXELS[i][2];
    }
    BufferedImage indexed = new BufferedImage(PIXELS.length, 1, BufferedImage.TYPE_BYTE_INDEXED,
        new IndexColorModel(8, PIXELS.length, r, g, b));
    assertRow(Luma.toGray(row(indexed)), "indexed");
  }

  @Test
  void grayImagesKeepTheirStoredValues() {
    BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 77, 255});
    assertEquals(77f, Luma.toGray(gray).at(1, 0), 0f);
    BufferedImage gray16 = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    gray16.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {65535, 257 * 10});
    assertEquals(255f, Luma.toGray(gray16).at(0, 0), 1e-3f);
    assertEquals(10f, Luma.toGray(gray16).at(1, 0), 1e-3f);
  }

  @Test
  void pngRoundTripThroughImageFiles(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub/row.png");
    ImageFiles.writePng(row(new BufferedImage(PIXELS.length, 1, BufferedImage.TYPE_INT_RGB)), file);
    assertRow(Luma.toGray(ImageFiles.read(file)), "png");
    assertEquals("row", ImageFiles.stem(file));
    Files.writeString(dir.resolve("notes.txt"), "x");
    Files.writeString(dir.resolve("a.JPG"), "x");
    assertEquals(java.util.List.of(dir.resolve("a.JPG")), ImageFiles.list(dir));
  }

  private static BufferedImage row(BufferedImage image) {
    for (int i = 0; i < PIXELS.length; i++) {
      float[] p = PIXELS[i];
      image.setRGB(i, 0, 0xff000000 | ((int) p[0] << 16) | ((int) p[1] << 8) | (int) p[2]);
    }
    return image;
  }

  private static void assertRow(GrayImage gray, String what) {
    assertEquals(PIXELS.length, gray.width());
    for (int i = 0; i < PIXELS.length; i++) {
      assertEquals(PIXELS[i][3], gray.at(i, 0), TOLERANCE, what + " pixel " + i);
    }
  }
}
