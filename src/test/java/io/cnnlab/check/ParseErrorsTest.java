package io.cnnlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ParseErrorsTest {
  @Test
  void aParsedValueComesBackUnchanged() {
    assertEquals(42, ParseErrors.keyed("epochs", () -> Integer.parseInt("42")));
  }

  @Test
  void anIllegalArgumentNamesTheKeyAndKeepsTheCause() {
    // Integer.parseInt throws NumberFormatException, an IllegalArgumentException: the reader's own message follows.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ParseErrors.keyed("epochs", () -> Integer.parseInt("ten")));
    assertEquals("epochs: For input string: \"ten\"", e.getMessage());
    assertEquals(NumberFormatException.class, e.getCause().getClass());
  }

  @Test
  void otherExceptionsPassUnchanged() {
    IllegalStateException thrown = new IllegalStateException("not a parse error");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ParseErrors.keyed("epochs", () -> {
      throw thrown;
    }));
    assertSame(thrown, e);
  }
}
