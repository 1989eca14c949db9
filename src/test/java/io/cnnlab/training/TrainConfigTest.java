package io.cnnlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cnnlab.graph.ConvFormChoice;
import io.cnnlab.training.optim.LearningRateSchedule;
import io.cnnlab.training.optim.OptimizerKind;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TrainConfigTest {
  private static final TrainConfig BASE = TrainConfig.builder()
      .epochs(10).batchSize(256).optimizer(OptimizerKind.SGD).learningRate(0.9).momentum(0.9)
      .weightDecay(0).schedule(LearningRateSchedule.constant()).seed(42).threads(2).deterministic(false)
      .checkpointEvery(1).build();

  @Test
  void canonicalTextAndHashAreStable() {
    assertEquals("cnnlab-train-4;batchSize=256;optimizer=sgd;learningRate=0.9;weightDecay=0.0;"
        + "schedule=constant;seed=42;execution=convForm=auto;threads=2;towers=auto;deterministic=false",
        BASE.canonical());
    // printf '%s' '<canonical>' | sha256sum
    assertEquals("f15545badc52d1efc94cc83f48ea787d2a7f9e0a3a27a0badf24a19ea525b73d", BASE.hash());
  }

  private static void assertChangesHash(UnaryOperator<TrainConfig.Builder> change) {
    assertNotEquals(BASE.hash(), change.apply(BASE.toBuilder()).build().hash());
  }

  private static void assertKeepsHash(UnaryOperator<TrainConfig.Builder> change) {
    assertEquals(BASE.hash(), change.apply(BASE.toBuilder()).build().hash());
  }

  @Test
  void fieldsThatChangeResultsChangeTheHash() {
    assertChangesHash(b -> b.batchSize(128));
    assertChangesHash(b -> b.optimizer(OptimizerKind.ADAM));
    assertChangesHash(b -> b.learningRate(0.1));
    assertChangesHash(b -> b.weightDecay(1e-4));
    assertChangesHash(b -> b.schedule(LearningRateSchedule.cosine(10, 0)));
    assertChangesHash(b -> b.seed(43));
    assertChangesHash(b -> b.deterministic(true));
  }

  @Test
  void theRequestedExecutionChangesTheHash() {
    // Forms, threads and towers change the last bits of a run: a checkpoint of one is not resumed as another
    assertChangesHash(b -> b.convForm(ConvFormChoice.PLAIN));
    assertChangesHash(b -> b.threads(1));
    assertChangesHash(b -> b.threads(0));
    assertChangesHash(b -> b.towers(2));
  }

  @Test
  void whereToStopAndCheckpointFrequencyDoNot() {
    assertKeepsHash(b -> b.epochs(20));
    assertKeepsHash(b -> b.checkpointEvery(5));
    assertKeepsHash(b -> b.momentum(0.5)); // SGD ignores momentum
  }

  @Test
  void momentumCountsForTheOptimizersThatUseIt() {
    TrainConfig nesterov = BASE.toBuilder().optimizer(OptimizerKind.NESTEROV).build();
    assertNotEquals(nesterov.hash(), nesterov.toBuilder().momentum(0.5).build().hash());
  }

  @Test
  void theRunHashAddsTheIdentity() {
    assertNotEquals(BASE.runHash("lenet;fashion-mnist;n=60000"), BASE.runHash("lenet;fashion-mnist;n=1000"));
    assertEquals(BASE.canonical() + ";identity=x", BASE.canonicalRun("x"));
    assertEquals(TrainConfig.sha256(BASE.canonicalRun("x")), BASE.runHash("x"));
  }

  @Test
  void invalidValuesAreNamedInTheError() {
    assertMessage("epochs must be >= 1, got 0", b -> b.epochs(0));
    assertMessage("learningRate must be a finite number > 0, got -0.1", b -> b.learningRate(-0.1));
    assertMessage("learningRate must be a finite number > 0, got NaN", b -> b.learningRate(Double.NaN));
    assertMessage("momentum must be in [0, 1), got 1.0", b -> b.momentum(1));
    assertMessage("weightDecay must be a finite number >= 0, got -1.0", b -> b.weightDecay(-1));
    assertMessage("batchSize must be >= 1, got 0", b -> b.batchSize(0));
    assertMessage("threads must be >= 1, or 0 for every core, got -1", b -> b.threads(-1));
    assertMessage("towers must be >= 1, or 0 to choose automatically, got -1", b -> b.towers(-1));
    assertMessage("checkpointEvery must be >= 1 epoch, got 0", b -> b.checkpointEvery(0));
    assertMessage("schedule must be given (LearningRateSchedule.constant() for none), got null",
        b -> b.schedule(null));
  }

  private static void assertMessage(String expected, UnaryOperator<TrainConfig.Builder> change) {
    var e = assertThrows(IllegalArgumentException.class, () -> change.apply(BASE.toBuilder()).build());
    assertEquals(expected, e.getMessage());
  }

  @Test
  void optimizerNamesParseCaseInsensitively() {
    assertEquals(OptimizerKind.NESTEROV, OptimizerKind.parse("Nesterov"));
    var e = assertThrows(IllegalArgumentException.class, () -> OptimizerKind.parse("rmsprop"));
    assertEquals("unknown optimizer 'rmsprop'; expected one of sgd, momentum, nesterov, adam", e.getMessage());
  }
}
