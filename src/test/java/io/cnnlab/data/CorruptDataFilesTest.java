package io.cnnlab.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A damaged data file gives an error that names it, whichever part is damaged: the gzip trailer (CRC-32 and
 * length, the last 8 bytes, RFC 1952 section 2.3.1), the gzip header, the deflate data, or a cut.
 * The files are large enough that the trailer is read after the body, as in the real data sets.
 */
class CorruptDataFilesTest {
  @TempDir Path dir;

  private static final int COUNT = 200;

  /** A gzipped IDX images file of random pixels (random data does not compress: ~160 KB). */
  private Path gzippedImages() throws IOException {
    return Fixtures.write(dir.resolve("good").resolve("images-idx3-ubyte.gz"),
        Fixtures.idxImages(COUNT, 28, 28, Fixtures.randomBytes(COUNT * 28 * 28, 7)), true);
  }

  /** A copy of {@code file} in {@code damaged/} with the byte at {@code index} (negative: from the end) inverted. */
  private Path flipped(Path file, int index) throws IOException {
    byte[] b = Files.readAllBytes(file);
    int at = index < 0 ? b.length + index : index;
    b[at] = (byte) ~b[at];
    Files.createDirectories(dir.resolve("damaged"));
    return Files.write(dir.resolve("damaged").resolve(file.getFileName()), b);
  }

  private Path cut(Path file, int keep) throws IOException {
    byte[] b = Files.readAllBytes(file);
    Files.createDirectories(dir.resolve("cut"));
    int length = keep < 0 ? b.length + keep : keep;
    return Files.write(dir.resolve("cut").resolve(file.getFileName()), Arrays.copyOf(b, length));
  }

  private static void assertNamed(Path file, IOException e) {
    String message = String.valueOf(e.getMessage());
    assertTrue(message.contains(file.toString()), "names " + file + ": " + message);
  }

  @ParameterizedTest(name = "byte {0} from the end")
  @ValueSource(ints = {-1, -4, -5, -8})
  void damagedTrailerNamesTheFileForEveryReader(int fromEnd) throws IOException {
    Path bad = flipped(gzippedImages(), fromEnd);
    assertNamed(bad, assertThrows(IOException.class, () -> IdxReader.readImages(bad)));
    assertNamed(bad, assertThrows(IOException.class, () -> Manifest.contentSha256(bad)));
    assertTrue(assertThrows(IOException.class, () -> IdxReader.readImages(bad)).getMessage().contains("gzip"));
  }

  @ParameterizedTest(name = "header byte {0}")
  @ValueSource(ints = {2, 3}) // compression method, flags
  void damagedGzipHeaderNamesTheFile(int index) throws IOException {
    Path bad = flipped(gzippedImages(), index);
    assertNamed(bad, assertThrows(IOException.class, () -> IdxReader.readImages(bad)));
    assertNamed(bad, assertThrows(IOException.class, () -> IdxReader.readHeader(bad)));
    assertNamed(bad, assertThrows(IOException.class, () -> Manifest.contentSha256(bad)));
  }

  @ParameterizedTest(name = "byte {0}")
  @ValueSource(ints = {40, 5000, 80000})
  void damagedDeflateDataNamesTheFile(int index) throws IOException {
    Path bad = flipped(gzippedImages(), index);
    assertNamed(bad, assertThrows(IOException.class, () -> IdxReader.readImages(bad)));
    assertNamed(bad, assertThrows(IOException.class, () -> Manifest.contentSha256(bad)));
  }

  @ParameterizedTest(name = "keep all but {0} bytes")
  @ValueSource(ints = {-1, -4, -8, -9, -5000})
  void gzipFileCutAtTheEndNamesTheFile(int keep) throws IOException {
    Path bad = cut(gzippedImages(), keep);
    assertNamed(bad, assertThrows(IOException.class, () -> IdxReader.readImages(bad)));
    assertNamed(bad, assertThrows(IOException.class, () -> Manifest.contentSha256(bad)));
  }

  @ParameterizedTest(name = "keep {0} bytes")
  @ValueSource(ints = {5, 11, 15})
  void gzipFileCutInItsHeadersNamesTheFile(int keep) throws IOException {
    Path bad = cut(gzippedImages(), keep);
    assertNamed(bad, assertThrows(IOException.class, () -> IdxReader.readImages(bad)));
    assertNamed(bad, assertThrows(IOException.class, () -> IdxReader.readHeader(bad)));
    assertNamed(bad, assertThrows(IOException.class, () -> Manifest.contentSha256(bad)));
  }

  @Test
  void damagedTrailerInADataRootNamesTheFileWhenTheSplitIsOpened() throws IOException {
    Path root = dir.resolve("root");
    Fixtures.writeMnistLayout(root, "fashion-mnist", 300, 20, true, 3);
    Path images = root.resolve("fashion-mnist").resolve("train-images-idx3-ubyte.gz");
    byte[] b = Files.readAllBytes(images);
    b[b.length - 6] = (byte) ~b[b.length - 6];
    Files.write(images, b);
    IOException e = assertThrows(IOException.class,
        () -> Datasets.open(DatasetId.FASHION_MNIST, root, Split.TRAIN));
    assertNamed(images, e);
  }

  @Test
  void checksumListThatIsNotUtf8NamesTheFile() throws IOException {
    Path sums = dir.resolve("SHA256SUMS");
    byte[] line = ("0".repeat(64) + "  train-images-idx3-ubyte\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] bad = Arrays.copyOf(line, line.length + 1);
    bad[line.length] = (byte) 0xff; // never valid in UTF-8
    Files.write(sums, bad);
    IOException e = assertThrows(IOException.class, () -> Manifest.read(sums));
    assertNamed(sums, e);
    assertTrue(e.getMessage().contains("SHA256SUMS list in UTF-8"), e.getMessage());
  }
}
