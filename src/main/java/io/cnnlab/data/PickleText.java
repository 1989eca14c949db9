package io.cnnlab.data;

import java.io.ByteArrayOutputStream;
import java.util.function.Function;

/** Protocol 0's quoted strings (Python 2 {@code repr} of a {@code str}) and safe echoing of file content. */
final class PickleText {
  private PickleText() {}

  /**
   * The bytes of a STRING argument such as {@code 'apple'} or {@code "it's"}: quotes removed, Python's
   * {@code string-escape} undone ({@code \\ \' \" \n \t \r \a \b \f \v}, {@code \xHH}, octal {@code \ooo}).
   */
  static byte[] unquote(String repr, Function<String, DatasetFormatException> fail) throws DatasetFormatException {
    if (repr.length() < 2 || repr.charAt(0) != repr.charAt(repr.length() - 1)
        || repr.charAt(0) != '\'' && repr.charAt(0) != '"') {
      throw fail.apply("STRING " + printable(repr) + " is not a quoted Python string");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(repr.length());
    int end = repr.length() - 1;
    for (int i = 1; i < end; i++) {
      char c = repr.charAt(i);
      if (c != '\\') {
        out.write(c);
        continue;
      }
      if (++i >= end) {
        throw fail.apply("STRING " + printable(repr) + " ends in a lone backslash");
      }
      char e = repr.charAt(i);
      switch (e) {
        case '\\', '\'', '"' -> out.write(e);
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case 'r' -> out.write('\r');
        case 'a' -> out.write(7);
        case 'b' -> out.write('\b');
        case 'f' -> out.write('\f');
        case 'v' -> out.write(11);
        case 'x' -> {
          if (i + 2 >= end || hex(repr.charAt(i + 1)) < 0 || hex(repr.charAt(i + 2)) < 0) {
            throw fail.apply("STRING " + printable(repr) + " has a \\x escape without two hex digits");
          }
          out.write(hex(repr.charAt(i + 1)) << 4 | hex(repr.charAt(i + 2)));
          i += 2;
        }
        default -> {
          if (e < '0' || e > '7') {
            throw fail.apply("STRING " + printable(repr) + " has the unknown escape \\" + printable(String.valueOf(e)));
          }
          int value = 0;
          int digits = 0;
          while (digits < 3 && i < end && repr.charAt(i) >= '0' && repr.charAt(i) <= '7') {
            value = value * 8 + repr.charAt(i++) - '0';
            digits++;
          }
          i--;
          out.write(value & 0xFF);
        }
      }
    }
    return out.toByteArray();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  /** {@code text} in quotes with control and non-ASCII characters as {@code \xHH}, at most 60 characters. */
  static String printable(String text) {
    StringBuilder s = new StringBuilder("'");
    for (int i = 0; i < text.length() && i < 60; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        s.append("\\n");
      } else if (c < 0x20 || c >= 0x7f) {
        s.append(String.format("\\x%02x", c & 0xFF));
      } else {
        s.append(c);
      }
    }
    return s.append(text.length() > 60 ? "...'" : "'").toString();
  }
}
