package io.cnnlab.ops.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.ops.shape.ActivationShape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shapes and counts of the textbook networks against d2l's printed shapes and parameter totals, and MACs by
 * hand: the check of the counting arithmetic ({@link LayerCounts}) that {@code models.SummaryTest} relies on.
 */
class LayerStackTest {

  @Test
  void lenetHasTheTextbooksShapesAndSixtyOneThousandSevenHundredSixParameters() {
    ShapeReport report = Preset.LENET.stack().report();
    // d2l §6.6 layer-by-layer printout (NCHW there): 6x28x28, 6x28x28, 6x14x14, 16x10x10, 16x10x10,
    // 16x5x5, 400, 120, 120, 84, 84, 10.
    assertEquals(
        List.of("28x28x6", "28x28x6", "14x14x6", "10x10x16", "10x10x16", "5x5x16", "400", "120", "120", "84", "84", "10"),
        outputs(report));
    assertEquals(61_706, report.totalParameters()); // d2l §6.6 (references.md)
  }

  @Test
  void lenetParametersAndMacsPerLayerByHand() {
    ShapeReport report = Preset.LENET.stack().report();
    // conv1 5*5*1*6+6, conv2 5*5*6*16+16, fc 400*120+120, 120*84+84, 84*10+10
    assertEquals(List.of(156L, 0L, 0L, 2_416L, 0L, 0L, 0L, 48_120L, 0L, 10_164L, 0L, 850L), params(report));
    // conv1 28*28*6 outputs * 25 taps; conv2 10*10*16 * 25*6; fc 400*120, 120*84, 84*10
    assertEquals(List.of(117_600L, 0L, 0L, 240_000L, 0L, 0L, 0L, 48_000L, 0L, 10_080L, 0L, 840L), macs(report));
    assertEquals(416_520, report.totalMacs());
  }

  @Test
  void alexnetHasTheTextbooksShapesAndParameterCount() {
    ShapeReport report = Preset.ALEXNET.stack().report();
    List<String> shapes = report.rows().stream()
        .filter(r -> !r.layer().equals("relu") && !r.layer().startsWith("dropout"))
        .map(r -> r.output().toString())
        .toList();
    // d2l §7.1 printout: 96x54x54, pool 96x26x26, 256x26x26, pool 256x12x12, 384x12x12 (x2), 256x12x12,
    // pool 256x5x5, flatten 6400, 4096, 4096, 10.
    assertEquals(
        List.of("54x54x96", "26x26x96", "26x26x256", "12x12x256", "12x12x384", "12x12x384", "12x12x256",
            "5x5x256", "6400", "4096", "4096", "10"),
        shapes);
    assertEquals(46_764_746, report.totalParameters()); // d2l §7.1, 1 input channel and 10 classes
    // kernel weights x output positions: five convolutions, then fc 6400*4096, 4096*4096, 4096*10
    long macs = 54L * 54 * 11 * 11 * 1 * 96 + 26L * 26 * 5 * 5 * 96 * 256 + 12L * 12 * 3 * 3 * 256 * 384
        + 12L * 12 * 3 * 3 * 384 * 384 + 12L * 12 * 3 * 3 * 384 * 256 + 6400L * 4096 + 4096L * 4096 + 4096L * 10;
    assertEquals(macs, report.totalMacs());
  }

  @Test
  void flattenIsImpliedBeforeADenseLayerOnAFeatureMap() {
    ShapeReport report = LayerStack.parse(ActivationShape.parseSpatial("4x4x2"), List.of("fc:3")).report();
    assertEquals(2, report.rows().size());
    assertTrue(report.rows().get(0).implied());
    assertEquals("flatten", report.rows().get(0).layer());
    assertEquals("32", report.rows().get(0).output().toString());
    assertFalse(report.rows().get(1).implied());
    assertEquals(32 * 3 + 3, report.totalParameters());
  }

  @Test
  void aThreeChannelInputChangesOnlyTheFirstConvolution() {
    long one = Preset.ALEXNET.stack().report().totalParameters();
    long three = Preset.ALEXNET.stack(ActivationShape.parseSpatial("224x224x3")).report().totalParameters();
    assertEquals(11L * 11 * 2 * 96, three - one);
  }

  @Test
  void aLayerThatDoesNotFitNamesItsPositionTokenAndInput() {
    LayerStack stack = LayerStack.parse(
        ActivationShape.parseSpatial("12x12x1"), List.of("conv:4,k5", "maxpool:k2", "conv:8,k5"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, stack::report);
    assertTrue(e.getMessage().startsWith("layer 3 'conv:8,k5' on input 4x4x4: height: window of extent 5"), e.getMessage());
  }

  @Test
  void convolutionAfterFlattenIsRejected() {
    LayerStack stack = LayerStack.parse(ActivationShape.parseSpatial("8x8x1"), List.of("fc:10", "conv:2,k3"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, stack::report);
    assertTrue(e.getMessage().contains("layer 2 'conv:2,k3' on input 10: conv needs a HxWxC feature map"), e.getMessage());
  }

  @Test
  void inputShapeSyntax() {
    assertEquals(new ActivationShape.Spatial(32, 24, 3), ActivationShape.parseSpatial("32x24x3"));
    for (String bad : new String[] {"28x28", "28x28x0", "axbxc", "28*28*1", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ActivationShape.parseSpatial(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("HxWxC"), e.getMessage());
    }
  }

  @Test
  void presetsPrintAsTheirSyntax() {
    LayerStack lenet = Preset.LENET.stack();
    String text = lenet.toString();
    assertTrue(text.startsWith("--input 28x28x1 conv:6,k5,p2 sigmoid avgpool:k2 "), text);
    assertEquals(lenet.layers(), StackSyntax.parse(text.substring("--input 28x28x1".length())));
  }

  private static List<String> outputs(ShapeReport report) {
    return report.rows().stream().map(r -> r.output().toString()).toList();
  }

  private static List<Long> params(ShapeReport report) {
    return report.rows().stream().map(LayerRow::parameters).toList();
  }

  private static List<Long> macs(ShapeReport report) {
    return report.rows().stream().map(LayerRow::macs).toList();
  }
}
