package io.cnnlab.data;

import io.cnnlab.data.PickleValues.Global;
import io.cnnlab.data.PickleValues.NumpyArray;
import io.cnnlab.data.PickleValues.NumpyDtype;
import io.cnnlab.data.PickleValues.PyStr;
import io.cnnlab.data.PickleValues.PyTuple;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The only calls (REDUCE) and state updates (BUILD) {@link PickleReader} performs, each checked against the exact
 * argument shapes its writer emits: numpy's {@code _reconstruct(ndarray, (0,), b'b')} then BUILD with the array's
 * state, {@code dtype('u1', 0, 1)} (numpy 1.2x and later: {@code dtype('u1', False, True)}) then BUILD, protocol
 * 5's {@code _frombuffer(buffer, dtype, shape, order)}, and Python 3's {@code _codecs.encode(text, 'latin1')} and
 * {@code bytes()}, which are how it writes bytes in protocols 0 to 2.
 */
final class PickleCalls {
  private final Function<String, DatasetFormatException> fail;

  /** {@code fail} makes the error for a problem, naming the file and the opcode's byte. */
  PickleCalls(Function<String, DatasetFormatException> fail) {
    this.fail = fail;
  }

  Object reduce(Object callable, Object args) throws DatasetFormatException {
    if (!(callable instanceof Global g) || !(args instanceof PyTuple t)) {
      throw fail.apply("REDUCE of " + PickleValues.describe(callable) + " with " + PickleValues.describe(args)
          + ", expected a numpy global and a tuple of arguments");
    }
    if (g == Global.RECONSTRUCT && t.size() == 3 && t.get(0) == Global.NDARRAY && t.get(1) instanceof PyTuple
        && t.get(2) instanceof PyStr) {
      return new NumpyArray();
    }
    if (g == Global.DTYPE && t.size() == 3 && text(t.get(0)) != null && flag(t.get(1)) && flag(t.get(2))) {
      if (!text(t.get(0)).equals("u1")) {
        throw fail.apply("numpy.dtype(" + PickleText.printable(text(t.get(0))) + "): only uint8 ('u1') arrays are read");
      }
      return new NumpyDtype();
    }
    if (g == Global.FROMBUFFER && t.size() == 4 && t.get(0) instanceof PyStr data && t.get(1) instanceof NumpyDtype dtype
        && t.get(2) instanceof PyTuple shape && t.get(3) instanceof String order) {
      NumpyArray array = new NumpyArray();
      fill(array, shape, dtype, !order.equals("C"), data);
      return array;
    }
    if (g == Global.ENCODE && t.size() == 2 && t.get(0) instanceof String text && t.get(1) instanceof String codec
        && (codec.equals("latin1") || codec.equals("latin-1"))) {
      return latin1(text);
    }
    if (g == Global.BYTES && t.size() == 0) {
      return new PyStr(new byte[0]);
    }
    throw fail.apply(g.pythonName + " called with " + describeAll(t) + "; expected numpy's _reconstruct(ndarray,"
        + " (0,), b'b'), dtype('u1', 0, 1) or dtype('u1', False, True), _frombuffer(bytes, dtype, shape, 'C'),"
        + " or Python 3's _codecs.encode(str, 'latin1') or bytes()");
  }

  /** numpy's states: dtype (3, '|', None, None, None, -1, -1, 0); array (1, shape, dtype, False, bytes). */
  void build(Object target, Object state) throws DatasetFormatException {
    if (!(state instanceof PyTuple t)) {
      throw fail.apply("BUILD with " + PickleValues.describe(state) + ", expected a tuple of numpy state");
    }
    if (target instanceof NumpyDtype dtype && !dtype.built) {
      if (t.size() < 5 || !(t.get(0) instanceof Integer) || text(t.get(1)) == null || t.get(3) != null
          || t.get(4) != null) {
        throw fail.apply("dtype state " + describeAll(t) + ", expected (3, '|', None, None, None, -1, -1, 0)");
      }
      dtype.built = true;
    } else if (target instanceof NumpyArray array && !array.built()) {
      int at = t.size() == 5 ? 1 : 0; // (version, shape, dtype, fortran, data) or older numpy's 4 without version
      if (t.size() != 4 && t.size() != 5 || !(t.get(at) instanceof PyTuple shape)
          || !(t.get(at + 1) instanceof NumpyDtype dtype) || !(t.get(at + 3) instanceof PyStr data)) {
        throw fail.apply("array state " + describeAll(t) + ", expected (1, shape, dtype, False, bytes)");
      }
      fill(array, shape, dtype, !Boolean.FALSE.equals(t.get(at + 2)), data);
    } else {
      throw fail.apply("BUILD on " + PickleValues.describe(target) + ": only new numpy arrays and dtypes are built");
    }
  }

  private void fill(NumpyArray array, PyTuple shape, NumpyDtype dtype, boolean fortran, PyStr data)
      throws DatasetFormatException {
    if (!dtype.built) {
      throw fail.apply("an array names a numpy dtype that was never built");
    }
    if (fortran && shape.size() > 1) {
      throw fail.apply("a Fortran-order array: only C-order arrays (as numpy writes CIFAR-100) are read");
    }
    int[] dims = new int[shape.size()];
    long elements = 1;
    for (int i = 0; i < dims.length; i++) {
      if (!(shape.get(i) instanceof Integer d) || d < 0) {
        throw fail.apply("array shape " + describeAll(shape) + ", expected non-negative ints");
      }
      dims[i] = d;
      elements *= d;
    }
    array.shape = dims;
    if (elements != data.bytes().length) {
      throw fail.apply("a uint8 array of shape " + array.shapeText() + " needs " + elements + " bytes, its data has "
          + data.bytes().length);
    }
    array.data = data.bytes();
  }

  /** {@code text.encode('latin1')}: Python fails on a character above U+00FF, and so does this. */
  private PyStr latin1(String text) throws DatasetFormatException {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0xFF) {
        throw fail.apply(String.format("_codecs.encode(str, 'latin1') of a str with U+%04X at character %d:"
            + " not bytes pickled by Python 3, whose characters are all below U+0100", (int) text.charAt(i), i));
      }
    }
    return new PyStr(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** numpy's dtype flags: ints 0 and 1 before numpy 1.2x, bools since. */
  private static boolean flag(Object v) {
    return v instanceof Integer || v instanceof Boolean;
  }

  /** A str of either Python: Python 2's bytes read as Latin-1, Python 3's unicode as it is; null otherwise. */
  static String text(Object v) {
    return v instanceof String s ? s : v instanceof PyStr s ? s.text() : null;
  }

  static String describeAll(PyTuple t) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < t.size(); i++) {
      s.append(i > 0 ? ", " : "").append(PickleValues.describe(t.get(i)));
    }
    return s.append(")").toString();
  }
}
