package io.cnnlab.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The only values {@link PickleReader} ever makes, besides {@code null} (None), {@link Boolean}, {@link Integer},
 * {@link String} (unicode), {@link java.util.ArrayList} (list) and {@link java.util.LinkedHashMap} (dict).
 */
final class PickleValues {
  private PickleValues() {}

  /** A Python 2 {@code str}: bytes, compared by content (dict keys such as {@code 'data'} are these). */
  static final class PyStr {
    private final byte[] bytes;

    PyStr(byte[] bytes) {
      this.bytes = bytes;
    }

    static PyStr of(String latin1) {
      return new PyStr(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The bytes themselves, not a copy: a 150 MB pixel string is not duplicated. */
    byte[] bytes() {
      return bytes;
    }

    /** One character per byte, as Python 3 reads these pickles with {@code encoding='latin1'}. */
    String text() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PyStr s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return bytes.length > 40 ? "a str of " + bytes.length + " bytes" : "'" + text() + "'";
    }
  }

  /** A Python tuple. */
  record PyTuple(List<Object> items) {
    int size() {
      return items.size();
    }

    Object get(int i) {
      return items.get(i);
    }
  }

  /** The three globals a CIFAR-100 pickle names; nothing is looked up or called by name. */
  enum Global {
    RECONSTRUCT("numpy.core.multiarray._reconstruct"),
    NDARRAY("numpy.ndarray"),
    DTYPE("numpy.dtype");

    final String pythonName;

    Global(String pythonName) {
      this.pythonName = pythonName;
    }
  }

  /** {@code numpy.dtype('u1')}, the only element type accepted; complete once its BUILD state is checked. */
  static final class NumpyDtype {
    boolean built;
  }

  /** A uint8 numpy array in C order: complete once BUILD has given it a shape and its bytes. */
  static final class NumpyArray {
    int[] shape;
    byte[] data;

    boolean built() {
      return data != null;
    }

    String shapeText() {
      if (shape == null) {
        return "(none)";
      }
      StringBuilder s = new StringBuilder("(");
      for (int i = 0; i < shape.length; i++) {
        s.append(i > 0 ? ", " : "").append(shape[i]);
      }
      return s.append(shape.length == 1 ? ",)" : ")").toString();
    }
  }

  /** What a value is, in Python's words, for error messages. */
  static String describe(Object v) {
    if (v == null) {
      return "None";
    } else if (v instanceof Boolean) {
      return "a bool";
    } else if (v instanceof Integer i) {
      return "the int " + i;
    } else if (v instanceof PyStr s) {
      return "the str " + s;
    } else if (v instanceof String s) {
      return "the unicode '" + s + "'";
    } else if (v instanceof List<?> l) {
      return "a list of " + l.size();
    } else if (v instanceof PyTuple t) {
      return "a tuple of " + t.size();
    } else if (v instanceof Map<?, ?> m) {
      return "a dict of " + m.size();
    } else if (v instanceof NumpyArray a) {
      return "a numpy array of shape " + a.shapeText();
    } else if (v instanceof NumpyDtype) {
      return "a numpy dtype";
    } else if (v instanceof Global g) {
      return "the global " + g.pythonName;
    }
    return v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
