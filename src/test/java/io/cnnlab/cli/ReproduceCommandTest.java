package io.cnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cnnlab reproduce}'s listing and its refusals, which all come before anything runs. */
class ReproduceCommandTest {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new CnnlabCli());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void listShowsEveryDeclarationWithItsBandAndHeavyMark() throws java.io.IOException {
    Run r = run("reproduce", "--list");
    long declared;
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("reproductions"))) {
      declared = files.filter(f -> f.toString().endsWith(".yaml")).count();
    }
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("lenet-fmnist-textbook") && r.out().contains("accuracy [0.78, 0.83]"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("alexnet-fmnist-textbook") && l.endsWith("(heavy)")),
        r.out());
    assertEquals(1 + declared, r.out().lines().count(), r.out());
  }

  @Test
  void unknownIdIsRefusedNamingTheDeclaredOnes() {
    Run r = run("reproduce", "lenet-imagenet");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no experiment 'lenet-imagenet'") && r.err().contains("lenet-mnist"), r.err());
  }

  @Test
  void nothingToRunIsAUsageError() {
    Run r = run("reproduce");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("give experiment ids or --all"), r.err());
  }

  @Test
  void gpuWithoutTheGpuLibraryTellsHowToBuildIt() {
    Run r = run("reproduce", "conv-shapes", "--device", "gpu");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("mvn -Pgpu"), r.err());
    assertEquals(2, run("reproduce", "conv-shapes", "--device", "tpu").code());
  }

  @Test
  void aBadDeclarationStopsEverythingNamingTheFile() throws IOException {
    Files.writeString(tmp.resolve("broken.yaml"), "id: broken\ntitle: b\nkind: train\ndataset: mnist\nepochz: 3\n");
    Run r = run("reproduce", "--list", "--declarations", tmp.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("broken.yaml") && r.err().contains("unknown key 'epochz'"), r.err());
  }
}
