package io.cnnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The eager and graph executions of the benchmark's LeNet forward compute the same logits. */
class EagerVsGraphTest {
  @Test
  void eagerAndGraphAgree() {
    EagerVsGraph.Comparison c = EagerVsGraph.measure(3, 1, 1, 1);
    assertEquals(3, c.batch());
    assertTrue(c.maxDifference() < 1e-5, "logits differ by " + c.maxDifference());
    assertTrue(c.eager().median() > 0 && c.graph().median() > 0);
  }
}
