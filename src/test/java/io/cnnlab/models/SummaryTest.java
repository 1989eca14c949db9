package io.cnnlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.nn.Losses;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.framework.optimizers.Momentum;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class SummaryTest {
  @Test
  void leNetRowsMatchAHandComputedTable() {
    // {name, shape, parameters, MACs}; MACs = kernel size x output positions.
    Object[][] expected = {
        {"conv1", "28x28x6", 5 * 5 * 6 + 6, 28 * 28 * (5 * 5 * 1 * 6)},
        {"sigmoid1", "28x28x6", 0, 0},
        {"avgpool1", "14x14x6", 0, 0},
        {"conv2", "10x10x16", 5 * 5 * 6 * 16 + 16, 10 * 10 * (5 * 5 * 6 * 16)},
        {"sigmoid2", "10x10x16", 0, 0},
        {"avgpool2", "5x5x16", 0, 0},
        {"flatten1", "400", 0, 0},
        {"dense1", "120", 400 * 120 + 120, 400 * 120},
        {"sigmoid3", "120", 0, 0},
        {"dense2", "84", 120 * 84 + 84, 120 * 84},
        {"sigmoid4", "84", 0, 0},
        {"dense3", "10", 84 * 10 + 10, 84 * 10}};
    Summary s = Summary.of(new LeNet(LeNetConfig.textbook()));
    assertEquals(expected.length, s.rows().size());
    long macs = 0;
    for (int i = 0; i < expected.length; i++) {
      LayerRow row = s.rows().get(i);
      assertEquals(expected[i][0], row.name());
      assertEquals(expected[i][1], row.shapeText(), row.name());
      assertEquals(((Integer) expected[i][2]).longValue(), row.parameters(), row.name());
      assertEquals(((Integer) expected[i][3]).longValue(), row.macs(), row.name());
      macs += (Integer) expected[i][3];
    }
    assertEquals(61_706, s.parameters());
    assertEquals(macs, s.macs());
    assertEquals(0, s.state());
  }

  @Test
  void optimizerSlotsAndAnOuterNameScopeLeaveTheCountsUnchanged() {
    Model model = new LeNet(LeNetConfig.batchNormVariant());
    Summary alone = Summary.of(model);
    for (boolean withMomentum : new boolean[] {true, false}) {
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28, 1)));
        // Slot optimizers need the root scope (see Initializers.variableName); without one, try an outer scope.
        ModelOutputs out = model.build(withMomentum ? tf : tf.withSubScope("model"), images, tf.constant(true), 1);
        if (withMomentum) {
          Placeholder<TInt32> labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
          new Momentum(g, 0.1f, 0.9f, false).minimize(Losses.softmaxCrossEntropy(tf, out.logits(), labels, 10));
          assertTrue(GraphVariables.shapes(g).size() > 26, "momentum slots were added");
        } else {
          assertTrue(GraphVariables.shapes(g).containsKey("model/conv1_kernel"));
        }
        Summary s = Summary.of(g, out);
        assertEquals(alone.parameters(), s.parameters());
        assertEquals(alone.state(), s.state());
        assertEquals(alone.macs(), s.macs());
      }
    }
  }

  @Test
  void batchNormStateIsCountedApartFromParameters() {
    Summary s = Summary.of(new LeNet(LeNetConfig.batchNormVariant()));
    LayerRow bn1 = s.rows().stream().filter(r -> r.name().equals("bn1")).findFirst().orElseThrow();
    assertEquals(2 * 6, bn1.parameters());
    assertEquals(2 * 6, bn1.state());
    assertEquals(2 * (6 + 16 + 120 + 84), s.state());
  }

  @Test
  void alexNetTotalsMatchTheTextbookLayerSpec() {
    Summary s = Summary.of(new AlexNet(AlexNetConfig.textbook()));
    assertEquals(46_764_746L, s.parameters());
    long macs = 54L * 54 * 11 * 11 * 1 * 96 + 26L * 26 * 5 * 5 * 96 * 256 + 12L * 12 * 3 * 3 * 256 * 384
        + 12L * 12 * 3 * 3 * 384 * 384 + 12L * 12 * 3 * 3 * 384 * 256 + 6400L * 4096 + 4096L * 4096 + 4096L * 10;
    assertEquals(macs, s.macs());
    assertEquals(List.of("resize1", "conv1"), s.rows().subList(0, 2).stream().map(LayerRow::name).toList());
  }
}
