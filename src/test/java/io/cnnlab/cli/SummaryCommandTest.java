package io.cnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.models.ModelSettings;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SummaryCommandTest {
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

  private static String totalLine(String out) {
    return out.lines().filter(l -> l.startsWith("total")).findFirst().orElseThrow(() -> new AssertionError(out));
  }

  @Test
  void leNetDefaultsAreTheTextbookModel() {
    Run r = run("summary", "lenet");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("LeNet: sigmoid, avg pooling, batch norm off"), r.out());
    assertTrue(totalLine(r.out()).matches("total\\s+61,706\\s+416,520"), totalLine(r.out()));
    assertTrue(r.out().contains("avgpool2") && r.out().contains("5x5x16"), r.out());
  }

  @Test
  void optionsOverrideTheVariant() {
    Run r = run("summary", "lenet", "--variant", "batch-norm", "--activation", "relu", "--pool", "max");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("relu1") && r.out().contains("maxpool1") && r.out().contains("bn4"), r.out());
    assertTrue(r.out().contains("batch-norm moving averages: 452 values"), r.out());
    Run cifar = run("summary", "lenet", "--image-size", "32", "--channels", "3", "--padding", "0", "--classes", "20");
    assertTrue(cifar.out().contains("input 32x32x3, 20 classes"), cifar.out());
  }

  @Test
  void alexNetBudgetReportsTargetAndResult() {
    Run r = run("summary", "alexnet", "--budget-fraction", "1/256");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("budget 1/256 of 46,764,746 = 182,675 parameters"), r.out());
    assertTrue(r.out().contains("resized to 112x112"), r.out());
    Run textbook = run("summary", "alexnet");
    assertTrue(totalLine(textbook.out()).contains("46,764,746"), textbook.out());
  }

  @Test
  void badInputGivesExitCode2AndSaysWhatWasExpected() {
    Run unknown = run("summary", "vgg");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown model 'vgg': expected one of [lenet, alexnet]"), unknown.err());
    Run collapse = run("summary", "alexnet", "--input-size", "64");
    assertEquals(2, collapse.code());
    assertTrue(collapse.err().contains("need input size >= 65"), collapse.err());
    Run wrongModel = run("summary", "lenet", "--lrn");
    assertEquals(2, wrongModel.code());
    assertTrue(wrongModel.err().contains("lrn does not apply to lenet"), wrongModel.err());
    Run both = run("summary", "alexnet", "--width", "0.5", "--budget-fraction", "1/4");
    assertEquals(2, both.code());
    Run activation = run("summary", "lenet", "--activation", "swish");
    assertTrue(activation.err().contains("unknown activation 'swish'"), activation.err());
  }

  @Test
  void budgetFractionsParseAsRatiosOrDecimals() {
    assertEquals(1 / 256.0, ModelSettings.parseFraction("1/256"));
    assertEquals(0.25, ModelSettings.parseFraction("0.25"));
    assertThrows(IllegalArgumentException.class, () -> ModelSettings.parseFraction("half"));
    assertThrows(IllegalArgumentException.class, () -> ModelSettings.parseFraction("2"));
  }
}
