package io.cnnlab.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The only values {@link PickleReader} ever makes, besides {@code null} (None), {@link Boolean}, {@link Integer},
 * {@link String} (unicode), {@link java.util.ArrayList} (list) and {@link java.util.LinkedHashMap} (dict).
 */
final class PickleValues {
  private PickleValues() {}

  /**
   * A Python 2 {@code str} or a Python 3 {@code bytes} (or {@code bytearray}): bytes, compared by content (dict
   * keys such as {@code 'data'} are these in the 2009 files, and in Python 3 files loaded with {@code encoding='bytes'}).
   */
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

  /**
   * The globals a CIFAR-100 pickle names, by what they do, each under the names numpy 1.x and 2.x, Python 2 and 3
   * give it; nothing is looked up or called by name.
   */
  enum Global {
    RECONSTRUCT("numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct"),
    NDARRAY("numpy.ndarray"),
    DTYPE("numpy.dtype"),
    /** numpy's reduction for pickle protocol 5: {@code _frombuffer(buffer, dtype, shape, order)}. */
    FROMBUFFER("numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer"),
    /** Python 3 pickles bytes as {@code _codecs.encode(text, 'latin1')} in protocols 0 to 2. */
    ENCODE("_codecs.encode"),
    /** ... and empty bytes as {@code bytes()}. */
    BYTES("__builtin__.bytes", "builtins.bytes");

    final String pythonName;
    private final List<String> names;

    Global(String... names) {
      this.pythonName = names[0];
      this.names = List.of(names);
    }

    /** The global called {@code module.name}, or null when it is none of these. */
    static Global named(String module, String name) {
      String full = module + "." + name;
      return Arrays.stream(values()).filter(g -> g.names.contains(full)).findFirst().orElse(null);
    }

    /** All accepted names, for the error that refuses another. */
    static String allNames() {
      return Arrays.stream(values()).flatMap(g -> g.names.stream()).collect(Collectors.joining(", "));
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
