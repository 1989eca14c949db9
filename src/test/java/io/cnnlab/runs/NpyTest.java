package io.cnnlab.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .npy} codec against the byte layout of the NumPy format specification (numpy.lib.format, version
 * 1.0): magic, version, little-endian header length, the header dict padded with spaces to a 64-byte boundary and
 * ended by a newline, then the little-endian values. The expected bytes are written out here by hand; they are
 * also what {@code numpy.save} (2.4) writes for the same array.
 */
class NpyTest {
  @TempDir Path tmp;

  /** float32 1, 2, 3, -0.5, 0, 65504 little-endian (IEEE 754: 0x3f800000, 0x40000000, 0x40400000, ...). */
  private static final byte[] VALUES = {
    0x00, 0x00, (byte) 0x80, 0x3f, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x40, 0x40,
    0x00, 0x00, 0x00, (byte) 0xbf, 0x00, 0x00, 0x00, 0x00, 0x00, (byte) 0xe0, 0x7f, 0x47};

  private static byte[] handWritten(String dict, int headerLen) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) headerLen, 0});
    b.write(dict.getBytes(StandardCharsets.US_ASCII));
    b.write(" ".repeat(headerLen - dict.length() - 1).getBytes(StandardCharsets.US_ASCII));
    b.write('\n');
    return b.toByteArray();
  }

  @Test
  void aTwoByThreeArrayIsTheSpecsBytesAndReadsBack() throws IOException {
    // 10 bytes before the dict, 59 dict characters and a newline: 70, padded to 128, so the header length is 118.
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    assertEquals(59, dict.length());
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(handWritten(dict, 118));
    expected.write(VALUES);
    float[] values = {1f, 2f, 3f, -0.5f, 0f, 65504f};

    byte[] encoded = Npy.encode(new int[] {2, 3}, values);

    assertArrayEquals(expected.toByteArray(), encoded);
    assertEquals(0, (encoded.length - VALUES.length) % 64, "data starts on a 64-byte boundary");
    Path file = tmp.resolve("a.npy");
    Npy.write(file, new int[] {2, 3}, values);
    Npy.Array back = Npy.read(file);
    assertArrayEquals(new int[] {2, 3}, back.shape());
    assertArrayEquals(values, back.values());
  }

  @Test
  void oneDimensionalShapesHaveTheTrailingCommaOfAPythonTuple() throws IOException {
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }";
    byte[] encoded = Npy.encode(new int[] {6}, new float[] {1f, 2f, 3f, -0.5f, 0f, 65504f});
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(handWritten(dict, 118));
    expected.write(VALUES);
    assertArrayEquals(expected.toByteArray(), encoded);
    assertArrayEquals(new int[] {6}, Npy.decode(encoded, tmp.resolve("x.npy")).shape());
  }

  @Test
  void aHeaderNumpyPadsDifferentlyStillReads() throws IOException {
    // Keys in another order and no trailing comma, as other writers may leave them.
    String dict = "{'shape': (3, 2), 'fortran_order': False, 'descr': '<f4'}";
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(handWritten(dict, 118));
    b.write(VALUES);
    Npy.Array a = Npy.decode(b.toByteArray(), tmp.resolve("y.npy"));
    assertArrayEquals(new int[] {3, 2}, a.shape());
    assertEquals(65504f, a.values()[5]);
  }

  @Test
  void otherTypesOrTruncatedDataAreRefusedNamingTheFile() throws IOException {
    Path file = tmp.resolve("f8.npy");
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(handWritten("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", 118));
    b.write(new byte[24]);
    Files.write(file, b.toByteArray());
    RunFileException e = assertThrows(RunFileException.class, () -> Npy.read(file));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().contains("expected little-endian float32 ('<f4') in C order"), e.getMessage());

    byte[] whole = Npy.encode(new int[] {2, 3}, new float[6]);
    Files.write(file, Arrays.copyOf(whole, whole.length - 4));
    e = assertThrows(RunFileException.class, () -> Npy.read(file));
    assertTrue(e.getMessage().contains("20 data bytes for shape [2, 3]; expected 24"), e.getMessage());

    Files.writeString(file, "not numpy at all");
    e = assertThrows(RunFileException.class, () -> Npy.read(file));
    assertTrue(e.getMessage().contains("not a NumPy .npy file"), e.getMessage());
  }
}
