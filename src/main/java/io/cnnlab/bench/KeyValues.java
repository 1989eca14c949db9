package io.cnnlab.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Result lines of the form {@code key=value key=value ...} (single spaces, values without spaces), as the
 * peers ({@code bench/peers/README.md}) and the memory child process print them.
 */
public final class KeyValues {
  private KeyValues() {}

  /** The pairs of {@code line} in order; a token without {@code =} or with an empty key is an error. */
  public static Map<String, String> parse(String line) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String token : line.trim().split(" +")) {
      int eq = token.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("'" + token + "' in line '" + line + "' is not key=value");
      }
      pairs.put(token.substring(0, eq), token.substring(eq + 1));
    }
    return pairs;
  }

  /** The value of {@code key}, or an error naming the line. */
  public static String require(Map<String, String> pairs, String key, String line) {
    String v = pairs.get(key);
    if (v == null) {
      throw new IllegalArgumentException("line '" + line + "' has no " + key + "=");
    }
    return v;
  }

  /** The value of {@code key} as a number, or an error naming the line and value. */
  public static double number(Map<String, String> pairs, String key, String line) {
    String v = require(pairs, key, line);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("line '" + line + "': " + key + "=" + v + " is not a number");
    }
  }
}
