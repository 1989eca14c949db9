package io.cnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cnnlab.data.DatasetId;
import io.cnnlab.data.Fixtures;
import io.cnnlab.experiments.DeclarationReader;
import io.cnnlab.experiments.EnvironmentProbe;
import io.cnnlab.experiments.Harness;
import io.cnnlab.experiments.HarnessFixture;
import io.cnnlab.experiments.RunExecutor;
import io.cnnlab.experiments.RunSettings;
import io.cnnlab.experiments.SingleRun;
import io.cnnlab.experiments.SweepOptions;
import io.cnnlab.experiments.TensorFlowRunExecutor;
import io.cnnlab.experiments.TrainingJob;
import io.cnnlab.graph.Machine;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.reports.BundleRenderer;
import io.cnnlab.runs.RunAttempt;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.runs.RunLock;
import io.cnnlab.runs.RunManifest;
import io.cnnlab.testing.ChildProcess;
import io.cnnlab.training.TrainListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per run and per reports folder, between real processes: a child JVM holds the lock while it trains,
 * blocked until the test lets it go, and a second, the real {@code cnnlab} command, is refused at once naming it;
 * the first then completes as if alone.
 */
class OneWriterTest {
  private static final Duration LIMIT = Duration.ofSeconds(240);

  @TempDir Path tmp;

  /** Writes this process's id to {@code started}, then waits for the file {@code go} to appear. */
  static void signalAndWait(Path started, Path go) {
    try {
      Files.writeString(started, Long.toString(ProcessHandle.current().pid()));
      for (long end = System.nanoTime() + LIMIT.toNanos(); !Files.exists(go); Thread.sleep(50)) {
        if (System.nanoTime() > end) {
          throw new IllegalStateException("the test never created " + go);
        }
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code cnnlab train --out args[1]} on the data in {@code args[0]}, holding still at its start (args 2, 3). */
  public static final class BlockedTrain {
    public static void main(String[] args) throws IOException {
      RunSettings s = new RunSettings(ModelSettings.of("lenet"), null, 0.1, null, null, null, 16, 2, 1, null, true,
          null, 0, 64, 32, null, null);
      TrainingJob job = s.job(DatasetId.FASHION_MNIST, Path.of(args[0]), 1);
      Machine machine = Machine.detect();
      TrainListener hold = new TrainListener() {
        @Override
        public void onStart(RunStart start) {
          signalAndWait(Path.of(args[2]), Path.of(args[3]));
        }
      };
      SingleRun.train(s, job, job.execution(machine), EnvironmentProbe.detect(machine),
          RunLock.Writer.thisProcess(System.getenv(), RunLock.DEFAULT_STALE), Path.of(args[1]), List.of(hold), null);
    }
  }

  /** {@code cnnlab reproduce} of the declarations in args[0] into args[1], its first run held still (args 3, 4). */
  public static final class BlockedSweep {
    public static void main(String[] args) throws IOException {
      RunExecutor held = HarnessFixture.beforeTraining(new TensorFlowRunExecutor(null, Machine::detect),
          listeners -> signalAndWait(Path.of(args[3]), Path.of(args[4])));
      Harness harness = new Harness(held, new BundleRenderer(), () -> EnvironmentProbe.detect(Machine.detect()),
          RunLock.Writer.thisProcess(System.getenv(), RunLock.DEFAULT_STALE), System.out, false);
      System.exit(harness.sweep(DeclarationReader.readAll(Path.of(args[0])),
          new SweepOptions(Path.of(args[1]), Path.of(args[2]), false, null, false, "cpu")).exitCode());
    }
  }

  private static ProcessBuilder java(String mainClass, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), mainClass));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd);
  }

  private static CompletableFuture<ChildProcess.Result> background(ProcessBuilder pb) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return ChildProcess.run(pb, LIMIT);
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The pid the held child wrote once it held its lock; fails with its output if it ended first. */
  private static long awaitStarted(Path started, CompletableFuture<ChildProcess.Result> child) throws Exception {
    for (long end = System.nanoTime() + LIMIT.toNanos(); System.nanoTime() < end; Thread.sleep(50)) {
      if (Files.exists(started) && !Files.readString(started).isEmpty()) {
        return Long.parseLong(Files.readString(started));
      }
      if (child.isDone()) {
        ChildProcess.Result r = child.get();
        fail("the first writer ended (" + r.status() + ") before it held its lock:\n" + r.out() + r.err());
      }
    }
    return fail("the first writer did not start within " + LIMIT.toSeconds() + " s");
  }

  @Test
  void aSecondCnnlabTrainOnTheSameOutIsRefusedNamingTheHolderAndTheFirstTrainsAlone() throws Exception {
    Path data = tmp.resolve("data");
    Fixtures.writeMnistLayout(data, "fashion-mnist", 64, 32, false, 5);
    Path out = tmp.resolve("out");
    CompletableFuture<ChildProcess.Result> first = background(java(BlockedTrain.class.getName(), data.toString(),
        out.toString(), tmp.resolve("started").toString(), tmp.resolve("go").toString()));
    long holder = awaitStarted(tmp.resolve("started"), first);

    ChildProcess.Result second = ChildProcess.run(java(CnnlabCli.class.getName(), "train", "--data-root",
        data.toString(), "--out", out.toString(), "--epochs", "2", "--batch-size", "16", "--train-limit", "64",
        "--test-limit", "32", "--threads", "1", "--workers", "0"), LIMIT);
    Files.createFile(tmp.resolve("go"));
    ChildProcess.Result done = first.get(LIMIT.toSeconds(), TimeUnit.SECONDS);

    assertEquals(TrainCommand.LOCKED, second.status(), second.out() + second.err());
    assertTrue(second.err().contains(out + " is being written by another process; not run: "
        + RunLock.ofRun(out) + " is held by host "), second.err());
    assertTrue(second.err().contains(", job local, pid " + holder + ", since "), second.err());
    assertEquals(0, done.status(), done.out() + done.err());
    assertEquals(List.of("1", "2"), Files.readAllLines(new RunFolder(out).metrics()).stream().skip(1)
        .map(l -> l.substring(0, l.indexOf(','))).toList(), "each epoch once");
    List<RunAttempt> attempts = RunManifest.read(new RunFolder(out).manifest()).attempts();
    assertEquals(1, attempts.size(), "the refused process is no attempt: " + attempts);
    assertEquals(holder, attempts.get(0).pid());
    assertEquals(RunAttempt.COMPLETED, attempts.get(0).status());
    assertFalse(Files.exists(RunLock.ofRun(out)), "released");
  }

  @Test
  void aSecondSweepOnTheSameReportsFolderIsRefusedNamingTheHolderAndTheFirstEndsWithItsVerdict() throws Exception {
    Path data = tmp.resolve("data");
    Fixtures.writeMnistLayout(data, "fashion-mnist", 64, 32, false, 5);
    Path declarations = Files.createDirectories(tmp.resolve("reproductions"));
    Files.writeString(declarations.resolve("tiny.yaml"), """
        id: tiny
        title: A tiny LeNet
        kind: train
        dataset: fashion-mnist
        defaults: {model: {type: lenet}, epochs: 2, batchSize: 16, trainLimit: 64, testLimit: 32, threads: 1,
          workers: 0, learningRate: 0.1}
        seeds: [1]
        reference: {source: a band every accuracy is in, metric: test_accuracy, low: 0, high: 1}
        """);
    Path reports = tmp.resolve("reports");
    CompletableFuture<ChildProcess.Result> first = background(java(BlockedSweep.class.getName(),
        declarations.toString(), reports.toString(), data.toString(), tmp.resolve("started").toString(),
        tmp.resolve("go").toString()));
    long holder = awaitStarted(tmp.resolve("started"), first);

    String[] reproduce = {"reproduce", "tiny", "--declarations", declarations.toString(), "--reports",
        reports.toString(), "--data-root", data.toString()};
    ChildProcess.Result second = ChildProcess.run(java(CnnlabCli.class.getName(), reproduce), LIMIT);
    Files.createFile(tmp.resolve("go"));
    ChildProcess.Result done = first.get(LIMIT.toSeconds(), TimeUnit.SECONDS);

    assertEquals(ReproduceCommand.LOCKED, second.status(), second.out() + second.err());
    assertTrue(second.err().contains(reports + " is being written by another sweep; nothing run: "
        + RunLock.ofSweep(reports) + " is held by host "), second.err());
    assertTrue(second.err().contains(", job local, pid " + holder + ", since "), second.err());
    assertEquals(0, done.status(), done.out() + done.err());
    List<String> verdicts = Files.readAllLines(reports.resolve("verdicts.csv"));
    assertEquals(2, verdicts.size(), verdicts.toString());
    assertTrue(verdicts.get(1).startsWith("tiny,A tiny LeNet,train,false,REPRODUCED,"), verdicts.get(1));
    RunManifest run = RunManifest.read(reports.resolve("tiny/main-seed1/manifest.json"));
    assertTrue(run.isFinished());
    assertEquals(List.of(holder), run.attempts().stream().map(RunAttempt::pid).toList());
    assertFalse(Files.exists(RunLock.ofSweep(reports)), "released");

    ChildProcess.Result again = ChildProcess.run(java(CnnlabCli.class.getName(), reproduce), LIMIT);
    assertEquals(0, again.status(), again.out() + again.err());
    assertTrue(Files.readAllLines(reports.resolve("verdicts.csv")).get(1).contains(",REPRODUCED,"));
    assertEquals(1, RunManifest.read(reports.resolve("tiny/main-seed1/manifest.json")).attempts().size(),
        "the finished run is reused, not trained again");
  }
}
