package io.cnnlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
  @Test
  void theProgressLineShowsRateAndEtaOfTheWholeRun() {
    // Epoch 1 of 2, step 5 of 10, 640 samples in 0.5 s: 1,280 img/s; 5 + 10 steps left at 0.1 s each.
    var p = new TrainListener.StepProgress(1, 2, 5, 10, 640, 500_000_000L, 0.53214, 0.8125, 0.1);
    assertEquals("epoch 1/2 [==========>         ] 5/10 loss 0.5321 acc 81.3% 1,280 img/s ETA 0:02",
        ConsoleProgress.progressLine(p));
  }

  @Test
  void clockFormatsMinutesAndHours() {
    assertEquals("0:42", ConsoleProgress.clock(42.4));
    assertEquals("2:05", ConsoleProgress.clock(125));
    assertEquals("1:01:01", ConsoleProgress.clock(3661));
  }

  @Test
  void onATerminalTheLineIsRedrawnAndClearedBeforeTheEpochLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    progress.onStart(new TrainListener.RunStart(1, 1, 2, 20, List.of()));
    progress.onStep(new TrainListener.StepProgress(1, 1, 2, 2, 20, 1_000_000L, 1.0, 0.5, 0.9));
    progress.onEpochEnd(new EpochMetrics(1, new EpochMetrics.Pass(1.0, 0.5), new EpochMetrics.Pass(1.1, 0.4),
        new EpochMetrics.Timing(20_000, 0.01, 0, 0, 0.001, 0.002, 0.003), 0.9));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("\repoch 1/1 [====================] 2/2 loss 1.0000"), out);
    assertTrue(out.contains("\r\u001b[Kepoch 1/1 loss 1.0000 train acc 0.500 test loss 1.1000 test acc 0.400 | "
        + "20,000 img/s | 0.0 s (wait 0.00, feed 0.00, step 0.00, eval 0.00, checkpoint 0.00) | learning rate 0.9000\n"), out);
  }

  @Test
  void withoutATerminalAPlainLineComesAtTheFirstStepFifteenSecondsAfterThePrevious() {
    // A made-up clock: each step takes 4 s, so lines fall at the first step at least 15 s after the last one
    // (steps 4, 8, 12: 16 s apart, inside the 10 to 30 s the logs need), and the epoch's end starts the count again.
    long[] now = {0};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress progress =
        new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, () -> now[0]);
    progress.onStart(new TrainListener.RunStart(2, 1, 12, 1200, List.of()));
    for (int step = 1; step <= 12; step++) {
      now[0] += 4_000_000_000L;
      progress.onStep(new TrainListener.StepProgress(1, 2, step, 12, 100L * step, now[0], 0.5, 0.75, 0.1));
    }
    progress.onEpochEnd(new EpochMetrics(1, new EpochMetrics.Pass(0.5, 0.75), new EpochMetrics.Pass(0.6, 0.7),
        new EpochMetrics.Timing(25, 48, 0, 0, 48, 0, 0), 0.1));
    now[0] += 14_000_000_000L;
    progress.onStep(new TrainListener.StepProgress(2, 2, 1, 12, 100, 14_000_000_000L, 0.4, 0.8, 0.1));
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    // Step 4: 400 images in 16 s = 25 img/s; 8 + 12 steps left at 4 s each = 80 s.
    assertEquals(List.of("epoch 1/2 step 4/12 loss 0.5000 acc 75.0% 25 img/s ETA 1:20",
        "epoch 1/2 step 8/12 loss 0.5000 acc 75.0% 25 img/s ETA 1:04",
        "epoch 1/2 step 12/12 loss 0.5000 acc 75.0% 25 img/s ETA 0:48"), List.of(lines).subList(0, 3));
    assertEquals(4, lines.length, "the epoch line, then no line 14 s into the next epoch: " + List.of(lines));
    assertTrue(lines[3].startsWith("epoch 1/2 loss 0.5000 train acc 0.750"), lines[3]);
    assertTrue(!bytes.toString(StandardCharsets.UTF_8).contains("\r"), "plain lines are never redrawn");
  }
}
