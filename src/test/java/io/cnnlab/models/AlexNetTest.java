package io.cnnlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.graph.ModelOutputs;
import io.cnnlab.tf.Tensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

class AlexNetTest {
  private static final long TEXTBOOK_PARAMETERS = 46_764_746L;

  @Test
  void textbookHas46764746ParametersInTheTextbookShapes() {
    Map<String, long[]> expected = new LinkedHashMap<>();
    expected.put("conv1_kernel", new long[] {11, 11, 1, 96});
    expected.put("conv2_kernel", new long[] {5, 5, 96, 256});
    expected.put("conv3_kernel", new long[] {3, 3, 256, 384});
    expected.put("conv4_kernel", new long[] {3, 3, 384, 384});
    expected.put("conv5_kernel", new long[] {3, 3, 384, 256});
    expected.put("dense1_kernel", new long[] {256 * 5 * 5, 4096});
    expected.put("dense2_kernel", new long[] {4096, 4096});
    expected.put("dense3_kernel", new long[] {4096, 10});
    try (BuiltModel b = BuiltModel.of(new AlexNet(AlexNetConfig.textbook()), 1)) {
      Map<String, long[]> actual = GraphVariables.shapes(b.graph());
      assertEquals(16, actual.size());
      expected.forEach((name, shape) -> {
        assertArrayEquals(shape, actual.get(name), name);
        String bias = name.replace("_kernel", "_bias");
        assertArrayEquals(new long[] {shape[shape.length - 1]}, actual.get(bias), bias);
      });
      assertEquals(TEXTBOOK_PARAMETERS, GraphVariables.trainableCount(b.graph()));
      assertEquals(List.copyOf(expected.keySet()),
          b.outputs().decayedWeights().stream().map(w -> w.op().name()).toList());
    }
    assertEquals(TEXTBOOK_PARAMETERS, AlexNetConfig.textbook().parameterCount());
  }

  @Test
  void tapsHaveTheTextbookStaticShapes() {
    // d2l 2.0 §7.1 prints these for a 224x224 input (NCHW there).
    Map<String, long[]> expected = new LinkedHashMap<>();
    expected.put("resize1", new long[] {224, 224, 1});
    expected.put("conv1", new long[] {54, 54, 96});
    expected.put("relu1", new long[] {54, 54, 96});
    expected.put("maxpool1", new long[] {26, 26, 96});
    expected.put("conv2", new long[] {26, 26, 256});
    expected.put("relu2", new long[] {26, 26, 256});
    expected.put("maxpool2", new long[] {12, 12, 256});
    expected.put("conv3", new long[] {12, 12, 384});
    expected.put("relu3", new long[] {12, 12, 384});
    expected.put("conv4", new long[] {12, 12, 384});
    expected.put("relu4", new long[] {12, 12, 384});
    expected.put("conv5", new long[] {12, 12, 256});
    expected.put("relu5", new long[] {12, 12, 256});
    expected.put("maxpool3", new long[] {5, 5, 256});
    expected.put("flatten1", new long[] {6400});
    expected.put("dense1", new long[] {4096});
    expected.put("relu6", new long[] {4096});
    expected.put("dropout1", new long[] {4096});
    expected.put("dense2", new long[] {4096});
    expected.put("relu7", new long[] {4096});
    expected.put("dropout2", new long[] {4096});
    expected.put("dense3", new long[] {10});
    try (BuiltModel b = BuiltModel.of(new AlexNet(AlexNetConfig.textbook()), 1)) {
      List<ModelOutputs.Tap> taps = b.outputs().taps();
      assertEquals(List.copyOf(expected.keySet()), taps.stream().map(ModelOutputs.Tap::name).toList());
      for (ModelOutputs.Tap t : taps) {
        long[] s = t.output().shape().asArray();
        assertArrayEquals(expected.get(t.name()), java.util.Arrays.copyOfRange(s, 1, s.length), t.name());
      }
    }
  }

  @Test
  void theLayerSpecCountEqualsTheVariablesActuallyCreated() {
    for (AlexNetConfig c : List.of(AlexNetConfig.textbook().withChannels(3).withClasses(100),
        AlexNetConfig.textbook().withLrn(true).withWidth(0.5),
        AlexNetConfig.textbook().withInputSize(112).withWidth(0.1),
        AlexNetConfig.textbook().withInputSize(65).withWidth(0.03))) {
      try (BuiltModel b = BuiltModel.of(new AlexNet(c), 1)) {
        assertEquals(c.parameterCount(), GraphVariables.trainableCount(b.graph()), c.toString());
      }
    }
  }

  @Test
  void theBudgetRuleLandsWithinOnePercentAndNoWidthComesCloser() {
    long budget = Math.round(TEXTBOOK_PARAMETERS / 256.0);
    AlexNetConfig c = AlexNetConfig.forBudget(budget, AlexNetConfig.BUDGET_INPUT_SIZE, 1, 10);
    long count = c.parameterCount();
    assertTrue(Math.abs(count - budget) <= budget / 100, count + " vs budget " + budget);
    // Independent check: scan widths finely; none may land closer than the rule's choice.
    long best = Long.MAX_VALUE;
    for (double w = 0.01; w < 0.3; w += 2e-5) {
      best = Math.min(best, Math.abs(c.withWidth(w).parameterCount() - budget));
    }
    assertEquals(best, Math.abs(count - budget));
    assertEquals(112, c.inputSize());
    assertEquals(10, c.classes());
    // Bigger budgets land closer still; textbook budget at 224 gives width 1.
    assertEquals(1.0, AlexNetConfig.forBudget(TEXTBOOK_PARAMETERS, 224, 1, 10).parameterCount()
        / (double) TEXTBOOK_PARAMETERS, 1e-4);
    var e = assertThrows(IllegalArgumentException.class, () -> AlexNetConfig.forBudget(100, 112, 1, 10));
    assertTrue(e.getMessage().contains("below the smallest AlexNet"), e.getMessage());
  }

  @Test
  void inputsThatCollapseTheFeatureMapAreRejected() {
    assertEquals(65, AlexNetConfig.minimumInputSize());
    var e = assertThrows(IllegalArgumentException.class, () -> AlexNetConfig.textbook().withInputSize(64));
    assertTrue(e.getMessage().contains("input size 64") && e.getMessage().contains(">= 65"), e.getMessage());
    assertEquals(1, AlexNetConfig.textbook().withInputSize(65).finalSide());
    assertEquals(2, AlexNetConfig.textbook().withInputSize(112).finalSide());
    assertEquals(5, AlexNetConfig.textbook().finalSide());
  }

  @Test
  void aBudgetModelWithLrnRunsForwardOnFashionMnistSizedImages() {
    AlexNetConfig c = AlexNetConfig.forBudget(Math.round(TEXTBOOK_PARAMETERS / 256.0), 112, 1, 10)
        .withImageSize(28).withLrn(true);
    try (BuiltModel b = BuiltModel.of(new AlexNet(c), 1); Session session = new Session(b.graph());
        TFloat32 x = Tensors.floats(BuiltModel.images(2, 28, 1, 3), 2, 28, 28, 1)) {
      assertEquals(List.of("resize1", "conv1", "relu1", "lrn1", "maxpool1", "conv2", "relu2", "lrn2", "maxpool2"),
          b.outputs().taps().stream().map(ModelOutputs.Tap::name).toList().subList(0, 9));
      session.initialize();
      for (boolean training : new boolean[] {false, true}) {
        try (TBool flag = TBool.scalarOf(training);
            Result r = session.runner().feed(b.images(), x).feed(b.training(), flag)
                .fetch(b.outputs().logits()).run()) {
          assertArrayEquals(new long[] {2, 10}, r.get(0).shape().asArray());
          for (float v : Tensors.toFloats(r.get(0))) {
            assertTrue(Float.isFinite(v));
          }
        }
      }
    }
  }
}
