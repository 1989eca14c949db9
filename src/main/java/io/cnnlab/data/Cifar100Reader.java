package io.cnnlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the binary version of CIFAR-100 ({@code train.bin}, {@code test.bin}): records of 3,074 bytes, each a
 * coarse label (0..19), a fine label (0..99) and 3,072 pixel bytes stored as three 32x32 planes (R, G, B,
 * row-major). Pixels are rearranged to NHWC so every data set has one layout.
 */
public final class Cifar100Reader {
  private Cifar100Reader() {}

  public static final int SIDE = 32;
  public static final int PLANE = SIDE * SIDE;
  public static final int RECORD = 2 + 3 * PLANE;
  public static final int COARSE_CLASSES = 20;
  public static final int FINE_CLASSES = 100;

  /** One CIFAR-100 file with both label sets and their class names; pixels NHWC (32x32x3). */
  public record Records(
      Path file, int count, byte[] pixels, byte[] coarseLabels, byte[] fineLabels, List<String> coarseNames,
      List<String> fineNames) {
    /** The images with their coarse (20 superclasses) or fine (100 classes) labels. */
    public ImageSet imageSet(String name, boolean fine) {
      return new ImageSet(name, pixels, fine ? fineLabels : coarseLabels, SIDE, SIDE, 3, fine ? fineNames : coarseNames);
    }
  }

  /**
   * Reads every record of {@code file}, checking the record size and both label ranges. The class names are
   * the archive's lists beside it ({@link ClassNames#cifar100}), else the built-in ones.
   */
  public static Records read(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    List<String> coarseNames = ClassNames.cifar100(dir, false);
    List<String> fineNames = ClassNames.cifar100(dir, true);
    long size = Files.size(file);
    if (size % RECORD != 0) {
      throw new DatasetFormatException(
          file, size + " bytes is not a whole number of " + RECORD + "-byte records (coarse label, fine label, "
              + "3,072 pixels): truncated, or not the binary version of CIFAR-100");
    }
    if (size / RECORD > Integer.MAX_VALUE / (3 * PLANE)) {
      throw new DatasetFormatException(file, size + " bytes is more records than one array can hold");
    }
    int count = (int) (size / RECORD);
    byte[] pixels = new byte[count * 3 * PLANE];
    byte[] coarse = new byte[count];
    byte[] fine = new byte[count];
    byte[] chunk = new byte[RECORD * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int record = 0;
      while (record < count) {
        int n = Math.min(1024, count - record);
        int got = in.readNBytes(chunk, 0, n * RECORD);
        if (got != n * RECORD) {
          throw new DatasetFormatException(file, "ended at byte " + ((long) record * RECORD + got) + " of " + size);
        }
        for (int k = 0; k < n; k++, record++) {
          int base = k * RECORD;
          coarse[record] = checkLabel(file, record, "coarse", chunk[base], COARSE_CLASSES);
          fine[record] = checkLabel(file, record, "fine", chunk[base + 1], FINE_CLASSES);
          planesToInterleaved(chunk, base + 2, pixels, record * 3 * PLANE);
        }
      }
    } catch (IOException e) {
      throw DatasetFormatException.naming(file, "CIFAR-100 binary records of " + RECORD + " bytes", e);
    }
    return new Records(file, count, pixels, coarse, fine, coarseNames, fineNames);
  }

  /** Copies one image from R, G, B planes at {@code from} to interleaved RGB pixels at {@code to}. */
  static void planesToInterleaved(byte[] src, int from, byte[] dst, int to) {
    for (int c = 0; c < 3; c++) {
      int plane = from + c * PLANE;
      for (int p = 0; p < PLANE; p++) {
        dst[to + 3 * p + c] = src[plane + p];
      }
    }
  }

  private static byte checkLabel(Path file, int record, String kind, byte label, int classes)
      throws DatasetFormatException {
    if ((label & 0xFF) >= classes) {
      throw new DatasetFormatException(
          file, "record " + record + " (byte " + (long) record * RECORD + ") has " + kind + " label " + (label & 0xFF)
              + ", expected 0 to " + (classes - 1));
    }
    return label;
  }
}
