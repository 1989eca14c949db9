package io.cnnlab.check;

import java.util.function.Supplier;

/**
 * Naming the setting in a parse error. Parsers such as {@code Pooling.parse} say what was wrong with a value
 * ("unknown pooling 'mx'") but not where it came from; the readers of settings and declarations add that here.
 */
public final class ParseErrors {
  private ParseErrors() {}

  /**
   * {@code parse}'s value; an {@link IllegalArgumentException} it throws is rethrown with {@code key + ": "}
   * before its message (the original kept as the cause). Other exceptions pass unchanged.
   *
   * @param key what the message names, e.g. {@code pool} or {@code key 'kind'}
   */
  public static <T> T keyed(String key, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }
}
