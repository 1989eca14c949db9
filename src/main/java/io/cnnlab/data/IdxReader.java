package io.cnnlab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format), raw or gzipped (detected by content, not by name): a big-endian header
 * of magic {@code 0x000008NN} (unsigned bytes, NN dimensions) and NN sizes, then the bytes. Every count is
 * checked against the bytes present, so a truncated download is an error, never a short data set.
 */
public final class IdxReader {
  private IdxReader() {}

  /** Magic of an unsigned-byte file with one dimension: labels. */
  public static final int LABELS_MAGIC = 0x00000801;
  /** Magic of an unsigned-byte file with three dimensions: images. */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** The images of an IDX file: {@code count} images of {@code rows x cols} unsigned bytes, row-major. */
  public record Images(int count, int rows, int cols, byte[] pixels) {}

  /** Reads an images file ({@code 0x00000803}). */
  public static Images readImages(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(open(file))) {
      int[] dims = header(in, file, IMAGES_MAGIC);
      long need = (long) dims[0] * dims[1] * dims[2];
      if (dims[1] <= 0 || dims[2] <= 0 || need > Integer.MAX_VALUE - 8) {
        throw new DatasetFormatException(file, "implausible image header " + dims[0] + "x" + dims[1] + "x" + dims[2]);
      }
      byte[] pixels = body(in, file, (int) need, dims[0] + " images of " + dims[1] + "x" + dims[2]);
      return new Images(dims[0], dims[1], dims[2], pixels);
    } catch (IOException e) {
      throw DatasetFormatException.naming(file, "an IDX images file (magic 0x00000803)", e);
    }
  }

  /** Reads a labels file ({@code 0x00000801}). */
  public static byte[] readLabels(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(open(file))) {
      int[] dims = header(in, file, LABELS_MAGIC);
      return body(in, file, dims[0], dims[0] + " labels");
    } catch (IOException e) {
      throw DatasetFormatException.naming(file, "an IDX labels file (magic 0x00000801)", e);
    }
  }

  /**
   * Reads an images file and its labels file into an image set, checking that the counts agree and that every
   * label names one of {@code classNames}.
   */
  public static ImageSet readImageSet(String name, Path images, Path labels, List<String> classNames)
      throws IOException {
    Images im = readImages(images);
    byte[] lab = readLabels(labels);
    if (im.count() != lab.length) {
      throw new DatasetFormatException(
          labels, "holds " + lab.length + " labels, but " + images + " holds " + im.count()
              + " images; expected one label per image");
    }
    for (int i = 0; i < lab.length; i++) {
      if ((lab[i] & 0xFF) >= classNames.size()) {
        throw new DatasetFormatException(
            labels, "label " + (lab[i] & 0xFF) + " at index " + i + ", expected 0 to " + (classNames.size() - 1));
      }
    }
    return new ImageSet(name, im.pixels(), lab, im.rows(), im.cols(), 1, classNames);
  }

  /**
   * The magic and sizes of an IDX file's header without reading its body: {@code {magic, size0, size1, ...}}.
   * Cheap enough for an inventory of installed files.
   */
  public static int[] readHeader(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(open(file))) {
      int magic = readInt(in, file, "the 4-byte magic");
      int rank = magic & 0xFF;
      if ((magic >>> 8) != 0x08 || rank < 1 || rank > 4) {
        throw new DatasetFormatException(file, String.format("magic 0x%08x is not an unsigned-byte IDX file", magic));
      }
      int[] out = new int[rank + 1];
      out[0] = magic;
      for (int d = 1; d <= rank; d++) {
        out[d] = readInt(in, file, "size " + d + " of " + rank + " in the header");
      }
      return out;
    } catch (IOException e) {
      throw DatasetFormatException.naming(file, "an IDX file", e);
    }
  }

  /** Opens {@code file} for reading, decompressing it if it starts with the gzip magic bytes. */
  public static InputStream open(Path file) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      try {
        return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
      } catch (IOException e) {
        in.close();
        throw new DatasetFormatException(file, "unreadable gzip header", e);
      }
    }
    return in;
  }

  private static int[] header(DataInputStream in, Path file, int expectedMagic) throws IOException {
    int magic = readInt(in, file, "the 4-byte magic");
    if (magic != expectedMagic) {
      throw new DatasetFormatException(
          file, String.format("magic 0x%08x, expected 0x%08x (%s)", magic, expectedMagic, describe(expectedMagic)));
    }
    int rank = expectedMagic & 0xFF;
    int[] dims = new int[rank];
    for (int d = 0; d < rank; d++) {
      dims[d] = readInt(in, file, "size " + (d + 1) + " of " + rank + " in the header");
      if (dims[d] < 0) {
        throw new DatasetFormatException(file, "negative size " + dims[d] + " in the header");
      }
    }
    return dims;
  }

  private static byte[] body(DataInputStream in, Path file, int length, String what) throws IOException {
    byte[] out;
    try {
      out = in.readNBytes(length);
    } catch (EOFException | ZipException e) {
      throw new DatasetFormatException(file, "truncated or corrupt gzip stream while reading " + what, e);
    }
    if (out.length != length) {
      throw new DatasetFormatException(
          file, "truncated: the header announces " + what + " (" + length + " bytes after the header), but only "
              + out.length + " follow");
    }
    int next;
    try {
      next = in.read(); // a gzip stream's end: its trailer (CRC-32 and length) is checked here
    } catch (EOFException | ZipException e) {
      throw new DatasetFormatException(file, "corrupt gzip trailer after " + what + " (" + e.getMessage()
          + "): the checksum or length recorded at the end does not match the data; the file is damaged, "
          + "install it again", e);
    }
    if (next != -1) {
      throw new DatasetFormatException(file, "longer than its header says: " + what + " and then more bytes");
    }
    return out;
  }

  private static int readInt(DataInputStream in, Path file, String what) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new DatasetFormatException(file, "truncated: ends before " + what, e);
    } catch (ZipException e) {
      throw new DatasetFormatException(file, "corrupt gzip stream before " + what, e);
    }
  }

  private static String describe(int magic) {
    return magic == IMAGES_MAGIC ? "IDX images: unsigned bytes, 3 dimensions" : "IDX labels: unsigned bytes, 1 dimension";
  }
}
