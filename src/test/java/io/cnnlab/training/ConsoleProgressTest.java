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
}
