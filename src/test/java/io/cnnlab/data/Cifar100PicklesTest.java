package io.cnnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.Fixtures.CifarSplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-100's python layout, generated as cPickle writes it, read and converted to the binary layout. */
class Cifar100PicklesTest {
  @TempDir Path dir;

  /** Names unlike the built-in lists, so a test can tell where names came from. */
  static final List<String> FINE = IntStream.range(0, 100).mapToObj(i -> "fine_class_" + i).toList();
  static final List<String> COARSE = IntStream.range(0, 20).mapToObj(i -> "coarse_class_" + i).toList();

  private Path pythonLayout(CifarSplit train, CifarSplit test) throws IOException {
    return Fixtures.writePythonLayout(dir.resolve("cifar-100-python"), train, test, COARSE, FINE);
  }

  private DatasetFormatException batchError(byte[] pickle) throws IOException {
    Path file = Fixtures.write(dir.resolve("train"), pickle, false);
    return assertThrows(DatasetFormatException.class, () -> Cifar100Pickles.readBatch(file));
  }

  @Test
  void convertsToTheBinaryLayoutsRecordsAndNameLists() throws IOException {
    CifarSplit train = CifarSplit.random(5, 1);
    CifarSplit test = CifarSplit.random(3, 2);
    Path out = dir.resolve("out");

    Cifar100Pickles.Conversion c = Cifar100Pickles.convert(pythonLayout(train, test), out);

    assertEquals(5, c.train());
    assertEquals(3, c.test());
    // The binary layout's bytes, written record by record as the published train.bin/test.bin are.
    assertArrayEquals(train.binaryRecords(), Files.readAllBytes(out.resolve("train.bin")));
    assertArrayEquals(test.binaryRecords(), Files.readAllBytes(out.resolve("test.bin")));
    assertEquals(String.join("\n", FINE) + "\n", Files.readString(out.resolve("fine_label_names.txt")));
    assertEquals(String.join("\n", COARSE) + "\n", Files.readString(out.resolve("coarse_label_names.txt")));
  }

  @Test
  void theConvertedSetReadsWithTheArchivesClassNames() throws IOException {
    CifarSplit train = CifarSplit.random(4, 3);
    Path root = dir.resolve("datasets");
    Cifar100Pickles.convert(pythonLayout(train, CifarSplit.random(2, 4)), root.resolve("cifar-100"));

    ImageSet fine = Datasets.open(DatasetId.CIFAR100_FINE, root, Split.TRAIN);
    ImageSet coarse = Datasets.open(DatasetId.CIFAR100_COARSE, root, Split.TRAIN);

    assertEquals(FINE, fine.classNames());
    assertEquals(COARSE, coarse.classNames());
    assertEquals(FINE, Datasets.classNames(DatasetId.CIFAR100_FINE, root));
    assertEquals(COARSE, Datasets.classNames(DatasetId.CIFAR100_COARSE, root));
    for (int i = 0; i < 4; i++) {
      assertEquals(train.fine()[i], fine.label(i));
      assertEquals(train.coarse()[i], coarse.label(i));
      for (int c = 0; c < 3; c++) { // planes R, G, B of 32x32, row-major, in each row of 'data'
        assertEquals(train.planes()[i * 3072 + c * 1024 + 32 * 5 + 7] & 0xFF, fine.pixel(i, 5, 7, c));
      }
    }
  }

  @Test
  void readsAcrossAppendBatchesAndLongMemoIndices() throws IOException {
    // 2,300 images: labels come in three APPENDS batches, file names push the memo past 255 (LONG_BINPUT).
    CifarSplit split = CifarSplit.random(2300, 5);
    Path file = Fixtures.write(dir.resolve("train"), split.pickle(), false);

    Cifar100Pickles.Batch b = Cifar100Pickles.readBatch(file);

    assertEquals(2300, b.count());
    for (int i = 0; i < 2300; i++) {
      assertEquals(split.fine()[i], b.fineLabels()[i]);
      assertEquals(split.coarse()[i], b.coarseLabels()[i]);
    }
    assertArrayEquals(split.planes(), b.planes());
  }

  @Test
  void wrongArrayShapesAreNamedWithTheExpectedOne() throws IOException {
    PickleWriter narrow = new PickleWriter().proto2().raw('}').put().str("data").uint8Array(new int[] {2, 3000},
        new byte[6000]).raw('s');
    PickleWriter flat = new PickleWriter().proto2().raw('}').put().str("data").uint8Array(new int[] {6144},
        new byte[6144]).raw('s');

    assertEquals(dir.resolve("train") + ": 'data' has shape (2, 3000), expected (N, 3072): one row of 3,072 bytes"
        + " (R, G, B planes of 32x32) per image", batchError(narrow.stop().bytes()).getMessage());
    assertTrue(batchError(flat.stop().bytes()).getMessage().contains("'data' has shape (6144,), expected (N, 3072)"));
  }

  @Test
  void labelsOutOfRangeNameTheEntryAndTheRange() throws IOException {
    byte[] planes = new byte[2 * 3072];

    assertEquals(dir.resolve("train") + ": fine_labels[1] is the int 100, expected an int from 0 to 99",
        batchError(Fixtures.cifarBatchPickle(new int[] {0, 0}, new int[] {99, 100}, planes)).getMessage());
    assertEquals(dir.resolve("train") + ": coarse_labels[0] is the int -1, expected an int from 0 to 19",
        batchError(Fixtures.cifarBatchPickle(new int[] {-1, 0}, new int[] {0, 0}, planes)).getMessage());
    assertEquals(dir.resolve("train") + ": coarse_labels[1] is the int 20, expected an int from 0 to 19",
        batchError(Fixtures.cifarBatchPickle(new int[] {19, 20}, new int[] {0, 0}, planes)).getMessage());
  }

  @Test
  void labelCountsMustMatchTheImages() throws IOException {
    // The array's first dimension is the fine labels' count (2); three coarse labels do not fit it.
    byte[] pickle = Fixtures.cifarBatchPickle(new int[] {1, 2, 3}, new int[] {1, 2}, new byte[2 * 3072]);

    assertEquals(dir.resolve("train") + ": 'coarse_labels' has 3 labels for the 2 images in 'data'",
        batchError(pickle).getMessage());
  }

  @Test
  void aCifar10BatchIsToldApartByItsKeys() throws IOException {
    PickleWriter w = new PickleWriter().proto2().raw('}').put().mark();
    w.str("data").uint8Array(new int[] {1, 3072}, new byte[3072]).str("labels").intList(new int[] {3});
    w.str("batch_label").str("training batch 1 of 5").raw('u');

    assertEquals(dir.resolve("train") + ": has no 'coarse_labels' entry (its keys: data, labels, batch_label);"
        + " expected CIFAR-100's python layout", batchError(w.stop().bytes()).getMessage());
  }

  @Test
  void metaNeedsOneHundredFineAndTwentyCoarseNames() throws IOException {
    Path meta = Fixtures.write(dir.resolve("meta"), Fixtures.cifarMetaPickle(COARSE, FINE.subList(0, 99)), false);
    Path blank = Fixtures.write(dir.resolve("meta2"), Fixtures.cifarMetaPickle(
        replace(COARSE, 4, " "), FINE), false);

    assertEquals(meta + ": 'fine_label_names' is a list of 99, expected a list of 100 names",
        assertThrows(DatasetFormatException.class, () -> Cifar100Pickles.readMeta(meta)).getMessage());
    assertTrue(assertThrows(DatasetFormatException.class, () -> Cifar100Pickles.readMeta(blank)).getMessage()
        .endsWith("coarse_label_names[4] is the str ' ', expected a class name (text without surrounding spaces or"
            + " line breaks)"));
  }

  @Test
  void aFolderWithoutMetaOrWithATruncatedSplitIsNamed() throws IOException {
    Path layout = pythonLayout(CifarSplit.random(2, 6), CifarSplit.random(2, 7));
    byte[] test = Files.readAllBytes(layout.resolve("test"));
    Files.write(layout.resolve("test"), Arrays.copyOf(test, test.length - 100));

    DatasetFormatException truncated = assertThrows(DatasetFormatException.class,
        () -> Cifar100Pickles.convert(layout, dir.resolve("out")));
    Files.delete(layout.resolve("meta"));
    DatasetFormatException noMeta = assertThrows(DatasetFormatException.class,
        () -> Cifar100Pickles.convert(layout, dir.resolve("out")));

    assertTrue(truncated.getMessage().startsWith(layout.resolve("test") + ": byte "), truncated.getMessage());
    assertTrue(truncated.getMessage().endsWith("truncated"), truncated.getMessage());
    assertEquals(layout + ": has no 'meta' file; expected the CIFAR-100 python layout (train, test and meta, as"
        + " cifar-100-python.tar.gz unpacks them)", noMeta.getMessage());
  }

  @Test
  void theBinaryArchivesNameListsReachTheImageSetToo() throws IOException {
    Path root = dir.resolve("datasets");
    Fixtures.writeCifarLayout(root, 3, 2, 9);
    Files.write(root.resolve("cifar-100").resolve("fine_label_names.txt"),
        (String.join("\n", FINE) + "\n\n").getBytes(StandardCharsets.ISO_8859_1));

    assertEquals(FINE, Datasets.open(DatasetId.CIFAR100_FINE, root, Split.TEST).classNames());
    assertEquals(ClassNames.CIFAR100_COARSE, Datasets.open(DatasetId.CIFAR100_COARSE, root, Split.TEST).classNames());
  }

  @Test
  void aNameListOfTheWrongLengthIsAnErrorNamingIt() throws IOException {
    Path root = dir.resolve("datasets");
    Fixtures.writeCifarLayout(root, 3, 2, 9);
    Path list = Files.writeString(root.resolve("cifar-100").resolve("coarse_label_names.txt"), "a\nb\n");

    assertEquals(list + ": 2 class names, expected 20 (one a line, in label order)", assertThrows(
        DatasetFormatException.class, () -> Datasets.open(DatasetId.CIFAR100_COARSE, root, Split.TEST)).getMessage());
    assertTrue(DatasetInventory.inspect(root, false).stream()
        .filter(e -> e.dataset().equals("cifar-100")).allMatch(e -> e.problem().contains("2 class names")));
  }

  private static List<String> replace(List<String> names, int at, String name) {
    List<String> out = new ArrayList<>(names);
    out.set(at, name);
    return out;
  }
}
