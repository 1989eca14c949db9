package io.cnnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.Fixtures.CifarSplit;
import io.cnnlab.testing.ChildProcess;
import io.cnnlab.testing.ChildProcess.Result;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * datasets/install-cifar100.sh on generated files, offline (CNNLAB_OFFLINE=1) with a private HOME: archives made
 * with tar (which can never have a published MD5, so they are refused), python-layout folders converted by
 * bin/cnnlab (then refused for their small record counts), and sparse binary files of the full size.
 */
class InstallCifar100ScriptTest {
  @TempDir Path tmp;

  private Result install(Path target, String cifar100) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", "datasets/install-cifar100.sh", target.toString())
        .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("HOME", tmp.resolve("home").toString());
    env.remove("KERAS_HOME");
    env.remove("CIFAR100");
    env.put("CNNLAB_OFFLINE", "1");
    env.put("CNNLAB_JAVA_OPTS", "-Xmx256m");
    if (cifar100 != null) {
      env.put("CIFAR100", cifar100);
    }
    return ChildProcess.run(pb, Duration.ofSeconds(120));
  }

  private Path pythonLayout(Path dir) throws IOException {
    return Fixtures.writePythonLayout(dir, CifarSplit.random(3, 1), CifarSplit.random(2, 2),
        Cifar100PicklesTest.COARSE, Cifar100PicklesTest.FINE);
  }

  /** A real tar.gz of a python-layout folder named cifar-100-python, as the published archive holds it. */
  private Path pythonArchive(Path archive) throws IOException, InterruptedException {
    Path src = tmp.resolve("archive-src");
    pythonLayout(src.resolve("cifar-100-python"));
    Files.createDirectories(archive.getParent());
    Result tar = ChildProcess.run(new ProcessBuilder("tar", "-czf", archive.toString(), "-C",
        src.toString(), "cifar-100-python").redirectErrorStream(true), Duration.ofSeconds(60));
    assertEquals(0, tar.status(), tar.out());
    return archive;
  }

  private static String md5(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
  }

  @Test
  void anArchiveIsCheckedAgainstBothPublishedMd5s() throws Exception {
    Path archive = pythonArchive(tmp.resolve("cifar-100-python.tar.gz"));
    Path target = tmp.resolve("datasets/cifar-100");

    Result r = install(target, archive.toString());

    assertEquals(1, r.status(), r.out());
    assertTrue(r.out().contains(archive + ": MD5 " + md5(archive) + " is neither published archive's"
        + " (cifar-100-binary.tar.gz 03b5dce01913d631647c71ecec9e9cb8, cifar-100-python.tar.gz"
        + " eb9058c3a382ffc7106e4002c42a8d85); not installing it"), r.out());
    assertFalse(Files.exists(target));
  }

  @Test
  void theKerasCacheIsLookedInAndWhatWasFoundIsSaid() throws Exception {
    Path cached = pythonArchive(tmp.resolve("home/.keras/datasets/cifar-100-python.tar.gz"));

    Result r = install(tmp.resolve("datasets/cifar-100"), null);

    assertEquals(3, r.status(), r.out());
    assertTrue(r.out().contains("found " + cached + " (the Keras cache)"), r.out());
    assertTrue(r.out().contains(cached + ": MD5 " + md5(cached) + " is neither published archive's"), r.out());
    assertTrue(r.out().contains("CIFAR-100 is MISSING"), r.out());
  }

  @Test
  void aTorchvisionRootFallsBackFromItsArchiveToThePythonLayoutAndConvertsIt() throws Exception {
    Path root = tmp.resolve("torchvision");
    pythonArchive(root.resolve("cifar-100-python.tar.gz"));
    pythonLayout(root.resolve("cifar-100-python"));

    Result r = install(tmp.resolve("datasets/cifar-100"), root.toString());

    // Converted by cnnlab, then refused: 3 and 2 records are not the published 50,000 and 10,000.
    assertEquals(1, r.status(), r.out());
    assertTrue(r.out().contains("trying " + root.resolve("cifar-100-python.tar.gz")), r.out());
    assertTrue(r.out().contains("trying " + root.resolve("cifar-100-python")), r.out());
    assertTrue(r.out().contains("train 3 records, test 2 records, 20 coarse and 100 fine class names"), r.out());
    assertTrue(r.out().contains("train.bin: 9222 bytes, expected 50000 records x 3074 bytes"), r.out());
  }

  @Test
  void aFolderSavedAgainByPython3IsConverted() throws Exception {
    // Python 3.11's pickle.dump default (protocol 4) with numpy 2: STACK_GLOBAL of numpy._core, frames, MEMOIZE.
    Path layout = Fixtures.writePython3Layout(tmp.resolve("saved"), CifarSplit.random(3, 1), CifarSplit.random(2, 2),
        Cifar100PicklesTest.COARSE, Cifar100PicklesTest.FINE, 4, 2);

    Result r = install(tmp.resolve("datasets/cifar-100"), layout.toString());

    // Converted, then refused only for its size: 3 and 2 records are not the published 50,000 and 10,000.
    assertEquals(1, r.status(), r.out());
    assertTrue(r.out().contains("train 3 records, test 2 records, 20 coarse and 100 fine class names"), r.out());
    assertTrue(r.out().contains("train.bin: 9222 bytes, expected 50000 records x 3074 bytes"), r.out());
  }

  @Test
  void aTruncatedPickleIsReportedWithItsFile() throws Exception {
    Path layout = pythonLayout(tmp.resolve("cifar-100-python"));
    byte[] train = Files.readAllBytes(layout.resolve("train"));
    Files.write(layout.resolve("train"), java.util.Arrays.copyOf(train, 5000));

    Result r = install(tmp.resolve("datasets/cifar-100"), layout.toString());

    assertEquals(1, r.status(), r.out());
    assertTrue(r.out().contains("datasets convert-cifar100: " + layout.resolve("train") + ": byte "), r.out());
    assertTrue(r.out().contains("truncated"), r.out());
  }

  @Test
  void aBinaryFolderOfTheFullSizeInstallsWithItsManifestAndSource() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("cifar-100-binary"));
    for (String name : List.of("train.bin", "test.bin")) { // sparse zeros: every label 0, the published sizes
      try (RandomAccessFile f = new RandomAccessFile(folder.resolve(name).toFile(), "rw")) {
        f.setLength((name.equals("train.bin") ? 50_000L : 10_000L) * 3074);
      }
    }
    Files.writeString(folder.resolve("fine_label_names.txt"), String.join("\n", Cifar100PicklesTest.FINE) + "\n");
    Path target = tmp.resolve("datasets/cifar-100");

    Result first = install(target, folder.toString());
    Result again = install(target, folder.toString());

    assertEquals(0, first.status(), first.out());
    assertEquals(folder + " (binary layout folder, trusted on first use)\n", Files.readString(target.resolve("SOURCE")));
    List<String> manifest = Files.readAllLines(target.resolve("SHA256SUMS"));
    assertEquals(List.of("train.bin", "test.bin", "fine_label_names.txt"),
        manifest.stream().map(l -> l.substring(66)).toList());
    assertEquals(Cifar100PicklesTest.FINE, Datasets.classNames(DatasetId.CIFAR100_FINE, tmp.resolve("datasets")));
    assertEquals(0, again.status(), again.out());
    assertTrue(again.out().contains("already installed and verified"), again.out());
  }

  @Test
  void withNothingAnywhereItSaysWhatToFetchAndExits3() throws Exception {
    Result missing = install(tmp.resolve("datasets/cifar-100"), null);
    Result wrongPath = install(tmp.resolve("datasets/cifar-100"), tmp.resolve("nowhere").toString());

    assertEquals(3, missing.status(), missing.out());
    assertTrue(missing.out().contains("no copy in " + tmp.resolve("home/.keras/datasets")), missing.out());
    assertTrue(missing.out().contains("make datasets CIFAR100=PATH"), missing.out());
    assertEquals(1, wrongPath.status(), wrongPath.out());
    assertTrue(wrongPath.out().contains(tmp.resolve("nowhere") + ": no such file or folder"), wrongPath.out());
  }
}
