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
  void rootThatIsNotAFolderIsAUsageError() {
    int status = new CommandLine(new CnnlabCli()).execute("datasets", "verify", "--root", root.resolve("nope").toString());

    assertEquals(2, status);
  }
}
