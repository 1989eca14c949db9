package io.cnnlab.runs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format for float32 arrays, as {@code numpy.load} opens them: the magic {@code \x93NUMPY},
 * version 1.0, a little-endian 2-byte header length, then the header dict {@code {'descr': '<f4',
 * 'fortran_order': False, 'shape': (...), }} padded with spaces and ended by a newline so that the data starts at
 * a multiple of 64 bytes, then the values little-endian in C (row-major) order. Reading also accepts version 2.0
 * and 3.0 (4-byte header length); only {@code <f4} in C order is read.
 */
public final class Npy {
  private Npy() {}

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** A float32 array: its shape and its values in row-major order. */
  public record Array(int[] shape, float[] values) {
    public Array {
      long n = 1;
      for (int d : shape) {
        if (d < 0) {
          throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
        }
        n *= d;
      }
      if (n != values.length) {
        throw new IllegalArgumentException(values.length + " values for shape " + Arrays.toString(shape));
      }
    }
  }

  /** The header dict NumPy writes for a float32 C-order array of {@code shape} (without padding). */
  static String dict(int[] shape) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      s.append(i > 0 ? ", " : "").append(shape[i]);
    }
    s.append(shape.length == 1 ? ",)" : ")");
    return "{'descr': '<f4', 'fortran_order': False, 'shape': " + s + ", }";
  }

  /** The complete file contents for {@code values} of {@code shape}. */
  public static byte[] encode(int[] shape, float[] values) {
    new Array(shape, values); // checks the count
    byte[] dict = dict(shape).getBytes(StandardCharsets.US_ASCII);
    int unpadded = MAGIC.length + 2 + 2 + dict.length + 1;
    int headerLen = dict.length + 1 + (ALIGN - unpadded % ALIGN) % ALIGN;
    ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + headerLen + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLen).put(dict);
    for (int i = dict.length; i < headerLen - 1; i++) {
      b.put((byte) ' ');
    }
    b.put((byte) '\n');
    b.asFloatBuffer().put(values);
    return b.array();
  }

  /** Writes {@code values} of {@code shape} to {@code file}. */
  public static void write(Path file, int[] shape, float[] values) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(encode(shape, values));
    }
  }

  /**
   * Reads a float32 {@code .npy} file.
   *
   * @throws RunFileException naming the file when it is not a NumPy file of little-endian float32 in C order,
   *     or its data is shorter or longer than its shape says
   */
  public static Array read(Path file) throws RunFileException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new RunFileException(file, "cannot read: " + e.getMessage(), e);
    }
    return decode(bytes, file);
  }

  static Array decode(byte[] bytes, Path file) throws RunFileException {
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new RunFileException(file, "not a NumPy .npy file (no \\x93NUMPY magic)");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int major = bytes[6];
    int headerLen;
    int start;
    if (major == 1) {
      headerLen = Short.toUnsignedInt(b.getShort(8));
      start = 10;
    } else if ((major == 2 || major == 3) && bytes.length >= 12) {
      headerLen = b.getInt(8);
      start = 12;
    } else {
      throw new RunFileException(file, ".npy version " + major + "." + bytes[7] + " is not one of 1.0, 2.0, 3.0");
    }
    if (headerLen < 0 || start + headerLen > bytes.length) {
      throw new RunFileException(file, "header of " + headerLen + " bytes runs past the end of the file");
    }
    String header = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
    Matcher descr = DESCR.matcher(header);
    Matcher fortran = FORTRAN.matcher(header);
    Matcher shapeText = SHAPE.matcher(header);
    if (!descr.find() || !fortran.find() || !shapeText.find()) {
      throw new RunFileException(file, "header " + header.strip() + " lacks 'descr', 'fortran_order' or 'shape'");
    }
    if (!descr.group(1).equals("<f4") || fortran.group(1).equals("True")) {
      throw new RunFileException(file, "holds '" + descr.group(1) + "' in " + (fortran.group(1).equals("True") ? "Fortran"
          : "C") + " order; expected little-endian float32 ('<f4') in C order");
    }
    int[] shape = shape(shapeText.group(1), file);
    long count = 1;
    for (int d : shape) {
      count *= d;
    }
    int data = start + headerLen;
    if (bytes.length - data != 4 * count) {
      throw new RunFileException(file, (bytes.length - data) + " data bytes for shape " + Arrays.toString(shape)
          + "; expected " + 4 * count);
    }
    float[] values = new float[(int) count];
    ByteBuffer.wrap(bytes, data, bytes.length - data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return new Array(shape, values);
  }

  private static int[] shape(String tuple, Path file) throws RunFileException {
    List<Integer> dims = new ArrayList<>();
    for (String part : tuple.split(",")) {
      if (!part.isBlank()) {
        try {
          dims.add(Integer.parseInt(part.strip()));
        } catch (NumberFormatException e) {
          throw new RunFileException(file, "shape (" + tuple + ") is not a tuple of integers", e);
        }
      }
    }
    return dims.stream().mapToInt(Integer::intValue).toArray();
  }
}
