package io.cnnlab.training.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class MosaicsTest {
  private static BufferedImage decode(Mosaics.Png png) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.bytes()));
    assertEquals(png.width(), image.getWidth());
    assertEquals(png.height(), image.getHeight());
    return image;
  }

  @Test
  void eachChannelOfAFeatureMapIsATileScaledFromItsMinimumToItsMaximum() throws IOException {
    // One image, 2x3 pixels, 2 channels (NHWC): channel 0 counts 0..5, channel 1 is constant.
    float[] values = new float[12];
    for (int p = 0; p < 6; p++) {
      values[2 * p] = p;
      values[2 * p + 1] = 7;
    }
    Mosaics.Png png = Mosaics.featureMap(new long[] {1, 2, 3, 2}, values, 0, true);
    BufferedImage image = decode(png);
    // 3 pixels wide enlarged 16 times (48 >= MIN_TILE): two tiles of 48x32 with 1-pixel gaps round them.
    assertEquals(1, png.channels());
    assertEquals(2 * (48 + 1) + 1, image.getWidth());
    assertEquals(32 + 2, image.getHeight());
    int[] levels = {0, 51, 102, 153, 204, 255}; // 255 * p / 5
    for (int p = 0; p < 6; p++) {
      int x = 1 + (p % 3) * 16 + 15;
      int y = 1 + (p / 3) * 16 + 15;
      assertEquals(levels[p], image.getRaster().getSample(x, y, 0), "pixel " + p);
      assertEquals(128, image.getRaster().getSample(50 + (p % 3) * 16, 1 + (p / 3) * 16, 0), "constant map");
    }
    assertEquals(0, image.getRaster().getSample(0, 0, 0), "gap");
    assertEquals(0, image.getRaster().getSample(49, 10, 0), "gap between tiles");
  }

  @Test
  void rgbKernelsShareOneScaleAndAreDrawnInColour() throws IOException {
    // [1, 1, 3, 2]: filter 0 is (-1, 0, 1), filter 1 is (1, 1, -1); the scale -1..1 for both.
    float[] values = {-1, 1, 0, 1, 1, -1}; // [in][out] for the one pixel
    Mosaics.Png png = Mosaics.kernels(new long[] {1, 1, 3, 2}, values);
    BufferedImage image = decode(png);
    assertEquals(3, png.channels());
    assertEquals(2 * (48 + 1) + 1, image.getWidth());
    assertArrayEquals(new int[] {0, 128, 255}, image.getRaster().getPixel(20, 20, new int[3]));
    assertArrayEquals(new int[] {255, 255, 0}, image.getRaster().getPixel(70, 20, new int[3]));
  }
}
