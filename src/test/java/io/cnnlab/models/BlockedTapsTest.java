package io.cnnlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cnnlab.graph.ConvFormChoice;
import io.cnnlab.graph.ExecutionOptions;
import io.cnnlab.graph.ModelOutputs;
import io.cnnlab.tf.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Every tap of a LeNet built with blocked stages (feature maps read them) holds what the plain ops' build
 * holds: the convolution, batch norm and activation outputs in the plain layout, although the blocked form
 * computes the activation after max pooling and the batch norm on its blocked rows. Training mode (batch
 * statistics) and evaluation mode.
 */
class BlockedTapsTest {
  @Test
  void tapsMatchThePlainBuild() {
    int n = 5;
    float[] images = BuiltModel.images(n, 28, 1, 9);
    for (LeNetConfig config : List.of(LeNetConfig.textbook(), LeNetConfig.reluMaxVariant(),
        LeNetConfig.reluMaxVariant().withBatchNorm(true), LeNetConfig.batchNormVariant())) {
      for (boolean training : new boolean[] {true, false}) {
        Taps blocked = taps(new LeNet(config), images, n, training, false);
        Taps plain = taps(new LeNet(config), images, n, training, true);
        assertEquals(plain.names(), blocked.names(), config.toString());
        for (int i = 0; i < plain.names().size(); i++) {
          String what = config + " " + plain.names().get(i) + (training ? " (training)" : " (evaluation)");
          float[] expected = plain.values().get(i);
          float[] actual = blocked.values().get(i);
          assertEquals(expected.length, actual.length, what);
          for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], actual[j], 1e-4f * Math.max(1f, Math.abs(expected[j])), what + " at " + j);
          }
        }
      }
    }
  }

  private record Taps(List<String> names, List<float[]> values) {}

  private static Taps taps(Model model, float[] images, int n, boolean training, boolean plain) {
    ExecutionOptions options = ExecutionOptions.DEFAULT.withConvForm(plain ? ConvFormChoice.PLAIN : ConvFormChoice.AUTO);
    try (BuiltModel b = BuiltModel.of(model, 3, options);
        Session session = new Session(b.graph());
        TFloat32 x = Tensors.floats(images, n, 28, 28, 1);
        TBool mode = TBool.scalarOf(training)) {
      session.initialize();
      List<ModelOutputs.Tap> taps = b.outputs().taps();
      Session.Runner runner = session.runner().feed(b.images(), x).feed(b.training(), mode);
      taps.forEach(t -> runner.fetch(t.output()));
      List<String> names = new ArrayList<>();
      List<float[]> values = new ArrayList<>();
      try (Result r = runner.run()) {
        for (int i = 0; i < taps.size(); i++) {
          names.add(taps.get(i).name());
          values.add(Tensors.toFloats((TFloat32) r.get(i)));
        }
      }
      return new Taps(names, values);
    }
  }
}
