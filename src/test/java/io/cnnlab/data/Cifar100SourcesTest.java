package io.cnnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cnnlab.data.Cifar100Sources.Found;
import io.cnnlab.data.Cifar100Sources.Kind;
import io.cnnlab.data.Fixtures.CifarSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where CIFAR-100 is looked for: a torchvision root, a layout folder, an archive, the Keras 2 and 3 caches. */
class Cifar100SourcesTest {
  @TempDir Path tmp;

  private Path pythonLayout(Path dir) throws IOException {
    return Fixtures.writePythonLayout(dir, CifarSplit.random(1, 1), CifarSplit.random(1, 2),
        Cifar100PicklesTest.COARSE, Cifar100PicklesTest.FINE);
  }

  @Test
  void aTorchvisionRootOffersItsArchiveBeforeTheUnpackedFolder() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("data"));
    pythonLayout(root.resolve("cifar-100-python"));
    Files.write(root.resolve("cifar-100-python.tar.gz"), new byte[] {1});

    List<Found> found = Cifar100Sources.find(root, tmp.resolve("no-keras"));

    assertEquals(List.of(new Found(root.resolve("cifar-100-python.tar.gz"), Kind.PYTHON_ARCHIVE),
        new Found(root.resolve("cifar-100-python"), Kind.PYTHON_FOLDER)), found);
  }

  @Test
  void aLayoutFolderOrAnyFileGivenIsTakenAsItIs() throws IOException {
    Path python = pythonLayout(tmp.resolve("mine"));
    Path binary = Files.createDirectories(tmp.resolve("bin"));
    Files.write(binary.resolve("train.bin"), new byte[0]);
    Files.write(binary.resolve("test.bin"), new byte[0]);
    Path download = Files.write(tmp.resolve("download.tgz"), new byte[] {1});

    assertEquals(Optional.of(Kind.PYTHON_FOLDER), Cifar100Sources.kindOf(python));
    assertEquals(Optional.of(Kind.BINARY_FOLDER), Cifar100Sources.kindOf(binary));
    assertEquals(Optional.of(Kind.ARCHIVE), Cifar100Sources.kindOf(download));
    Files.delete(python.resolve("meta"));
    assertEquals(Optional.empty(), Cifar100Sources.kindOf(python), "train and test without meta is no layout");
  }

  @Test
  void theKerasCachesOfKeras2And3AreLookedIn() throws IOException {
    Path keras = tmp.resolve(".keras");
    Path datasets = Files.createDirectories(keras.resolve("datasets"));
    Files.write(datasets.resolve("cifar-100-python-target_archive"), new byte[] {1}); // Keras 3's download
    pythonLayout(datasets.resolve("cifar-100-python-target").resolve("cifar-100-python")); // and its unpacking
    pythonLayout(datasets.resolve("cifar-100-python")); // Keras 2's unpacking

    List<Found> found = Cifar100Sources.find(null, keras);

    assertEquals(List.of(
        new Found(datasets.resolve("cifar-100-python-target_archive"), Kind.PYTHON_ARCHIVE),
        new Found(datasets.resolve("cifar-100-python"), Kind.PYTHON_FOLDER),
        new Found(datasets.resolve("cifar-100-python-target").resolve("cifar-100-python"), Kind.PYTHON_FOLDER)), found);
    assertEquals(Path.of("/k"), Cifar100Sources.kerasHome("/k", tmp));
    assertEquals(tmp.resolve(".keras"), Cifar100Sources.kerasHome(null, tmp));
  }

  @Test
  void theInstallScriptsSourceLineIsWhatListShows() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("cifar-100"));

    assertEquals(Optional.empty(), Cifar100Sources.installedFrom(dir));
    Files.writeString(dir.resolve("SOURCE"), "/data/cifar-100-python (python layout folder)\n");
    assertEquals(Optional.of("/data/cifar-100-python (python layout folder)"), Cifar100Sources.installedFrom(dir));
  }
}
