package io.cnnlab.training.tensorboard;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A PNG of 8-bit grey or RGB pixels, encoded here (no filter, one deflated data chunk): the images of a run's end
 * are small, and this keeps Java's image I/O, whose first use loads and registers its plugins, out of training.
 */
final class PngEncoder {
  private PngEncoder() {}

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /**
   * Encodes {@code pixels}: {@code height} rows of {@code width * channels} bytes, channels 1 (grey) or 3 (RGB).
   */
  static byte[] encode(int width, int height, int channels, byte[] pixels) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("a PNG here has 1 or 3 channels, got " + channels);
    }
    int row = width * channels;
    if (pixels.length != row * height) {
      throw new IllegalArgumentException(width + "x" + height + "x" + channels + " pixels need " + row * height
          + " bytes, got " + pixels.length);
    }
    byte[] filtered = new byte[(row + 1) * height]; // each row starts with filter type 0 (none)
    for (int y = 0; y < height; y++) {
      System.arraycopy(pixels, y * row, filtered, y * (row + 1) + 1, row);
    }
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    try {
      deflater.setInput(filtered);
      deflater.finish();
      byte[] chunk = new byte[1 << 16];
      while (!deflater.finished()) {
        data.write(chunk, 0, deflater.deflate(chunk));
      }
    } finally {
      deflater.end();
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(SIGNATURE);
    // Width, height, bit depth 8, colour type 0 (grey) or 2 (RGB), deflate, no filter method, no interlace.
    chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8)
        .put((byte) (channels == 1 ? 0 : 2)).put((byte) 0).put((byte) 0).put((byte) 0).array());
    chunk(png, "IDAT", data.toByteArray());
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  /** Length, type, data and the CRC-32 of type and data (big-endian, as PNG has it). */
  private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    png.writeBytes(name);
    png.writeBytes(data);
    png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
