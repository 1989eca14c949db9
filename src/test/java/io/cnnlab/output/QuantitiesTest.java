package io.cnnlab.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Values written with their significant digits and units, against texts written out by hand. */
class QuantitiesTest {
  @Test
  void smallValuesKeepTheirDigitsInScientificNotation() {
    // conv-1x1's measured difference and its band's upper end, which four decimals showed as 0.0000 and 0.0001.
    assertEquals("5.722e-6", Quantities.number(5.7220458984375e-6));
    assertEquals("1e-4", Quantities.number(1.0e-4));
    assertEquals("-3.2e-5", Quantities.number(-3.2e-5));
    assertEquals("0", Quantities.number(0));
    assertEquals("9.99e-4", Quantities.number(0.000999));
  }

  @Test
  void otherValuesGetFourSignificantDigits() {
    assertEquals(List.of("0.7813", "0.001000", "41.66", "9439", "123457", "2.5e6", "n/a"),
        Stream.of(0.78125, 0.001, 41.6602, 9439.2, 123456.7, 2.5e6, Double.NaN).map(Quantities::number).toList());
  }

  @Test
  void unitsComeFromTheMetricsNames() {
    assertEquals("megapixels/s", Quantities.unit("megapixels_per_second"));
    assertEquals("examples/s", Quantities.unit("examples_per_second"));
    assertEquals("s", Quantities.unit("detect_seconds"));
    assertEquals("ms", Quantities.unit("conv2d_ms"));
    assertEquals("", Quantities.unit("test_accuracy"));
    assertEquals("", Quantities.unit("max_abs_diff"));
    assertEquals("", Quantities.unit(null));
  }

  @Test
  void aValueIsNamedWithItsUnit() {
    assertEquals("41.66 megapixels/s", Quantities.named("megapixels_per_second", 41.6602));
    assertEquals("max_abs_diff 5.722e-6", Quantities.named("max_abs_diff", 5.7220458984375e-6));
    assertEquals("detect_seconds 3.100 s", Quantities.named("detect_seconds", 3.1));
    assertEquals("0.5000", Quantities.named(null, 0.5));
  }
}
