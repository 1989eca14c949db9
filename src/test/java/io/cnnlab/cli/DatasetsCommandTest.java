package io.cnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DatasetsCommandTest {
  @TempDir Path root;

  private static byte[] idxLabels(int n) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(0x801);
      out.writeInt(n);
      out.write(new byte[n]);
    }
    return bytes.toByteArray();
  }

  @Test
  void verifyFailsOnACorruptDataSetAndNamesIt() throws IOException {
    Path dir = Files.createDirectories(root.resolve("mnist"));
    Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0}); // truncated header
    Files.write(dir.resolve("train-labels-idx1-ubyte"), idxLabels(3));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status = DatasetsCommand.report(root, true, new PrintStream(out, true, StandardCharsets.UTF_8));

    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, status, text);
    assertTrue(text.contains("PROBLEM: mnist/train: "), text);
    assertTrue(text.contains("train-images-idx3-ubyte: truncated"), text);
    assertTrue(text.contains("missing: fashion-mnist/train"), text);
    assertTrue(text.contains("verify: 1 split(s) failed"), text);
  }

  @Test
  void listOfAnEmptyRootSucceedsAndSaysWhatIsMissing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status = DatasetsCommand.report(root, false, new PrintStream(out, true, StandardCharsets.UTF_8));

    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status);
    assertEquals(6, text.lines().filter(l -> l.contains(" missing ")).count(), text);
  }

  @Test
  void listSaysWhereCifarCameFromOrWhereItWasFound() throws IOException {
    Path keras = root.resolve("home/.keras");
    Path cached = Files.createDirectories(keras.resolve("datasets")).resolve("cifar-100-python.tar.gz");

    String nothing = cifarSource(null, keras);
    Files.write(cached, new byte[] {1});
    String found = cifarSource(root.resolve("torchvision"), keras);
    Path installed = Files.createDirectories(root.resolve("cifar-100"));
    Files.write(installed.resolve("train.bin"), new byte[0]);
    Files.writeString(installed.resolve("SOURCE"), "/data/cifar-100-python (python layout folder)\n");
    String from = cifarSource(null, keras);

    assertEquals("cifar-100: not installed; looked in CIFAR100 (not set) and " + keras.resolve("datasets")
        + ": no cifar-100-{binary,python}.tar.gz or unpacked copy\n", nothing);
    assertEquals("cifar-100: not installed; found " + cached + " (python archive): `make datasets CIFAR100="
        + root.resolve("torchvision") + "` installs it from there\n", found);
    assertEquals("cifar-100: installed from /data/cifar-100-python (python layout folder)\n", from);
  }

  private String cifarSource(Path given, Path keras) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DatasetsCommand.cifarSource(root, given, keras, new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  @Test
  void convertCifar100ExitsOneOnAMalformedFolder() throws IOException {
    Path from = Files.createDirectories(root.resolve("cifar-100-python"));
    for (String f : new String[] {"train", "test", "meta"}) {
      Files.write(from.resolve(f), new byte[] {(byte) 0x80, 2, 'c', 'o', 's', '\n'}); // truncated GLOBAL os...
    }

    int status = new CommandLine(new CnnlabCli()).execute("datasets", "convert-cifar100", "--from", from.toString(),
        "--to", root.resolve("out").toString());

    assertEquals(1, status);
  }

  @Test
  void rootThatIsNotAFolderIsAUsageError() {
    int status = new CommandLine(new CnnlabCli()).execute("datasets", "verify", "--root", root.resolve("nope").toString());

    assertEquals(2, status);
  }
}
