package io.cnnlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.nn.Activation;
import io.cnnlab.nn.Pooling;
import io.cnnlab.ops.shape.ActivationShape.Spatial;
import io.cnnlab.ops.spec.LayerStack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LeNet configuration read from a layer stack, the textbook one from {@code Preset.LENET}. */
class LeNetLayoutTest {
  private static LayerStack stack(Spatial input, String layers) {
    return LayerStack.parse(input, List.of(layers.split(" ")));
  }

  @Test
  void theTextbookNetworkIsD2lsSection66() {
    // d2l 2.0 §6.6: sigmoid, average pooling, conv 6@5x5 padding 2, conv 16@5x5, dense 120, 84, 10, 28x28x1.
    assertEquals(new LeNetConfig(Activation.SIGMOID, Pooling.AVG, false, 0f, 6, 16, 120, 84, 2, 10, 28, 1),
        LeNetConfig.textbook());
    assertEquals(2, LeNetConfig.TEXTBOOK_PADDING, "the constant the help shows is the preset's padding");
    assertEquals(LeNetConfig.TEXTBOOK_PADDING, LeNetConfig.textbook().firstConvPadding());
  }

  @Test
  void anotherStackInTheLeNetLayoutReadsAsItsVariant() {
    LeNetConfig read = LeNetLayout.read(stack(new Spatial(32, 32, 3), "conv:6,k5 relu maxpool:k2,s2 conv:16,k5 relu"
        + " maxpool:k2,s2 flatten fc:120 relu fc:84 relu fc:100"));
    assertEquals(LeNetConfig.cifar100(100).withActivation(Activation.RELU).withPooling(Pooling.MAX), read);
    assertEquals(5, read.finalSide(), "32 -> 28 -> 14 -> 10 -> 5");
  }

  @Test
  void aLayerOutsideTheLayoutIsNamed() {
    IllegalArgumentException kernel = assertThrows(IllegalArgumentException.class, () -> LeNetLayout.read(stack(
        new Spatial(28, 28, 1), "conv:6,k3,p1 sigmoid avgpool:k2,s2 conv:16,k5 sigmoid avgpool:k2,s2 flatten"
            + " fc:120 sigmoid fc:84 sigmoid fc:10")));
    assertTrue(kernel.getMessage().contains("layer 1") && kernel.getMessage().contains("5x5"), kernel.getMessage());
    IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> LeNetLayout.read(stack(
        new Spatial(28, 28, 1), "conv:6,k5,p2 sigmoid avgpool:k2,s2 conv:16,k5 sigmoid maxpool:k2,s2 flatten"
            + " fc:120 sigmoid fc:84 sigmoid fc:10")));
    assertTrue(mixed.getMessage().contains("layer 6"), mixed.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LeNetLayout.read(stack(new Spatial(28, 28, 1), "fc:10")));
  }
}
