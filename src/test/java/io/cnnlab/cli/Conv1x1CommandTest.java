package io.cnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.experiments.tasks.Conv1x1Task;
import io.cnnlab.experiments.tasks.ConvBenchSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code cnnlab conv1x1} on a tiny problem: it must time all seven implementations and their outputs must
 * agree with the naive loop. The times themselves are the machine's: a run of this size can take less than the
 * 0.005 ms two printed decimals show, so only their order is checked here; {@link TimingTest} checks the
 * measured values.
 */
class Conv1x1CommandTest {

  @Test
  void timesEveryImplementationAndTheyAgree() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new CnnlabCli());
    cli.setOut(new PrintWriter(out, true));
    int code = cli.execute("conv1x1", "--batch", "2", "--in", "8", "--out", "4", "--size", "10", "--repeats", "1",
        "--warmup", "0", "--threads", "1");
    assertEquals(0, code, out.toString());
    List<String> rows = out.toString().lines().filter(l -> l.startsWith("1x1 ") || l.startsWith("3x3 ")).toList();
    assertEquals(7, rows.size(), out.toString());
    for (String row : rows) {
      String[] cells = row.trim().split("\\s{2,}");
      double diff = Double.parseDouble(cells[cells.length - 1]);
      assertTrue(diff < 1e-4, row);
      double median = Double.parseDouble(cells[cells.length - 4]);
      double min = Double.parseDouble(cells[cells.length - 3]);
      // Rounding to two decimals keeps the order of the measured values.
      assertTrue(min >= 0 && median >= min, "median and fastest ms in " + row);
    }
  }

  @Test
  void nonPositiveSizesAreRejected() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new CnnlabCli());
    cli.setErr(new PrintWriter(err, true));
    assertEquals(2, cli.execute("conv1x1", "--size", "0"));
    assertTrue(err.toString().contains("--size must be >= 1, got 0"), err.toString());
  }

  @Test
  void defaultsAreTheHarnessesAndTheHelpShowsThem() {
    Conv1x1Command command = new Conv1x1Command();
    new CommandLine(command).parseArgs("--in", "8");
    ConvBenchSettings d = ConvBenchSettings.DEFAULTS;
    assertEquals(new ConvBenchSettings(d.batch(), 8, d.out(), d.size(), d.kernel(), d.repeats(), d.warmup()),
        new ConvBenchSettings(command.batch, command.in, command.out, command.size, command.kernel, command.repeats,
            command.warmup));
    assertEquals(Conv1x1Task.SEED, command.seed);
    String help = new CommandLine(new Conv1x1Command()).getUsageMessage();
    assertTrue(help.contains("Examples per batch (default " + d.batch() + ")"), help);
    assertTrue(help.contains("Untimed runs first (default " + d.warmup() + ")"), help);
  }
}
