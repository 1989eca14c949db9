package io.cnnlab.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.models.AlexNet;
import io.cnnlab.models.AlexNetConfig;
import io.cnnlab.models.LeNet;
import io.cnnlab.models.LeNetConfig;
import io.cnnlab.models.GraphVariables;
import io.cnnlab.models.Model;
import io.cnnlab.nn.Losses;
import io.cnnlab.nn.StepSeed;
import io.cnnlab.ops.spec.Preset;
import io.cnnlab.ops.spec.ShapeReport;
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
  /**
   * The graph route (TensorFlow's static shapes, the variables actually created) against the shape-algebra
   * route for the layers d2l §6.6 lists ({@link Preset#LENET}, whose counts LayerStackTest checks by hand).
   */
  @Test
  void leNetRowsAgreeWithTheTextbookLayerStack() {
    Summary s = Summary.of(new LeNet(LeNetConfig.textbook()));
    assertEquals(List.of("conv1", "sigmoid1", "avgpool1", "conv2", "sigmoid2", "avgpool2", "flatten1", "dense1",
        "sigmoid3", "dense2", "sigmoid4", "dense3"), s.rows().stream().map(SummaryRow::name).toList());
    assertAgrees(Preset.LENET.stack().report(), s, 0);
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
        ModelOutputs out = Lowering.build(withMomentum ? tf : tf.withSubScope("model"), model,
            Execution.inspecting(model.network()), images, tf.constant(true), StepSeed.fixed(1));
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
    SummaryRow bn1 = s.rows().stream().filter(r -> r.name().equals("bn1")).findFirst().orElseThrow();
    assertEquals(2 * 6, bn1.parameters());
    assertEquals(2 * 6, bn1.state());
    assertEquals(2 * (6 + 16 + 120 + 84), s.state());
  }

  @Test
  void alexNetRowsAgreeWithTheTextbookLayerStackAfterTheResize() {
    Summary s = Summary.of(new AlexNet(AlexNetConfig.textbook()));
    assertEquals(List.of("resize1", "conv1"), s.rows().subList(0, 2).stream().map(SummaryRow::name).toList());
    assertEquals("224x224x1", s.rows().get(0).shapeText());
    assertAgrees(Preset.ALEXNET.stack().report(), s, 1);
  }

  /** Row by row after the first {@code skip} rows: output shape, parameters and MACs; then the totals. */
  private static void assertAgrees(ShapeReport expected, Summary s, int skip) {
    assertEquals(expected.rows().size(), s.rows().size() - skip);
    for (int i = 0; i < expected.rows().size(); i++) {
      io.cnnlab.ops.spec.LayerRow want = expected.rows().get(i);
      SummaryRow row = s.rows().get(skip + i);
      String label = row.name() + " vs " + want.layer();
      assertEquals(want.output().toString(), row.shapeText(), label);
      assertEquals(want.parameters(), row.parameters(), label);
      assertEquals(want.macs(), row.macs(), label);
    }
    assertEquals(expected.totalParameters(), s.parameters());
    assertEquals(expected.totalMacs(), s.macs());
  }
}
