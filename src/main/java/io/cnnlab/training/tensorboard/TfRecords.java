package io.cnnlab.training.tensorboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TensorFlow's record framing, in which event files hold their {@code Event}s: a little-endian uint64 length, the
 * masked CRC-32C of those 8 bytes, the data, the masked CRC-32C of the data.
 */
final class TfRecords {
  private TfRecords() {}

  /** Added to the rotated CRC, as TensorFlow's {@code crc32c::Mask} does. */
  private static final int MASK_DELTA = 0xa282ead8;

  /** Writes one record of {@code data}. */
  static void write(OutputStream out, byte[] data) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    header.putLong(data.length);
    header.putInt(maskedCrc(header.array(), 0, 8));
    out.write(header.array());
    out.write(data);
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(maskedCrc(data, 0, data.length)).array());
  }

  /**
   * The data of every intact record of {@code bytes}, in order, up to the first that is cut short or whose
   * checksums do not match (what a writer killed mid-record leaves); nothing after that one is read.
   */
  static List<byte[]> readIntact(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<byte[]> records = new ArrayList<>();
    while (in.remaining() >= 12) {
      int start = in.position();
      long length = in.getLong();
      if (in.getInt() != maskedCrc(bytes, start, 8) || length < 0 || length > in.remaining() - 4) {
        break;
      }
      byte[] data = new byte[(int) length];
      in.get(data);
      if (in.getInt() != maskedCrc(data, 0, data.length)) {
        break;
      }
      records.add(data);
    }
    return records;
  }

  /** The CRC-32C of {@code length} bytes at {@code offset}, rotated right by 15 bits plus {@link #MASK_DELTA}. */
  static int maskedCrc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + MASK_DELTA;
  }
}
