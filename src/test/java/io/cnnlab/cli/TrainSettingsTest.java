package io.cnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.experiments.Declaration;
import io.cnnlab.experiments.DeclarationReader;
import io.cnnlab.experiments.InvalidDeclarationException;
import io.cnnlab.experiments.Kind;
import io.cnnlab.experiments.PlannedRun;
import io.cnnlab.experiments.RunSettings;
import io.cnnlab.experiments.TrainingJob;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.runs.MetricsColumns;
import io.cnnlab.training.TrainConfig;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code cnnlab train} and a declaration go through the one {@link RunSettings} record: the same settings give
 * the same job and the same configuration hash, the names agree, the earlier names still read, and the help
 * shows the defaults the code trains with.
 */
class TrainSettingsTest {
  private static final long SEED = 7;

  @TempDir Path tmp;

  /** The command after parsing {@code args} (not run). */
  private static TrainCommand parse(String... args) {
    TrainCommand command = new TrainCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  private Declaration declare(String settings) throws IOException {
    Path file = tmp.resolve("same.yaml");
    Files.writeString(file, "id: same\ntitle: Same\nkind: train\ndataset: fashion-mnist\nseeds: [" + SEED + "]\n"
        + "defaults:\n" + settings);
    return DeclarationReader.read(file);
  }

  /** Asserts that the command line and the declaration plan the same run. */
  private void assertSameRun(TrainCommand cli, Declaration d) {
    Path dataRoot = tmp.resolve("data");
    PlannedRun planned = PlannedRun.of(d, d.variants().get(0), SEED, tmp.resolve("reports"), dataRoot, false, "cpu");
    TrainingJob job = cli.job(cli.settings());
    assertEquals(planned.job().config(), job.config(), "TrainConfig");
    assertEquals(planned.job(), job, "TrainingJob");
    Map<String, String> configuration =
        PlannedRun.configuration(Kind.TRAIN, "fashion-mnist", "cpu", false, SEED, cli.settings(), job);
    assertEquals(planned.configuration(), configuration);
    assertEquals(planned.configHash(), PlannedRun.hash(configuration), "configuration hash");
  }

  @Test
  void cliAndDeclarationWithTheSameSettingsPlanTheSameRun() throws IOException {
    Declaration d = declare("""
          model: {type: lenet, activation: relu, pool: max, dropout: 0.25}
          optimizer: momentum
          learningRate: 0.05
          momentum: 0.8
          weightDecay: 0.001
          schedule: "step:2:0.5"
          batchSize: 64
          epochs: 3
          threads: 1
          towers: 1
          deterministic: true
          workers: 1
          trainLimit: 100
          testLimit: 50
        """);
    TrainCommand cli = parse("--data-root", tmp.resolve("data").toString(), "--seed", Long.toString(SEED),
        "--activation", "relu", "--pool", "max", "--dropout", "0.25", "--optimizer", "momentum",
        "--learning-rate", "0.05", "--momentum", "0.8", "--weight-decay", "0.001", "--schedule", "step:2:0.5",
        "--batch-size", "64", "--epochs", "3", "--threads", "1", "--towers", "1", "--deterministic",
        "--workers", "1", "--train-limit", "100", "--test-limit", "50");
    assertSameRun(cli, d);
    assertEquals(0.05, cli.job(cli.settings()).config().learningRate(), "the rate given, not a default");
    assertTrue(cli.job(cli.settings()).config().execution().deterministic());
  }

  @Test
  void cliDefaultsAreTheDeclarationDefaults() throws IOException {
    // Nothing given on either side: the options' defaults must be the ones TrainConfig and RunSettings fill in.
    assertSameRun(parse("--data-root", tmp.resolve("data").toString(), "--seed", Long.toString(SEED)),
        declare("  model: {type: lenet}\n"));
  }

  @Test
  void aDifferentSettingGivesAnotherHash() throws IOException {
    Declaration d = declare("  model: {type: lenet}\n");
    PlannedRun planned = PlannedRun.of(d, d.variants().get(0), SEED, tmp, tmp.resolve("data"), false, "cpu");
    TrainCommand cli = parse("--data-root", tmp.resolve("data").toString(), "--seed", Long.toString(SEED),
        "--learning-rate", "0.1");
    assertNotEquals(planned.configHash(), PlannedRun.hash(
        PlannedRun.configuration(Kind.TRAIN, "fashion-mnist", "cpu", false, SEED, cli.settings(), cli.job(cli.settings()))));
  }

  @Test
  void earlierNamesStillRead() throws IOException {
    assertEquals(parse("--learning-rate", "0.1", "--batch-size", "32").settings(),
        parse("--lr", "0.1", "--batch", "32").settings(), "--lr and --batch are aliases");
    RunSettings old = declare("  model: {type: lenet}\n  lr: 0.1\n  batch: 32\n").variants().get(0).settings();
    RunSettings now = declare("  model: {type: lenet}\n  learningRate: 0.1\n  batchSize: 32\n").variants().get(0).settings();
    assertEquals(now, old);
    assertEquals(0.1, old.learningRate());
    assertEquals(32, old.batchSize());
    assertEquals(List.of("model", "learningRate", "batchSize"), List.copyOf(old.given().keySet()),
        "the manifest writes the current names");
    InvalidDeclarationException both = assertThrows(InvalidDeclarationException.class,
        () -> declare("  model: {type: lenet}\n  lr: 0.1\n  learningRate: 0.2\n"));
    assertTrue(both.getMessage().contains("keys 'lr' and 'learningRate' in defaults name the same setting"), both.getMessage());
  }

  @Test
  void optionsAreTheSettingNamesInKebabCase() {
    CommandLine.Model.CommandSpec spec = new CommandLine(new TrainCommand()).getCommandSpec();
    List<String> names = new ArrayList<>();
    for (RecordComponent c : RunSettings.class.getRecordComponents()) {
      if (Kind.TRAIN.settingKeys().contains(c.getName()) && !c.getName().equals("model")) {
        names.add(c.getName());
      }
    }
    for (RecordComponent c : ModelSettings.class.getRecordComponents()) {
      names.add(c.getName().equals("type") ? "model" : c.getName());
    }
    for (String name : names) {
      assertNotNull(spec.findOption(RunSettings.option(name)), "option for setting " + name);
    }
    assertEquals("--learning-rate", RunSettings.option("learningRate"));
    assertEquals("--batch-norm", RunSettings.option("batchNorm"));
    assertTrue(MetricsColumns.HEADER.contains("learning_rate"), "the CSV column of the rate: " + MetricsColumns.HEADER);
  }

  @Test
  void aBadValueIsNamedByItsOption() {
    java.io.StringWriter err = new java.io.StringWriter();
    CommandLine cli = new CommandLine(new CnnlabCli());
    cli.setErr(new java.io.PrintWriter(err));
    cli.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
    assertEquals(2, cli.execute("train", "--data-root", tmp.toString(), "--learning-rate", "-1"));
    assertTrue(err.toString().startsWith("cnnlab train: --learning-rate must be a finite number > 0, got -1.0"),
        err.toString());
  }

  @Test
  void helpShowsTheDefaultsTheCodeTrainsWith() {
    String help = new CommandLine(new TrainCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    TrainConfig defaults = TrainConfig.builder().build();
    assertTrue(help(help, "--learning-rate").contains("(" + defaults.learningRate() + ";"), help);
    assertTrue(help(help, "--batch-size").contains("(" + defaults.batchSize() + ";"), help);
    assertFalse(help.contains("--lr="), "one name per setting in the help: " + help);
    assertTrue(help(help, "--epochs").contains("(" + defaults.epochs() + ")"), help);
    assertTrue(help(help, "--momentum").contains("(" + defaults.momentum() + ")"), help);
    assertTrue(help(help, "--seed").contains("(" + defaults.seed() + ")"), help);
    assertTrue(help(help, "--optimizer").contains("(" + defaults.optimizer().name().toLowerCase(Locale.ROOT) + ")"),
        help);
    assertTrue(help(help, "--weight-decay").contains("(" + defaults.weightDecay() + ")"), help);
  }

  /** The help entry of {@code option}: its line and the wrapped lines after it, up to the next option. */
  private static String help(String usage, String option) {
    String[] lines = usage.split("\n");
    StringBuilder entry = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].matches("\\s*(-\\w, )?" + option + "[=, ].*")) {
        entry.append(lines[i]);
        for (int j = i + 1; j < lines.length && !lines[j].trim().startsWith("-"); j++) {
          entry.append(' ').append(lines[j].trim());
        }
        return entry.toString().replaceAll("\\s+", " ");
      }
    }
    throw new AssertionError("no option " + option + " in:\n" + usage);
  }
}
