package io.cnnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  @TempDir Path root;

  private static String sha256(byte[] content) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  @Test
  void gzippedAndRawCopiesOfTheSameContentHashAlike() throws Exception {
    byte[] content = Fixtures.idxLabels(Fixtures.randomLabels(1000, 10, 4));
    Path raw = Fixtures.write(root.resolve("a/train-labels-idx1-ubyte"), content, false);
    Path gz = Fixtures.write(root.resolve("b/train-labels-idx1-ubyte.gz"), content, true);

    assertEquals(sha256(content), Manifest.contentSha256(raw));
    assertEquals(sha256(content), Manifest.contentSha256(gz));
    assertEquals("train-labels-idx1-ubyte", Manifest.contentName(gz));
  }

  @Test
  void inventoryReportsOkMismatchAndMissing() throws Exception {
    Fixtures.writeMnistLayout(root, "fashion-mnist", 7, 3, true, 11);
    Path dir = root.resolve("fashion-mnist");
    StringBuilder manifest = new StringBuilder("# content checksums\n");
    for (String name : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")) {
      byte[] content;
      try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(dir.resolve(name + ".gz")))) {
        content = in.readAllBytes();
      }
      manifest.append(sha256(content)).append("  ").append(name).append('\n');
    }
    Files.writeString(root.resolve("fashion-mnist.sha256"), manifest);
    // Corrupt the test labels: same size, one label changed.
    byte[] labels = Fixtures.idxLabels(Fixtures.randomLabels(3, 10, 11 + 3));
    labels[labels.length - 1] = (byte) ((labels[labels.length - 1] + 1) % 10);
    Fixtures.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels, true);

    Map<String, DatasetInventory.Entry> entries = byName(DatasetInventory.inspect(root, true));

    DatasetInventory.Entry train = entries.get("fashion-mnist/train");
    assertEquals("ok", train.checksum());
    assertEquals(7, train.count());
    assertEquals("7 records, expected 60000", train.problem());
    assertEquals(List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"), train.files());
    assertEquals(Files.size(dir.resolve("train-images-idx3-ubyte.gz")) + Files.size(dir.resolve("train-labels-idx1-ubyte.gz")), train.bytes());
    DatasetInventory.Entry test = entries.get("fashion-mnist/test");
    assertEquals("mismatch", test.checksum());
    assertTrue(test.problem().contains("t10k-labels-idx1-ubyte.gz: checksum mismatch"), test.problem());
    assertEquals("missing", entries.get("mnist/train").checksum());
    assertEquals("missing", entries.get("cifar-100/test").checksum());
  }

  @Test
  void cifarUsesItsFirstInstallManifest() throws Exception {
    Fixtures.writeCifarLayout(root, 2, 1, 5);
    Path dir = root.resolve("cifar-100");
    Files.writeString(
        dir.resolve("SHA256SUMS"),
        sha256(Files.readAllBytes(dir.resolve("train.bin"))) + "  train.bin\n" + "0".repeat(64) + "  test.bin\n");

    Map<String, DatasetInventory.Entry> entries = byName(DatasetInventory.inspect(root, false));

    assertEquals("ok", entries.get("cifar-100/train").checksum());
    assertEquals(2, entries.get("cifar-100/train").count());
    assertEquals("mismatch", entries.get("cifar-100/test").checksum());
  }

  @Test
  void malformedManifestLineIsNamed() throws IOException {
    Path file = Files.writeString(root.resolve("mnist.sha256"), "abc  train-images-idx3-ubyte\n");

    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Manifest.read(file));

    assertEquals(
        file + ": line 1 is 'abc  train-images-idx3-ubyte', expected '<64 hex digits>  <file name>'", e.getMessage());
  }

  private static Map<String, DatasetInventory.Entry> byName(List<DatasetInventory.Entry> entries) {
    var out = new java.util.HashMap<String, DatasetInventory.Entry>();
    for (DatasetInventory.Entry e : entries) {
      out.put(e.dataset() + "/" + e.split().label(), e);
    }
    return out;
  }

  @Test
  void fileDigestsAreThePublishedTestVectors() throws Exception {
    // RFC 1321 and FIPS 180-2 give the MD5 and SHA-256 of "abc".
    Path abc = Files.writeString(root.resolve("abc"), "abc");
    assertEquals("900150983cd24fb0d6963f7d28e17f72", Manifest.fileDigest(abc, "MD5"));
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Manifest.fileDigest(abc, "SHA-256"));
    Path gz = Fixtures.write(root.resolve("abc.gz"), "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII), true);
    assertNotEquals(Manifest.contentSha256(gz), Manifest.fileDigest(gz, "SHA-256"), "a file digest is of the bytes stored");
  }

  @Test
  void mismatchesNameMissingAndWrongFilesAndAcceptGzippedCopies() throws Exception {
    String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    Path dir = Files.createDirectories(root.resolve("set"));
    Files.writeString(dir.resolve("raw"), "abc");
    Fixtures.write(dir.resolve("packed.gz"), "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII), true);
    Files.writeString(dir.resolve("wrong"), "abd");
    Path manifest = Files.writeString(root.resolve("set.sha256"),
        abc + "  raw\n" + abc + "  packed\n" + abc + "  wrong\n" + abc + "  absent\n");

    List<String> problems = Manifest.mismatches(dir, manifest);

    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("checksum mismatch: " + dir.resolve("wrong") + " has content sha256 "),
        problems.get(0));
    assertEquals("missing " + dir.resolve("absent") + "(.gz)", problems.get(1));
    Files.writeString(dir.resolve("wrong"), "abc");
    Files.writeString(dir.resolve("absent"), "abc");
    assertEquals(List.of(), Manifest.mismatches(dir, manifest));
  }
}
