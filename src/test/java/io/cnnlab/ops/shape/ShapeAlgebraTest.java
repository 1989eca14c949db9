package io.cnnlab.ops.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Output sizes against hand computation and the worked examples of d2l §7.3. */
class ShapeAlgebraTest {

  @Test
  void paddingOneKeepsAnEightByEightInputWithAThreeKernel() {
    // d2l §7.3.1: 8x8 input, 3x3 kernel, padding 1 on each side -> 8x8.
    assertEquals(8, ShapeAlgebra.outputSize(8, 3, 1, 1));
  }

  @Test
  void strideTwoHalvesTheOutput() {
    // d2l §7.3.2: 8x8, 3x3 kernel, padding 1, stride 2 -> 4x4.
    assertEquals(4, ShapeAlgebra.outputSize(8, 3, 2, 1));
  }

  @Test
  void theFloorDropsWindowsThatRunPastTheEnd() {
    // d2l §7.3.2: 8x8, kernel 3x5, padding (0, 1), stride (3, 4) -> 2x2.
    // height: (8 + 0 - 3) / 3 = 1.67 -> 1, + 1 = 2; width: (8 + 2 - 5) / 4 = 1.25 -> 1, + 1 = 2.
    WindowGeometry g = new Window(3, 5, 3, 4, 1, 1, Padding.of(0, 0, 1, 1)).over(8, 8);
    assertEquals(2, g.outHeight());
    assertEquals(2, g.outWidth());
  }

  @Test
  void asymmetricPaddingAddsBeforeAndAfter() {
    // in 5 + 1 before + 2 after = 8 padded, kernel 3: 6 positions; stride 2: floor(5/2)+1 = 3.
    assertEquals(6, ShapeAlgebra.outputSize(5, 3, 1, 1, 2, 1));
    assertEquals(3, ShapeAlgebra.outputSize(5, 3, 2, 1, 2, 1));
  }

  @Test
  void dilationWidensTheWindow() {
    // kernel 3 with dilation 2 spans 5 positions: 7 - 5 + 1 = 3 outputs.
    assertEquals(5, ShapeAlgebra.extent(3, 2));
    assertEquals(3, ShapeAlgebra.outputSize(7, 3, 1, 0, 0, 2));
  }

  @Test
  void lenetAndAlexnetLayers() {
    assertEquals(28, ShapeAlgebra.outputSize(28, 5, 1, 2)); // LeNet conv 1
    assertEquals(14, ShapeAlgebra.outputSize(28, 2, 2, 0)); // LeNet pool
    assertEquals(10, ShapeAlgebra.outputSize(14, 5, 1, 0)); // LeNet conv 2
    assertEquals(54, ShapeAlgebra.outputSize(224, 11, 4, 1)); // AlexNet conv 1: floor(215/4)+1
    assertEquals(26, ShapeAlgebra.outputSize(54, 3, 2, 0)); // AlexNet pool 1
  }

  @Test
  void sameGivesCeilOfInputOverStrideWhateverTheKernel() {
    assertEquals(4, ShapeAlgebra.sameOutputSize(7, 2));
    assertEquals(7, ShapeAlgebra.sameOutputSize(7, 1));
    assertEquals(3, ShapeAlgebra.sameOutputSize(9, 3));
  }

  @Test
  void samePutsTheOddZeroAfter() {
    // in 5, kernel 2, stride 1: 5 outputs need 1 zero, TensorFlow puts it after.
    assertEquals(new AxisPadding(0, 1), ShapeAlgebra.samePadding(5, 2, 1, 1));
    // in 7, kernel 4, stride 2: 4 outputs span (4-1)*2 + 4 = 10 positions, 3 zeros: 1 before, 2 after.
    assertEquals(new AxisPadding(1, 2), ShapeAlgebra.samePadding(7, 4, 2, 1));
    // kernel 3 stride 1: one each side.
    assertEquals(new AxisPadding(1, 1), ShapeAlgebra.samePadding(10, 3, 1, 1));
    // stride larger than kernel: 10 -> 4 outputs, (4-1)*3 + 1 = 10 positions, no zeros.
    assertEquals(AxisPadding.NONE, ShapeAlgebra.samePadding(10, 1, 3, 1));
    // dilation 2 on kernel 3 spans 5: 4 zeros for a stride-1 SAME.
    assertEquals(new AxisPadding(2, 2), ShapeAlgebra.samePadding(6, 3, 1, 2));
  }

  @Test
  void samePaddingResolvedThroughAWindowGivesTheSameOutputSize() {
    for (int in = 1; in <= 20; in++) {
      for (int k = 1; k <= 6; k++) {
        for (int s = 1; s <= 4; s++) {
          WindowGeometry g = Window.square(k, s, Padding.same()).over(in, in);
          assertEquals((in + s - 1) / s, g.outHeight(), "in " + in + " k " + k + " s " + s);
        }
      }
    }
  }

  @Test
  void validNeverPads() {
    WindowGeometry g = Window.square(3, 1, Padding.valid()).over(5, 7);
    assertEquals(AxisPadding.NONE, g.padHeight());
    assertEquals(3, g.outHeight());
    assertEquals(5, g.outWidth());
  }

  @Test
  void impossibleConfigurationsAreRejectedWithTheValueNamed() {
    IllegalArgumentException stride = assertThrows(IllegalArgumentException.class, () -> ShapeAlgebra.outputSize(8, 3, 0, 1));
    assertTrue(stride.getMessage().contains("stride must be >= 1, got 0"), stride.getMessage());
    IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class, () -> ShapeAlgebra.outputSize(4, 5, 1, 0));
    assertTrue(tooBig.getMessage().contains("does not fit"), tooBig.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ShapeAlgebra.outputSize(4, 0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> ShapeAlgebra.outputSize(0, 1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> ShapeAlgebra.outputSize(4, 3, 1, -1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> ShapeAlgebra.outputSize(4, 3, 1, 0, 0, 0));
    IllegalArgumentException axis = assertThrows(
        IllegalArgumentException.class, () -> new Window(2, 9, 1, 1, 1, 1, Padding.valid()).over(4, 4));
    assertTrue(axis.getMessage().startsWith("width:"), axis.getMessage());
  }

  @Test
  void paddingCanRescueAWindowLargerThanTheInput() {
    assertEquals(1, ShapeAlgebra.outputSize(3, 5, 1, 1));
    assertEquals(1, ShapeAlgebra.outputSize(1, 3, 1, 1));
    assertEquals(3, ShapeAlgebra.outputSize(1, 1, 1, 1)); // a 1x1 kernel reads the zeros too
  }

  @Test
  void outputSizeOrZeroIsZeroWhereNothingIsLeftAndTheFormulaElsewhere() {
    // LeNet on 28x28, padding 2: 28 -> conv 5 -> 28 -> pool 2 -> 14 -> conv 5 -> 10 -> pool 2 -> 5 (d2l 6.6).
    assertEquals(28, ShapeAlgebra.outputSizeOrZero(28, 5, 1, 2));
    assertEquals(14, ShapeAlgebra.outputSizeOrZero(28, 2, 2, 0));
    assertEquals(10, ShapeAlgebra.outputSizeOrZero(14, 5, 1, 0));
    assertEquals(5, ShapeAlgebra.outputSizeOrZero(10, 2, 2, 0));
    assertEquals(0, ShapeAlgebra.outputSizeOrZero(4, 5, 1, 0), "a 5-wide window does not fit 4");
    assertEquals(0, ShapeAlgebra.outputSizeOrZero(0, 3, 1, 1), "nothing in, nothing out, padding or not");
    assertEquals(1, ShapeAlgebra.outputSizeOrZero(1, 3, 1, 1), "1 + 2 - 3 = 0 -> one position");
    assertThrows(IllegalArgumentException.class, () -> ShapeAlgebra.outputSizeOrZero(-1, 3, 1, 0));
  }
}
