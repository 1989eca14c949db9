package io.cnnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path root;

  @Test
  void opensEveryDataSetFromTheInstalledLayout() throws IOException {
    Fixtures.writeMnistLayout(root, "mnist", 12, 5, false, 10);
    Fixtures.writeMnistLayout(root, "fashion-mnist", 9, 4, true, 20);
    Fixtures.writeCifarLayout(root, 6, 3, 30);

    ImageSet mnist = Datasets.open(DatasetId.MNIST, root, Split.TRAIN);
    ImageSet fashionTest = Datasets.open(DatasetId.FASHION_MNIST, root, Split.TEST);
    ImageSet coarse = Datasets.open(DatasetId.CIFAR100_COARSE, root, Split.TRAIN);
    ImageSet fine = Datasets.open(DatasetId.CIFAR100_FINE, root, Split.TEST);

    assertEquals("mnist/train (12 x 28x28x1, 10 classes)", mnist.toString());
    assertEquals("fashion-mnist/test (4 x 28x28x1, 10 classes)", fashionTest.toString());
    assertEquals("cifar100-coarse/train (6 x 32x32x3, 20 classes)", coarse.toString());
    assertEquals("cifar100-fine/test (3 x 32x32x3, 100 classes)", fine.toString());
    assertEquals("ankle boot", fashionTest.classNames().get(9));
    assertTrue(Datasets.isInstalled(DatasetId.MNIST, root));
    assertTrue(Datasets.isInstalled(DatasetId.CIFAR100_FINE, root));
  }

  @Test
  void missingDataSetNamesThePathAndTheInstallCommand() {
    MissingDatasetException e =
        assertThrows(MissingDatasetException.class, () -> Datasets.open(DatasetId.FASHION_MNIST, root, Split.TRAIN));

    Path expected = root.resolve("fashion-mnist").resolve("train-images-idx3-ubyte");
    assertEquals(expected, e.path());
    assertTrue(e.getMessage().contains(expected + " does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("make datasets"), e.getMessage());
    assertFalse(Datasets.isInstalled(DatasetId.FASHION_MNIST, root));
  }

  @Test
  void missingCifarSaysHowToSupplyTheArchive() {
    MissingDatasetException e =
        assertThrows(MissingDatasetException.class, () -> Datasets.open(DatasetId.CIFAR100_COARSE, root, Split.TEST));

    assertTrue(e.getMessage().contains(root.resolve("cifar-100").resolve("test.bin").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("make datasets CIFAR100=PATH"), e.getMessage());
    assertTrue(e.getMessage().contains("cifar-100-python.tar.gz"), e.getMessage());
  }

  @Test
  void classNameListsHaveThePublishedSizesAndArchiveOrder() {
    assertEquals(10, ClassNames.DIGITS.size());
    assertEquals(10, ClassNames.FASHION_MNIST.size());
    assertEquals(20, ClassNames.CIFAR100_COARSE.size());
    assertEquals(100, ClassNames.CIFAR100_FINE.size());
    for (List<String> names : List.of(ClassNames.DIGITS, ClassNames.FASHION_MNIST, ClassNames.CIFAR100_COARSE, ClassNames.CIFAR100_FINE)) {
      assertEquals(names.size(), new HashSet<>(names).size(), "duplicates in " + names);
    }
    // The archive's label_names files list classes alphabetically; label i is line i.
    List<String> sortedFine = new ArrayList<>(ClassNames.CIFAR100_FINE);
    sortedFine.sort(null);
    assertEquals(sortedFine, ClassNames.CIFAR100_FINE);
    List<String> sortedCoarse = new ArrayList<>(ClassNames.CIFAR100_COARSE);
    sortedCoarse.sort(null);
    assertEquals(sortedCoarse, ClassNames.CIFAR100_COARSE);
    assertEquals("apple", ClassNames.CIFAR100_FINE.get(0));
    assertEquals("worm", ClassNames.CIFAR100_FINE.get(99));
    assertEquals("aquatic_mammals", ClassNames.CIFAR100_COARSE.get(0));
    assertEquals("vehicles_2", ClassNames.CIFAR100_COARSE.get(19));
    assertEquals("t-shirt/top", ClassNames.FASHION_MNIST.get(0));
  }

  @Test
  void parsesCommandLineNames() {
    assertEquals(DatasetId.FASHION_MNIST, DatasetId.parse("fashion-mnist"));
    assertEquals(DatasetId.FASHION_MNIST, DatasetId.parse("FASHION_MNIST"));
    assertEquals(DatasetId.CIFAR100_FINE, DatasetId.parse("cifar100-fine"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetId.parse("cifar10"));
    assertEquals(
        "unknown data set 'cifar10'; expected one of mnist, fashion-mnist, cifar100-coarse, cifar100-fine", e.getMessage());
  }

  @Test
  void headAndSubsetKeepPixelsAndLabelsTogether() throws IOException {
    Fixtures.writeMnistLayout(root, "mnist", 8, 1, false, 3);
    ImageSet set = Datasets.open(DatasetId.MNIST, root, Split.TRAIN);

    ImageSet head = set.head(3);
    ImageSet picked = set.subset(7, 2, 2);

    assertEquals(3, head.count());
    assertEquals(set.label(2), head.label(2));
    assertEquals(set.pixel(2, 27, 27, 0), head.pixel(2, 27, 27, 0));
    assertEquals(List.of(set.label(7), set.label(2), set.label(2)), List.of(picked.label(0), picked.label(1), picked.label(2)));
    assertEquals(set.pixel(7, 13, 5, 0), picked.pixel(0, 13, 5, 0));
    assertSame(set, set.head(100), "head beyond the end is the whole set");
  }
}
