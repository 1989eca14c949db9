package io.cnnlab.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Pictures made ready for a model, against values worked out by hand. */
class ModelInputTest {
  /** A {@code w x h} RGB picture of {@code background} with {@code shape} filled in {@code colour}. */
  private static BufferedImage picture(int w, int h, Color background, Rectangle shape, Color colour) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(background);
    g.fillRect(0, 0, w, h);
    g.setColor(colour);
    g.fill(shape);
    g.dispose();
    return image;
  }

  @Test
  void shrinkingByAnIntegerFactorAveragesEachBlock() {
    float[] fourByFour = {
        1, 2, 3, 4,
        5, 6, 7, 8,
        9, 10, 11, 12,
        13, 14, 15, 16};
    // Top left block: (1 + 2 + 5 + 6) / 4 = 3.5; the others likewise.
    assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, AreaResize.resize(fourByFour, 4, 4, 1, 2, 2), 1e-6f);
  }

  @Test
  void aPartlyCoveredPixelCountsByTheShareCovered() {
    // Three columns into two: each output covers 1.5 inputs, the middle one half for each.
    float[] row = {3, 6, 9};
    assertArrayEquals(new float[] {(3 + 0.5f * 6) / 1.5f, (0.5f * 6 + 9) / 1.5f},
        AreaResize.resize(row, 1, 3, 1, 1, 2), 1e-5f);
    // Channels stay apart: two RGB pixels into one average per channel.
    assertArrayEquals(new float[] {0.5f, 2f, 10f}, AreaResize.resize(new float[] {0, 1, 10, 1, 3, 10}, 1, 2, 3, 1, 1),
        1e-6f);
  }

  @Test
  void growingRepeatsEachPixel() {
    assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2}, AreaResize.resize(new float[] {1, 2}, 1, 2, 1, 2, 4));
  }

  @Test
  void aDarkShapeOnWhitePaperIsInvertedForALightOnDarkDataSet() {
    // Rows and columns 20..35 black: pixels 10..17 at half size.
    BufferedImage paper = picture(56, 56, Color.WHITE, new Rectangle(20, 20, 16, 16), Color.BLACK);

    ModelInput.Prepared auto = ModelInput.prepare(paper, 28, 28, 1, true, ModelInput.Invert.AUTO);
    assertTrue(auto.inverted());
    assertEquals(255, auto.pixels()[14 * 28 + 14] & 0xFF, "the shape is light");
    assertEquals(0, auto.pixels()[0] & 0xFF, "the paper is dark");
    assertEquals(0, auto.pixels()[9 * 28 + 14] & 0xFF, "just outside the shape");

    ModelInput.Prepared no = ModelInput.prepare(paper, 28, 28, 1, true, ModelInput.Invert.NO);
    assertFalse(no.inverted());
    assertEquals(255, no.pixels()[0] & 0xFF);
    assertFalse(ModelInput.prepare(paper, 28, 28, 1, false, ModelInput.Invert.AUTO).inverted(),
        "a data set of ordinary photos (CIFAR) is never inverted unless asked");
    assertTrue(ModelInput.prepare(paper, 28, 28, 1, false, ModelInput.Invert.YES).inverted());
  }

  @Test
  void anOffSquarePictureKeepsItsShapeWithMarginsOfItsBorderColour() {
    // A bar down the middle, touching the top and bottom border.
    BufferedImage wide = picture(60, 30, new Color(40, 40, 40), new Rectangle(28, 0, 4, 30), Color.WHITE);

    ModelInput.Prepared p = ModelInput.prepare(wide, 28, 28, 1, true, ModelInput.Invert.NO);
    // 60x30 fits as 28x14, centred: rows 7..20; the margins take the border's mean,
    // (2 * 60 rows of which 4 white + 2 * 28 side pixels of 40) / 176 pixels.
    int border = Math.round((2 * (56 * 40 + 4 * 255) + 2 * 28 * 40) / 176f);
    assertEquals(border, p.pixels()[0] & 0xFF, "top margin");
    assertEquals(border, p.pixels()[27 * 28 + 27] & 0xFF, "bottom margin");
    assertEquals(40, p.pixels()[7 * 28] & 0xFF, "the picture starts at row 7");
    assertEquals(40, p.pixels()[20 * 28 + 27] & 0xFF, "and ends at row 20");
    assertTrue((p.pixels()[14 * 28 + 14] & 0xFF) > 200, "the bar is in the middle column");
  }

  @Test
  void colourBecomesLumaForAGrayModelAndStaysRgbForAColourOne() {
    BufferedImage red = picture(8, 8, Color.RED, new Rectangle(0, 0, 0, 0), Color.RED);
    // BT.601: 0.299 * 255 = 76.2.
    assertEquals(76, ModelInput.prepare(red, 4, 4, 1, false, ModelInput.Invert.NO).pixels()[5] & 0xFF);
    byte[] rgb = ModelInput.prepare(red, 4, 4, 3, false, ModelInput.Invert.NO).pixels();
    assertArrayEquals(new int[] {255, 0, 0}, new int[] {rgb[15] & 0xFF, rgb[16] & 0xFF, rgb[17] & 0xFF});
  }

  @Test
  void aGrayPictureKeepsItsStoredValuesInEitherModel() {
    BufferedImage gray = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < 16; i++) {
      gray.getRaster().setSample(i % 4, i / 4, 0, 100);
    }
    // Java's getRGB would pass 100 through a linear-to-sRGB curve (to about 170).
    assertEquals(100, ModelInput.prepare(gray, 2, 2, 1, true, ModelInput.Invert.NO).pixels()[0] & 0xFF);
    assertEquals(100, ModelInput.prepare(gray, 2, 2, 3, true, ModelInput.Invert.NO).pixels()[2] & 0xFF);
  }

  @Test
  void badRequestsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelInput.Invert.parse("maybe"));
    assertTrue(e.getMessage().contains("maybe") && e.getMessage().contains("auto, yes or no"), e.getMessage());
    BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    assertThrows(IllegalArgumentException.class, () -> ModelInput.prepare(one, 2, 2, 2, false, ModelInput.Invert.NO));
  }
}
