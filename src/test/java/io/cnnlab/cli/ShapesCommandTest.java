package io.cnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code cnnlab shapes} end to end through the command line, as a user runs it. */
class ShapesCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new CnnlabCli());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void withoutArgumentsItPrintsTheTextbookLenet() {
    assertEquals(0, run("shapes"));
    String text = out.toString();
    assertTrue(text.contains("--input 28x28x1 conv:6,k5,p2 sigmoid avgpool:k2"), text);
    assertTrue(text.lines().anyMatch(l -> l.matches("\\s+total\\s+10\\s+61,706\\s+416,520")), text);
  }

  @Test
  void alexnetAsCsvHasTheTextbookTotal() throws IOException {
    assertEquals(0, run("shapes", "--preset", "alexnet", "--format", "csv"));
    List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(out.toString())).getRecords();
    CSVRecord total = records.get(records.size() - 1);
    assertEquals("total", total.get("layer"));
    assertEquals("46764746", total.get("parameters"));
    long sum = records.subList(0, records.size() - 1).stream().mapToLong(r -> Long.parseLong(r.get("parameters"))).sum();
    assertEquals(46_764_746L, sum);
    assertEquals("54", records.get(0).get("height"));
    assertEquals("96", records.get(0).get("channels"));
  }

  @Test
  void tokensOnAGivenInput() {
    assertEquals(0, run("shapes", "--input", "32x32x3", "conv:8,k3,s2,psame", "maxpool:k2", "fc:10"));
    String text = out.toString();
    // SAME, stride 2: 16x16; pool 2: 8x8; implied flatten 512; fc 512*10+10 = 5130; conv 3*3*3*8+8 = 224.
    assertTrue(text.contains("16x16x8"), text);
    assertTrue(text.contains("flatten *"), text);
    assertTrue(text.lines().anyMatch(l -> l.matches("\\s+total\\s+10\\s+5,354\\s+.*")), text);
  }

  @Test
  void aBadTokenIsNamedWithTheExpectedForm() {
    assertEquals(2, run("shapes", "conv:6,k5", "pool:2"));
    assertTrue(err.toString().contains("layer 'pool:2': unknown layer 'pool'"), err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void badOptionValuesAreNamed() {
    assertEquals(2, run("shapes", "--preset", "vgg"));
    assertTrue(err.toString().contains("--preset 'vgg': expected lenet or alexnet"), err.toString());
    assertEquals(2, run("shapes", "--format", "json"));
    assertTrue(err.toString().contains("--format 'json': expected table or csv"), err.toString());
    assertEquals(2, run("shapes", "--preset", "lenet", "fc:10"));
    assertTrue(err.toString().contains("not both"), err.toString());
    assertEquals(2, run("shapes", "--input", "8x8x1", "conv:1,k9"));
    assertTrue(err.toString().contains("layer 1 'conv:1,k9' on input 8x8x1: height:"), err.toString());
  }
}
