package io.cnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.runs.ExperimentRecord.Status;
import io.cnnlab.runs.ExperimentRecord.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verdicts from run results, against hand-computed means, spreads and gaps. */
class VerdictsTest {
  private static final RunSettings NONE = RunSettings.NONE;

  private static Declaration declaration(Declaration.Reference reference, String... variants) {
    return new Declaration(Path.of("x.yaml"), "x", "X", null, Kind.TRAIN, "fashion-mnist", false, List.of(1L, 2L, 3L),
        java.util.Arrays.stream(variants).map(v -> new Declaration.Variant(v, NONE, NONE)).toList(), reference,
        List.of());
  }

  private static Declaration.Reference band(double low, double high, String variant) {
    return new Declaration.Reference("d2l", "test_accuracy", low, high, Map.of(), variant);
  }

  private static List<Map<String, Double>> accuracies(double... xs) {
    return java.util.Arrays.stream(xs).mapToObj(x -> Map.of("test_accuracy", x, "train_loss", 9.0)).toList();
  }

  @Test
  void meanInsideTheBandIsReproducedWithItsSpread() {
    Verdict v = Verdicts.of(declaration(band(0.78, 0.83, "main"), "main"),
        Map.of("main", accuracies(0.80, 0.82, 0.81)), false);
    assertEquals(Status.REPRODUCED, v.status());
    assertEquals(0.81, v.measured(), 1e-12);
    assertArrayEquals(new double[] {0.80, 0.82}, v.spread(), 1e-12);
    assertEquals(0.0, v.gap());
  }

  @Test
  void bandEndsCountAsInside() {
    assertEquals(Status.REPRODUCED, Verdicts.of(declaration(band(0.78, 0.83, "main"), "main"),
        Map.of("main", accuracies(0.78)), false).status());
    assertEquals(Status.REPRODUCED, Verdicts.of(declaration(band(0.0, 0.0, "main"), "main"),
        Map.of("main", accuracies(0.0)), false).status());
  }

  private static Verdict lenetBand(double... seeds) {
    return Verdicts.of(declaration(band(0.78, 0.83, "main"), "main"), Map.of("main", accuracies(seeds)), false);
  }

  @Test
  void aMeanOffAnEndOnlyByFloatingPointRoundingIsInside() {
    // Hand check: the exact means are 0.78 and 0.83; in doubles they land one rounding step outside.
    assertTrue((0.760 + 0.780 + 0.800) / 3 < 0.78, "the low-edge seeds round below 0.78");
    assertTrue((0.761 + 0.899) / 2 > 0.83, "the high-edge seeds round above 0.83");
    Verdict low = lenetBand(0.760, 0.780, 0.800);
    assertEquals(Status.REPRODUCED, low.status(), low.reason());
    assertEquals(0.0, low.gap());
    assertTrue(low.reason().startsWith("inside [0.78, 0.83]"), low.reason());
    Verdict high = lenetBand(0.761, 0.899);
    assertEquals(Status.REPRODUCED, high.status(), high.reason());
    assertEquals(0.0, high.gap());
  }

  @Test
  void aMeanOutsideAnEndByARealMarginIsOutsideAtBothEnds() {
    // 0.0001 (one unit of the finest published decimal) outside, and 1e-8 (ten times the tolerance) outside.
    Verdict low = lenetBand(0.7798, 0.7800);
    assertEquals(Status.OUTSIDE_BAND, low.status());
    assertEquals(-0.0001, low.gap(), 1e-12);
    assertTrue(low.reason().startsWith("below [0.78, 0.83]"), low.reason());
    Verdict high = lenetBand(0.8301, 0.8301);
    assertEquals(Status.OUTSIDE_BAND, high.status());
    assertEquals(0.0001, high.gap(), 1e-12);
    assertTrue(high.reason().startsWith("above [0.78, 0.83]"), high.reason());
    assertEquals(Status.OUTSIDE_BAND, lenetBand(0.78 - 10 * Verdicts.EDGE_TOLERANCE).status());
    assertEquals(Status.OUTSIDE_BAND, lenetBand(0.83 + 10 * Verdicts.EDGE_TOLERANCE).status());
    assertEquals(Status.REPRODUCED, lenetBand(0.78 - Verdicts.EDGE_TOLERANCE / 2).status());
    assertEquals(Status.REPRODUCED, lenetBand(0.83 + Verdicts.EDGE_TOLERANCE / 2).status());
  }

  @Test
  void belowTheBandGivesANegativeGapToTheLowEnd() {
    Verdict v = Verdicts.of(declaration(band(0.78, 0.83, "main"), "main"),
        Map.of("main", accuracies(0.70, 0.74)), false);
    assertEquals(Status.OUTSIDE_BAND, v.status());
    assertEquals(0.72, v.measured(), 1e-12);
    assertEquals(0.72 - 0.78, v.gap(), 1e-12);
    assertTrue(v.reason().contains("below [0.78, 0.83]"), v.reason());
  }

  @Test
  void aboveTheBandGivesAPositiveGapToTheHighEnd() {
    Verdict v = Verdicts.of(declaration(band(0.78, 0.83, "main"), "main"), Map.of("main", accuracies(0.9)), false);
    assertEquals(Status.OUTSIDE_BAND, v.status());
    assertEquals(0.9 - 0.83, v.gap(), 1e-12);
    assertNull(v.spread(), "one seed has no spread");
  }

  @Test
  void onlyTheReferenceVariantIsComparedButEveryVariantIsSummarized() {
    Verdict v = Verdicts.of(declaration(band(0.78, 0.83, "avg"), "avg", "max"),
        Map.of("avg", accuracies(0.80), "max", accuracies(0.95)), false);
    assertEquals(Status.REPRODUCED, v.status());
    assertEquals(0.80, v.measured(), 1e-12);
    assertTrue(v.reason().contains("avg 0.8000") && v.reason().contains("max 0.9500"), v.reason());
  }

  @Test
  void withoutReferenceItIsMeasured() {
    Verdict v = Verdicts.of(declaration(null, "b64", "b128"),
        Map.of("b64", accuracies(0.5, 0.7), "b128", accuracies(0.6)), false);
    assertEquals(Status.MEASURED, v.status());
    assertNull(v.measured(), "no single value stands for two variants");
    assertTrue(v.reason().contains("b64 0.6000 (0.5000-0.7000, 2 seeds)"), v.reason());
  }

  @Test
  void smokeTrainingRunsAreNotComparedWithTheBand() {
    Verdict v = Verdicts.of(declaration(band(0.78, 0.83, "main"), "main"), Map.of("main", accuracies(0.1)), true);
    assertEquals(Status.MEASURED, v.status());
    assertTrue(v.reason().startsWith("smoke run"), v.reason());
  }

  @Test
  void notRunAndFailedCarryTheirReason() {
    assertEquals("why", Verdicts.notRun("why").reason());
    assertEquals(Status.NOT_RUN, Verdicts.notRun("why").status());
    assertEquals(Status.FAILED, Verdicts.failed("boom").status());
    assertEquals("boom", Verdicts.failed("boom").reason());
  }
}
