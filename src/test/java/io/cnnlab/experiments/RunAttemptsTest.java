package io.cnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.DatasetId;
import io.cnnlab.data.Fixtures;
import io.cnnlab.graph.Machine;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.runs.MetricsColumns;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * manifest.json's attempts, from real training runs of a tiny LeNet on generated Fashion-MNIST files: one entry per
 * process, each with the epochs it trained; metrics.csv keeps each epoch once however often the run was resumed.
 */
class RunAttemptsTest {
  private static final int EPOCHS = 4;

  @TempDir Path tmp;

  /** LeNet, 4 epochs of 64 images in batches of 16, deterministic, one thread, no loader threads. */
  static RunSettings settings() {
    return new RunSettings(ModelSettings.of("lenet"), null, 0.1, null, null, null, 16, EPOCHS, 1, null, true, null,
        0, 64, 32, null, null);
  }

  /** Trains (or resumes) into {@code out} as {@code cnnlab train --out} does, with {@code extra} listening. */
  static void train(Path data, Path out, List<TrainListener> extra) throws IOException {
    RunSettings s = settings();
    TrainingJob job = s.job(DatasetId.FASHION_MNIST, data, 1);
    SingleRun.train(s, job, job.execution(Machine.detect()), HarnessFixture.ENVIRONMENT,
        RunLock.Writer.thisProcess(System.getenv(), RunLock.DEFAULT_STALE), out, extra, null);
  }

  /** Throws in the first step of {@code epoch}: the run stops after epoch {@code epoch - 1}. */
  private static TrainListener stopAt(int epoch) {
    return new TrainListener() {
      @Override
      public void onStep(StepProgress p) {
        if (p.epoch() == epoch) {
          throw new IllegalStateException("stopped by the test in epoch " + epoch);
        }
      }
    };
  }

  static List<Integer> metricsEpochs(Path out) throws IOException {
    List<String> lines = Files.readAllLines(new RunFolder(out).metrics());
    assertEquals(String.join(",", MetricsColumns.HEADER), lines.get(0));
    List<Integer> epochs = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      epochs.add(Integer.parseInt(line.substring(0, line.indexOf(','))));
    }
    return epochs;
  }

  static List<RunAttempt> attempts(Path out) throws IOException {
    return RunManifest.read(new RunFolder(out).manifest()).attempts();
  }

  @Test
  void aRunStoppedAfterEpoch2Of4AndResumedHasTwoAttemptsThenOneThatTrainedNothing() throws IOException {
    Path data = tmp.resolve("data");
    Fixtures.writeMnistLayout(data, "fashion-mnist", 64, 32, false, 3);
    Path out = tmp.resolve("out");
    assertThrows(IllegalStateException.class, () -> train(data, out, List.of(stopAt(3))));
    List<RunAttempt> first = attempts(out);
    assertEquals(1, first.size(), first.toString());
    assertEquals(RunAttempt.FAILED, first.get(0).status());
    assertTrue(first.get(0).error().contains("stopped by the test in epoch 3"), first.get(0).error());
    assertEquals(List.of(1, 2), first.get(0).epochs());

    train(data, out, List.of());
    List<RunAttempt> two = attempts(out);
    assertEquals(2, two.size(), two.toString());
    assertEquals(first.get(0), two.get(0), "the earlier attempt is kept as it was");
    RunAttempt second = two.get(1);
    assertEquals(2, second.startedAfterEpoch());
    assertEquals(List.of(3, 4), second.epochs());
    assertEquals(RunAttempt.COMPLETED, second.status());
    assertEquals(ProcessHandle.current().pid(), second.pid());
    assertTrue(second.endedAt() != null && second.endedAt().compareTo(second.startedAt()) >= 0, second.toString());
    assertEquals(List.of(1, 2, 3, 4), metricsEpochs(out));
    RunManifest m = RunManifest.read(new RunFolder(out).manifest());
    assertEquals(RunManifest.FINISHED, m.status());
    assertEquals(EPOCHS, m.epochsCompleted());

    train(data, out, List.of());
    List<RunAttempt> three = attempts(out);
    assertEquals(3, three.size(), three.toString());
    assertEquals(EPOCHS, three.get(2).startedAfterEpoch());
    assertEquals(List.of(), three.get(2).epochs(), "nothing left to train");
    assertEquals(RunAttempt.COMPLETED, three.get(2).status());
    assertEquals(List.of(1, 2, 3, 4), metricsEpochs(out));
  }

  /**
   * A child JVM training into {@code args[1]} from the data in {@code args[0]}; with {@code args[2]} = TERM or KILL
   * it sends itself that signal in the first step of epoch 3, then waits to be ended.
   */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      List<TrainListener> extra = new ArrayList<>();
      if (args.length > 2) {
        extra.add(new TrainListener() {
          @Override
          public void onStep(StepProgress p) {
            if (p.epoch() == 3) {
              try {
                new ProcessBuilder("kill", "-" + args[2], Long.toString(ProcessHandle.current().pid())).start()
                    .waitFor();
                Thread.sleep(60_000); // the signal ends this JVM first
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            }
          }
        });
      }
      train(Path.of(args[0]), Path.of(args[1]), extra);
    }
  }

  private ChildProcess.Result child(Path data, Path out, String... signal) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Child.class.getName(), data.toString(), out.toString()));
    cmd.addAll(List.of(signal));
    return ChildProcess.run(new ProcessBuilder(cmd), Duration.ofSeconds(180));
  }

  @Test
  void aProcessEndedBySigtermRecordsItsInterruptionAndOneKilledIsMarkedVanishedByTheNext() throws Exception {
    Path data = tmp.resolve("data");
    Fixtures.writeMnistLayout(data, "fashion-mnist", 64, 32, false, 3);
    Path out = tmp.resolve("out");

    ChildProcess.Result term = child(data, out, "TERM");
    assertEquals(128 + 15, term.status(), term.err());
    RunManifest interrupted = RunManifest.read(new RunFolder(out).manifest());
    assertEquals(RunManifest.INTERRUPTED, interrupted.status());
    RunAttempt a = interrupted.attempts().get(0);
    assertEquals(RunAttempt.INTERRUPTED, a.status());
    assertEquals(List.of(1, 2), a.epochs());
    assertTrue(a.endedAt() != null, a.toString());

    ChildProcess.Result kill = child(data, out, "KILL"); // resumes after epoch 2, is killed in epoch 3
    assertEquals(128 + 9, kill.status(), kill.err());
    RunAttempt killed = attempts(out).get(1);
    assertEquals(RunAttempt.RUNNING, killed.status(), "a killed process cannot say so");
    assertEquals(2, killed.startedAfterEpoch());

    ChildProcess.Result last = child(data, out);
    assertEquals(0, last.status(), last.err());
    List<RunAttempt> all = attempts(out);
    assertEquals(List.of(RunAttempt.INTERRUPTED, RunAttempt.VANISHED, RunAttempt.COMPLETED),
        all.stream().map(RunAttempt::status).toList());
    assertNull(all.get(1).endedAt());
    assertEquals(List.of(), all.get(1).epochs());
    assertTrue(all.get(1).error().contains("found still running by the next attempt"), all.get(1).error());
    assertEquals(2, all.get(2).startedAfterEpoch());
    assertEquals(List.of(3, 4), all.get(2).epochs());
    assertTrue(all.stream().map(RunAttempt::pid).distinct().count() == 3, "three processes: " + all);
    assertEquals(List.of(1, 2, 3, 4), metricsEpochs(out));
  }
}
