package io.cnnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
  @TempDir Path dir;

  private static final List<String> TEN = ClassNames.DIGITS;

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void readsImagesAndLabelsRawOrGzipped(boolean gzip) throws IOException {
    // 5 images of 3 rows x 4 columns; random bytes include values above 127 (negative as Java bytes).
    byte[] pixels = Fixtures.randomBytes(5 * 12, 7);
    byte[] labels = {3, 0, 9, 9, 1};
    Path images = Fixtures.write(dir.resolve("im"), Fixtures.idxImages(5, 3, 4, pixels), gzip);
    Path labelFile = Fixtures.write(dir.resolve("lab"), Fixtures.idxLabels(labels), gzip);

    ImageSet set = IdxReader.readImageSet("tiny", images, labelFile, TEN);

    assertEquals(5, set.count());
    assertEquals(3, set.height());
    assertEquals(4, set.width());
    assertEquals(1, set.channels());
    for (int i = 0; i < 5; i++) {
      assertEquals(labels[i], set.label(i));
      for (int y = 0; y < 3; y++) {
        for (int x = 0; x < 4; x++) {
          // IDX stores image i row by row: byte 12*i + 4*y + x after the header.
          assertEquals(pixels[12 * i + 4 * y + x] & 0xFF, set.pixel(i, y, x, 0), "image " + i + " at " + y + "," + x);
        }
      }
    }
    assertArrayEquals(new int[] {0x803, 5, 3, 4}, IdxReader.readHeader(images));
  }

  @Test
  void wrongMagicNamesFileAndExpectedMagic() throws IOException {
    Path labelsAsImages = Fixtures.write(dir.resolve("images"), Fixtures.idxLabels(new byte[] {1, 2}), false);

    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(labelsAsImages));

    assertTrue(e.getMessage().contains(labelsAsImages.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("magic 0x00000801, expected 0x00000803"), e.getMessage());
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void truncatedImagesAreAnErrorNotAShortDataSet(boolean gzip) throws IOException {
    byte[] full = Fixtures.idxImages(4, 2, 2, Fixtures.randomBytes(16, 3));
    Path file = Fixtures.write(dir.resolve("short"), Arrays.copyOf(full, full.length - 1), gzip);

    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(file));

    assertTrue(e.getMessage().startsWith(file + ": truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("4 images of 2x2 (16 bytes after the header), but only 15 follow"), e.getMessage());
  }

  @Test
  void cutGzipStreamIsReportedAsCorrupt() throws IOException {
    Path whole = Fixtures.write(dir.resolve("whole.gz"), Fixtures.idxImages(50, 8, 8, Fixtures.randomBytes(3200, 5)), true);
    byte[] gz = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));

    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(cut));

    assertTrue(e.getMessage().startsWith(cut + ": truncated or corrupt gzip stream"), e.getMessage());
  }

  @Test
  void truncatedHeaderSaysWhereItEnds() throws IOException {
    Path file = Fixtures.write(dir.resolve("header"), new byte[] {0, 0, 8, 3, 0, 0}, false);

    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(file));

    assertEquals(file + ": truncated: ends before size 1 of 3 in the header", e.getMessage());
  }

  @Test
  void extraBytesAfterTheDeclaredDataAreAnError() throws IOException {
    byte[] full = Fixtures.idxLabels(new byte[] {1, 2, 3});
    Path file = Fixtures.write(dir.resolve("long"), Arrays.copyOf(full, full.length + 1), false);

    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readLabels(file));

    assertTrue(e.getMessage().contains("longer than its header says"), e.getMessage());
  }

  @Test
  void imageAndLabelCountsMustAgree() throws IOException {
    Path images = Fixtures.write(dir.resolve("im"), Fixtures.idxImages(5, 2, 2, new byte[20]), false);
    Path labels = Fixtures.write(dir.resolve("lab"), Fixtures.idxLabels(new byte[4]), false);

    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> IdxReader.readImageSet("x", images, labels, TEN));

    assertEquals(labels + ": holds 4 labels, but " + images + " holds 5 images; expected one label per image", e.getMessage());
  }

  @Test
  void labelOutsideTheClassesIsAnError() throws IOException {
    Path images = Fixtures.write(dir.resolve("im"), Fixtures.idxImages(2, 1, 1, new byte[2]), false);
    Path labels = Fixtures.write(dir.resolve("lab"), Fixtures.idxLabels(new byte[] {9, 10}), false);

    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> IdxReader.readImageSet("x", images, labels, TEN));

    assertEquals(labels + ": label 10 at index 1, expected 0 to 9", e.getMessage());
  }
}
