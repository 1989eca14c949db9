package io.cnnlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.graph.ModelOutputs;
import io.cnnlab.nn.Activation;
import io.cnnlab.nn.Pooling;
import io.cnnlab.tf.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

class LeNetTest {
  @Test
  void textbookHas61706ParametersInTheTextbookShapes() {
    Map<String, long[]> expected = new LinkedHashMap<>();
    expected.put("conv1_bias", new long[] {6});
    expected.put("conv1_kernel", new long[] {5, 5, 1, 6});
    expected.put("conv2_bias", new long[] {16});
    expected.put("conv2_kernel", new long[] {5, 5, 6, 16});
    expected.put("dense1_bias", new long[] {120});
    expected.put("dense1_kernel", new long[] {16 * 5 * 5, 120});
    expected.put("dense2_bias", new long[] {84});
    expected.put("dense2_kernel", new long[] {120, 84});
    expected.put("dense3_bias", new long[] {10});
    expected.put("dense3_kernel", new long[] {84, 10});
    try (BuiltModel b = BuiltModel.of(new LeNet(LeNetConfig.textbook()), 1)) {
      Map<String, long[]> actual = GraphVariables.shapes(b.graph());
      assertEquals(expected.keySet(), actual.keySet());
      expected.forEach((name, shape) -> assertArrayEquals(shape, actual.get(name), name));
      // d2l 2.0 §6.6 prints 61,706 = 156 + 2,416 + 48,120 + 10,164 + 850.
      assertEquals(61_706, GraphVariables.trainableCount(b.graph()));
      List<String> decayed = b.outputs().decayedWeights().stream().map(w -> w.op().name()).toList();
      assertEquals(List.of("conv1_kernel", "conv2_kernel", "dense1_kernel", "dense2_kernel", "dense3_kernel"), decayed);
      assertTrue(b.outputs().trainingUpdates().isEmpty());
    }
  }

  @Test
  void everyTapHasTheTextbookShapeOnABatchOfTwo() {
    Map<String, long[]> expected = new LinkedHashMap<>();
    expected.put("conv1", new long[] {2, 28, 28, 6});
    expected.put("sigmoid1", new long[] {2, 28, 28, 6});
    expected.put("avgpool1", new long[] {2, 14, 14, 6});
    expected.put("conv2", new long[] {2, 10, 10, 16});
    expected.put("sigmoid2", new long[] {2, 10, 10, 16});
    expected.put("avgpool2", new long[] {2, 5, 5, 16});
    expected.put("flatten1", new long[] {2, 400});
    expected.put("dense1", new long[] {2, 120});
    expected.put("sigmoid3", new long[] {2, 120});
    expected.put("dense2", new long[] {2, 84});
    expected.put("sigmoid4", new long[] {2, 84});
    expected.put("dense3", new long[] {2, 10});
    try (BuiltModel b = BuiltModel.of(new LeNet(LeNetConfig.textbook()), 1);
        Session session = new Session(b.graph());
        TFloat32 x = Tensors.floats(BuiltModel.images(2, 28, 1, 5), 2, 28, 28, 1);
        TBool off = TBool.scalarOf(false)) {
      List<ModelOutputs.Tap> taps = b.outputs().taps();
      assertEquals(List.copyOf(expected.keySet()), taps.stream().map(ModelOutputs.Tap::name).toList());
      assertSame(taps.get(taps.size() - 1).output(), b.outputs().logits());
      session.initialize();
      Session.Runner runner = session.runner().feed(b.images(), x).feed(b.training(), off);
      taps.forEach(t -> runner.fetch(t.output()));
      try (Result r = runner.run()) {
        for (int i = 0; i < taps.size(); i++) {
          String name = taps.get(i).name();
          long[] shape = expected.get(name);
          assertArrayEquals(shape, r.get(i).shape().asArray(), name + " at run time");
          long[] staticShape = taps.get(i).output().shape().asArray();
          assertEquals(-1, staticShape[0], name + " batch is dynamic");
          for (int d = 1; d < shape.length; d++) {
            assertEquals(shape[d], staticShape[d], name + " static dimension " + d);
          }
        }
      }
    }
  }

  @Test
  void variantsHaveTheirLayersAndCounts() {
    try (BuiltModel b = BuiltModel.of(new LeNet(LeNetConfig.batchNormVariant()), 1)) {
      List<String> names = b.outputs().taps().stream().map(ModelOutputs.Tap::name).toList();
      assertEquals(List.of("conv1", "bn1", "sigmoid1", "avgpool1", "conv2", "bn2", "sigmoid2", "avgpool2", "flatten1",
          "dense1", "bn3", "sigmoid3", "dense2", "bn4", "sigmoid4", "dense3"), names);
      // Padding 0: flatten 16x4x4 = 256; batch norm adds scale and offset per channel (6, 16, 120, 84).
      long convs = (5 * 5 * 6 + 6) + (5 * 5 * 6 * 16 + 16);
      long dense = (256 * 120 + 120) + (120 * 84 + 84) + (84 * 10 + 10);
      assertEquals(convs + dense + 2 * (6 + 16 + 120 + 84), GraphVariables.trainableCount(b.graph()));
      assertEquals(8, b.outputs().trainingUpdates().size());
    }
    try (BuiltModel b = BuiltModel.of(new LeNet(LeNetConfig.reluMaxVariant().withDropout(0.3f)), 1)) {
      List<String> names = b.outputs().taps().stream().map(ModelOutputs.Tap::name).toList();
      assertEquals(List.of("conv1", "relu1", "maxpool1", "conv2", "relu2", "maxpool2", "flatten1", "dense1", "relu3",
          "dropout1", "dense2", "relu4", "dropout2", "dense3"), names);
      assertEquals(61_706, GraphVariables.trainableCount(b.graph()));
    }
    LeNetConfig cifar = LeNetConfig.cifar100(100);
    assertEquals(32, cifar.inputSize());
    try (BuiltModel b = BuiltModel.of(new LeNet(cifar), 1)) {
      long expected = (5 * 5 * 3 * 6 + 6) + (5 * 5 * 6 * 16 + 16) + (400 * 120 + 120) + (120 * 84 + 84)
          + (84 * 100 + 100);
      assertEquals(expected, GraphVariables.trainableCount(b.graph()));
      assertArrayEquals(new long[] {-1, 100}, b.outputs().logits().shape().asArray());
    }
  }

  @Test
  void sameSeedGivesIdenticalInitialWeightsAndAnotherSeedDifferentOnes() {
    List<float[]> a = initialWeights(42);
    List<float[]> again = initialWeights(42);
    List<float[]> other = initialWeights(43);
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), again.get(i));
    }
    assertFalse(java.util.Arrays.equals(a.get(0), other.get(0)), "conv1_kernel differs with another seed");
  }

  private static List<float[]> initialWeights(long seed) {
    try (BuiltModel b = BuiltModel.of(new LeNet(LeNetConfig.textbook()), seed);
        Session session = new Session(b.graph())) {
      session.initialize();
      List<float[]> values = new ArrayList<>();
      for (var w : b.outputs().decayedWeights()) {
        try (Result r = session.runner().fetch(w).run()) {
          values.add(Tensors.toFloats(r.get(0)));
        }
      }
      return values;
    }
  }

  @Test
  void rejectsAnInputThatLeavesNoFeatureMap() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> LeNetConfig.textbook().withFirstConvPadding(0).withInput(15, 1));
    assertTrue(e.getMessage().contains("need input size >= 16"), e.getMessage());
    assertEquals(Activation.SIGMOID, LeNetConfig.textbook().activation());
    assertEquals(Pooling.AVG, LeNetConfig.textbook().pooling());
    assertThrows(IllegalArgumentException.class, () -> LeNetConfig.cifar100(10));
  }
}
