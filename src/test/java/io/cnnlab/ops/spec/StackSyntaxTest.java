package io.cnnlab.ops.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.ops.shape.AxisPadding;
import io.cnnlab.ops.shape.Padding;
import io.cnnlab.ops.shape.Window;
import io.cnnlab.ops.spec.LayerSpec.Activation;
import io.cnnlab.ops.spec.LayerSpec.ActivationFunction;
import io.cnnlab.ops.spec.LayerSpec.Conv;
import io.cnnlab.ops.spec.LayerSpec.Dense;
import io.cnnlab.ops.spec.LayerSpec.Dropout;
import io.cnnlab.ops.spec.LayerSpec.Flatten;
import io.cnnlab.ops.spec.LayerSpec.Pool;
import io.cnnlab.ops.spec.LayerSpec.PoolKind;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StackSyntaxTest {

  @Test
  void convWithEveryOption() {
    LayerSpec layer = StackSyntax.parseToken("conv:16,k5x3,s2,p1/2x0,d2x1");
    assertEquals(
        new Conv(16, new Window(5, 3, 2, 2, 2, 1, new Padding.Explicit(new AxisPadding(1, 2), new AxisPadding(0, 0)))),
        layer);
  }

  @Test
  void convDefaultsToStrideOneNoPaddingNoDilation() {
    assertEquals(new Conv(6, new Window(5, 5, 1, 1, 1, 1, Padding.valid())), StackSyntax.parseToken("conv:6,k5"));
  }

  @Test
  void optionsMayComeInAnyOrder() {
    assertEquals(StackSyntax.parseToken("conv:6,k5,s2,p2"), StackSyntax.parseToken("conv:6,p2,s2,k5"));
  }

  @Test
  void paddingForms() {
    assertEquals(Padding.symmetric(2), padding("p2"));
    assertEquals(Padding.of(1, 2, 1, 2), padding("p1/2"));
    assertEquals(Padding.of(1, 1, 2, 2), padding("p1x2"));
    assertEquals(Padding.of(0, 1, 1, 0), padding("p0/1x1/0"));
    assertEquals(Padding.same(), padding("psame"));
    assertEquals(Padding.valid(), padding("pvalid"));
  }

  private static Padding padding(String option) {
    return ((Conv) StackSyntax.parseToken("conv:1,k3," + option)).window().padding();
  }

  @Test
  void poolStrideDefaultsToItsKernel() {
    assertEquals(new Pool(PoolKind.AVG, Window.square(2, 2, Padding.valid())), StackSyntax.parseToken("avgpool:k2"));
    assertEquals(new Pool(PoolKind.MAX, Window.square(3, 2, Padding.valid())), StackSyntax.parseToken("maxpool:k3,s2"));
  }

  @Test
  void otherLayers() {
    assertEquals(
        List.of(new Dense(120), new Dense(84), new Flatten(), new Activation(ActivationFunction.SIGMOID),
            new Activation(ActivationFunction.RELU), new Dropout(0.5), new Dropout(0.25)),
        StackSyntax.parse("fc:120 dense:84 flatten sigmoid ReLU dropout dropout:0.25"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "conv:6|missing the kernel (k...)|conv:C,kK",
        "conv:6,k5,q2|unknown option 'q2'|conv:C,kK",
        "conv:x,k5|filters 'x' is not an integer|conv:C,kK",
        "conv:0,k5|filters must be >= 1, got 0|conv:C,kK",
        "conv:6,k5,k3|option 'k' given twice|conv:C,kK",
        "conv:6,k5,p-1|padding must be >= 0, got -1|conv:C,kK",
        "conv:6,k5,s0|stride must be >= 1, got 0|conv:C,kK",
        "conv:6,k5x3x2|kernel '5x3x2' is not N or HxW|conv:C,kK",
        "conv:6,k5,p1/2/3|padding '1/2/3' is not N or B/A|conv:C,kK",
        "conv:6,k5,pmirror|padding 'mirror' is not an integer|conv:C,kK",
        "maxpool|missing the kernel|maxpool:kK",
        "avgpool:s2|missing the kernel (k...)|maxpool:kK",
        "fc|missing the number of units|fc:N",
        "fc:ten|units 'ten' is not an integer|fc:N",
        "dropout:1.5|dropout rate '1.5' is not a number in [0, 1)|dropout[:R]",
        "relu:2|relu takes no arguments|relu",
        "lstm:10|unknown layer 'lstm'|one of conv:..., maxpool:...",
      })
  void badTokensNameTheTokenTheProblemAndTheExpectedForm(String token, String problem, String form) {
    SyntaxException e = assertThrows(SyntaxException.class, () -> StackSyntax.parseToken(token));
    assertEquals(token, e.token());
    assertTrue(e.getMessage().startsWith("layer '" + token + "': "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertTrue(e.getMessage().contains("expected " + form), e.getMessage());
  }

  @Test
  void formatIsReadBackAsTheSameLayer() {
    Random random = new Random(7);
    Padding[] paddings = {
      Padding.valid(), Padding.same(), Padding.symmetric(0), Padding.symmetric(3), Padding.of(1, 2, 1, 2),
      Padding.of(0, 1, 2, 2), Padding.of(1, 0, 0, 1)
    };
    for (int trial = 0; trial < 200; trial++) {
      Window w = new Window(
          1 + random.nextInt(5), 1 + random.nextInt(5), 1 + random.nextInt(3), 1 + random.nextInt(3),
          1 + random.nextInt(2), 1 + random.nextInt(2), paddings[random.nextInt(paddings.length)]);
      LayerSpec conv = new Conv(1 + random.nextInt(64), w);
      LayerSpec pool = new Pool(random.nextBoolean() ? PoolKind.MAX : PoolKind.AVG, w);
      assertEquals(conv, StackSyntax.parseToken(StackSyntax.format(conv)), StackSyntax.format(conv));
      assertEquals(pool, StackSyntax.parseToken(StackSyntax.format(pool)), StackSyntax.format(pool));
    }
  }

  @Test
  void formatIsShortest() {
    assertEquals("conv:6,k5,p2", StackSyntax.parseToken("conv:6,k5x5,s1,p2/2x2,d1").token());
    assertEquals("maxpool:k3,s2", StackSyntax.parseToken("maxpool:k3x3,s2x2,pvalid").token());
    assertEquals("avgpool:k2", StackSyntax.parseToken("avgpool:k2,s2").token());
    assertEquals("conv:1,k3,p1/2x0", StackSyntax.parseToken("conv:1,k3,p1/2x0/0").token());
  }
}
