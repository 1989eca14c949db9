package io.cnnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar100ReaderTest {
  @TempDir Path dir;

  @Test
  void readsBothLabelSetsAndInterleavesThePlanes() throws IOException {
    byte[][] planes = {Fixtures.randomBytes(3072, 1), Fixtures.randomBytes(3072, 2), Fixtures.randomBytes(3072, 3)};
    int[] coarse = {0, 19, 7};
    int[] fine = {0, 99, 42};
    Path file =
        Fixtures.writeCifar(
            dir.resolve("train.bin"),
            Fixtures.cifarRecord(coarse[0], fine[0], planes[0]),
            Fixtures.cifarRecord(coarse[1], fine[1], planes[1]),
            Fixtures.cifarRecord(coarse[2], fine[2], planes[2]));

    Cifar100Reader.Records records = Cifar100Reader.read(file);
    ImageSet fineSet = records.imageSet("fine", true);
    ImageSet coarseSet = records.imageSet("coarse", false);

    assertEquals(3, records.count());
    assertEquals(100, fineSet.classes());
    assertEquals(20, coarseSet.classes());
    for (int i = 0; i < 3; i++) {
      assertEquals(fine[i], fineSet.label(i));
      assertEquals(coarse[i], coarseSet.label(i));
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          for (int c = 0; c < 3; c++) {
            // The archive stores plane c (R, G, B) of 32x32 row-major: byte c*1024 + 32*y + x of the pixels.
            int expected = planes[i][c * 1024 + 32 * y + x] & 0xFF;
            assertEquals(expected, fineSet.pixel(i, y, x, c));
            assertEquals(expected, coarseSet.pixel(i, y, x, c));
          }
        }
      }
    }
    assertEquals("worm", fineSet.classNames().get(fineSet.label(1)));
    assertEquals("vehicles_2", coarseSet.classNames().get(coarseSet.label(1)));
  }

  @Test
  void sizeThatIsNotWholeRecordsIsAnError() throws IOException {
    byte[] record = Fixtures.cifarRecord(1, 2, new byte[3072]);
    Path file = Files.write(dir.resolve("test.bin"), Arrays.copyOf(record, 3074 + 100));

    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar100Reader.read(file));

    assertTrue(e.getMessage().startsWith(file + ": 3174 bytes is not a whole number of 3074-byte records"), e.getMessage());
  }

  @Test
  void coarseLabelOutOfRangeNamesTheRecord() throws IOException {
    Path file =
        Fixtures.writeCifar(
            dir.resolve("train.bin"), Fixtures.cifarRecord(3, 4, new byte[3072]), Fixtures.cifarRecord(20, 4, new byte[3072]));

    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar100Reader.read(file));

    assertEquals(file + ": record 1 (byte 3074) has coarse label 20, expected 0 to 19", e.getMessage());
  }

  @Test
  void fineLabelOutOfRangeNamesTheRecord() throws IOException {
    Path file = Fixtures.writeCifar(dir.resolve("train.bin"), Fixtures.cifarRecord(3, 100, new byte[3072]));

    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar100Reader.read(file));

    assertEquals(file + ": record 0 (byte 0) has fine label 100, expected 0 to 99", e.getMessage());
  }

  @Test
  void readsAcrossItsInternalChunks() throws IOException {
    // More records than one read chunk (1,024), so chunk boundaries are crossed; labels identify records.
    int n = 2500;
    byte[][] records = new byte[n][];
    for (int i = 0; i < n; i++) {
      byte[] planes = new byte[3072];
      Arrays.fill(planes, (byte) i);
      records[i] = Fixtures.cifarRecord(i % 20, i % 100, planes);
    }
    Cifar100Reader.Records r = Cifar100Reader.read(Fixtures.writeCifar(dir.resolve("big.bin"), records));

    assertEquals(n, r.count());
    ImageSet set = r.imageSet("big", true);
    for (int i = 0; i < n; i += 97) {
      assertEquals(i % 100, set.label(i));
      assertEquals(i & 0xFF, set.pixel(i, 31, 31, 2));
    }
  }
}
