package io.cnnlab.data;

import io.cnnlab.data.PickleValues.Global;
import io.cnnlab.data.PickleValues.NumpyArray;
import io.cnnlab.data.PickleValues.NumpyDtype;
import io.cnnlab.data.PickleValues.PyStr;
import io.cnnlab.data.PickleValues.PyTuple;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately narrow unpickler for CIFAR-100's python layout: Python 2 {@code cPickle} files (protocol 2, and
 * protocol 0's text opcodes for the same plain values) holding dicts, lists, ints, strs and numpy uint8 arrays.
 *
 * <p>Nothing is looked up by name: of Python's globals only {@code numpy.core.multiarray._reconstruct},
 * {@code numpy.ndarray} and {@code numpy.dtype} are accepted, as markers, and REDUCE/BUILD on them must have
 * exactly numpy's argument shapes. Every other opcode or global is refused with its byte offset, so a stream can
 * construct nothing but the types in {@link PickleValues}. Lengths are checked against the file size before
 * anything is allocated, so a corrupt or truncated file is an error naming the file and byte, not an
 * out-of-memory.
 */
final class PickleReader {
  private static final int MAX_LINE = 4096;

  private final Path file;
  private final InputStream in;
  private final long size;
  private final List<Object> stack = new ArrayList<>();
  private final Deque<Integer> marks = new ArrayDeque<>();
  private final Map<Integer, Object> memo = new HashMap<>();
  private long pos;
  private long opcodeAt;

  private PickleReader(Path file, InputStream in, long size) {
    this.file = file;
    this.in = in;
    this.size = size;
  }

  /** The one object pickled in {@code file}, which must end right after it. */
  static Object read(Path file) throws IOException {
    long size = Files.size(file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return new PickleReader(file, in, size).run();
    } catch (IOException e) {
      throw DatasetFormatException.naming(file, "a Python pickle", e);
    }
  }

  private Object run() throws IOException {
    while (true) {
      opcodeAt = pos;
      int op = in.read();
      if (op < 0) {
        throw fail("the file ends without the pickle's STOP opcode: truncated");
      }
      pos++;
      switch (op) {
        case 0x80 -> protocol(u8());
        case '.' -> {
          return stop();
        }
        case '(' -> marks.push(stack.size());
        case '}' -> push(new LinkedHashMap<>());
        case ']' -> push(new ArrayList<>());
        case ')' -> push(new PyTuple(List.of()));
        case 'd' -> push(dict(popMark()));
        case 'l' -> push(new ArrayList<>(popMark()));
        case 't' -> push(new PyTuple(popMark()));
        case 0x85, 0x86, 0x87 -> push(new PyTuple(popTop(op - 0x84)));
        case 'a' -> {
          Object value = pop();
          list(peek()).add(value);
        }
        case 'e' -> {
          List<Object> values = popMark();
          list(peek()).addAll(values);
        }
        case 's' -> {
          Object value = pop();
          Object key = pop();
          dict(peek()).put(key(key), value);
        }
        case 'u' -> {
          List<Object> items = popMark();
          if (items.size() % 2 != 0) {
            throw fail("SETITEMS with " + items.size() + " items, expected key, value pairs");
          }
          Map<Object, Object> d = dict(peek());
          for (int i = 0; i < items.size(); i += 2) {
            d.put(key(items.get(i)), items.get(i + 1));
          }
        }
        case 'K' -> push(u8());
        case 'M' -> push(u8() | u8() << 8);
        case 'J' -> push(i32());
        case 'I' -> push(textInt(line()));
        case 'N' -> push(null);
        case 0x88 -> push(Boolean.TRUE);
        case 0x89 -> push(Boolean.FALSE);
        case 'U' -> push(new PyStr(bytes(u8())));
        case 'T' -> push(new PyStr(bytes(i32())));
        case 'S' -> push(new PyStr(PickleText.unquote(line(), this::fail)));
        case 'X' -> push(new String(bytes(i32()), StandardCharsets.UTF_8));
        case 'c' -> push(global(line(), line()));
        case 'R' -> {
          Object args = pop();
          Object callable = pop();
          push(reduce(callable, args));
        }
        case 'b' -> {
          Object state = pop();
          build(peek(), state);
        }
        case 'q' -> memo.put(u8(), peek());
        case 'r' -> memo.put(i32(), peek());
        case 'p' -> memo.put(memoIndex(line()), peek());
        case 'h' -> push(memoGet(u8()));
        case 'j' -> push(memoGet(i32()));
        case 'g' -> push(memoGet(memoIndex(line())));
        default -> throw fail(String.format("opcode 0x%02x%s is not one CIFAR-100's pickles use; refusing the file",
            op, op >= 0x20 && op < 0x7f ? " ('" + (char) op + "')" : ""));
      }
    }
  }

  private void protocol(int version) throws DatasetFormatException {
    if (version > 2) {
      throw fail("pickle protocol " + version + ", expected 2 (CIFAR-100's files are Python 2 pickles)");
    }
  }

  private Object stop() throws IOException {
    if (!marks.isEmpty() || stack.size() != 1) {
      throw fail("STOP with " + stack.size() + " values and " + marks.size() + " open marks, expected exactly one value");
    }
    if (in.read() >= 0) {
      throw fail("more bytes follow the STOP opcode; expected the pickle to end the file (" + size + " bytes)");
    }
    return stack.get(0);
  }

  private Global global(String module, String name) throws DatasetFormatException {
    String full = module + "." + name;
    if (full.equals("numpy.core.multiarray._reconstruct") || full.equals("numpy._core.multiarray._reconstruct")) {
      return Global.RECONSTRUCT;
    } else if (full.equals("numpy.ndarray")) {
      return Global.NDARRAY;
    } else if (full.equals("numpy.dtype")) {
      return Global.DTYPE;
    }
    throw fail("refuses the global " + PickleText.printable(full) + ": a CIFAR-100 pickle names only "
        + "numpy.core.multiarray._reconstruct, numpy.ndarray and numpy.dtype");
  }

  /** numpy's two calls: {@code _reconstruct(ndarray, (0,), 'b')} and {@code dtype('u1', 0, 1)}. */
  private Object reduce(Object callable, Object args) throws DatasetFormatException {
    if (!(callable instanceof Global g) || !(args instanceof PyTuple t)) {
      throw fail("REDUCE of " + PickleValues.describe(callable) + " with " + PickleValues.describe(args)
          + ", expected a numpy global and a tuple of arguments");
    }
    if (g == Global.RECONSTRUCT && t.size() == 3 && t.get(0) == Global.NDARRAY && t.get(1) instanceof PyTuple
        && t.get(2) instanceof PyStr) {
      return new NumpyArray();
    }
    if (g == Global.DTYPE && t.size() == 3 && t.get(0) instanceof PyStr descr && t.get(1) instanceof Integer
        && t.get(2) instanceof Integer) {
      if (!descr.text().equals("u1")) {
        throw fail("numpy.dtype(" + descr + "): only uint8 ('u1') arrays are read");
      }
      return new NumpyDtype();
    }
    throw fail(g.pythonName + " called with " + describeAll(t) + "; expected numpy's _reconstruct(ndarray, (0,), 'b')"
        + " or dtype('u1', 0, 1)");
  }

  /** numpy's states: dtype (3, '|', None, None, None, -1, -1, 0); array (1, shape, dtype, False, bytes). */
  private void build(Object target, Object state) throws DatasetFormatException {
    if (!(state instanceof PyTuple t)) {
      throw fail("BUILD with " + PickleValues.describe(state) + ", expected a tuple of numpy state");
    }
    if (target instanceof NumpyDtype dtype && !dtype.built) {
      if (t.size() < 5 || !(t.get(0) instanceof Integer) || !(t.get(1) instanceof PyStr) || t.get(3) != null
          || t.get(4) != null) {
        throw fail("dtype state " + describeAll(t) + ", expected (3, '|', None, None, None, -1, -1, 0)");
      }
      dtype.built = true;
    } else if (target instanceof NumpyArray array && !array.built()) {
      buildArray(array, t);
    } else {
      throw fail("BUILD on " + PickleValues.describe(target) + ": only new numpy arrays and dtypes are built");
    }
  }

  private void buildArray(NumpyArray array, PyTuple t) throws DatasetFormatException {
    int at = t.size() == 5 ? 1 : 0; // (version, shape, dtype, fortran, data) or older numpy's 4 without version
    if (t.size() != 4 && t.size() != 5 || !(t.get(at) instanceof PyTuple shape)
        || !(t.get(at + 1) instanceof NumpyDtype dtype) || !(t.get(at + 3) instanceof PyStr data)) {
      throw fail("array state " + describeAll(t) + ", expected (1, shape, dtype, False, bytes)");
    }
    if (!dtype.built) {
      throw fail("array state names a numpy dtype that was never built");
    }
    if (!Boolean.FALSE.equals(t.get(at + 2)) && shape.size() > 1) {
      throw fail("a Fortran-order array: only C-order arrays (as numpy writes CIFAR-100) are read");
    }
    int[] dims = new int[shape.size()];
    long elements = 1;
    for (int i = 0; i < dims.length; i++) {
      if (!(shape.get(i) instanceof Integer d) || d < 0) {
        throw fail("array shape " + describeAll(shape) + ", expected non-negative ints");
      }
      dims[i] = d;
      elements *= d;
    }
    array.shape = dims;
    if (elements != data.bytes().length) {
      throw fail("a uint8 array of shape " + array.shapeText() + " needs " + elements + " bytes, its data has "
          + data.bytes().length);
    }
    array.data = data.bytes();
  }

  // --- the stack ---

  private void push(Object value) {
    stack.add(value);
  }

  private int floor() {
    return marks.isEmpty() ? 0 : marks.peek();
  }

  private Object pop() throws DatasetFormatException {
    if (stack.size() <= floor()) {
      throw fail("an opcode needs a value and the stack has none: corrupt pickle");
    }
    return stack.remove(stack.size() - 1);
  }

  private Object peek() throws DatasetFormatException {
    if (stack.size() <= floor()) {
      throw fail("an opcode needs a value and the stack has none: corrupt pickle");
    }
    return stack.get(stack.size() - 1);
  }

  private List<Object> popTop(int n) throws DatasetFormatException {
    if (stack.size() - floor() < n) {
      throw fail("a tuple of " + n + " and the stack has " + (stack.size() - floor()) + ": corrupt pickle");
    }
    List<Object> top = stack.subList(stack.size() - n, stack.size());
    List<Object> out = new ArrayList<>(top);
    top.clear();
    return out;
  }

  private List<Object> popMark() throws DatasetFormatException {
    if (marks.isEmpty()) {
      throw fail("an opcode that needs a MARK, and there is none: corrupt pickle");
    }
    List<Object> top = stack.subList(marks.pop(), stack.size());
    List<Object> out = new ArrayList<>(top);
    top.clear();
    return out;
  }

  private Map<Object, Object> dict(List<Object> items) throws DatasetFormatException {
    if (items.size() % 2 != 0) {
      throw fail("DICT with " + items.size() + " items, expected key, value pairs");
    }
    Map<Object, Object> d = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i += 2) {
      d.put(key(items.get(i)), items.get(i + 1));
    }
    return d;
  }

  /** Dict keys are strs or ints here; a list key (unhashable in Python, and possibly self-containing) is refused. */
  private Object key(Object k) throws DatasetFormatException {
    if (k == null || k instanceof PyStr || k instanceof String || k instanceof Integer || k instanceof Boolean) {
      return k;
    }
    throw fail("a dict key that is " + PickleValues.describe(k) + ", expected a str or an int");
  }

  @SuppressWarnings("unchecked")
  private Map<Object, Object> dict(Object target) throws DatasetFormatException {
    if (target instanceof LinkedHashMap<?, ?> d) {
      return (Map<Object, Object>) d;
    }
    throw fail("SETITEM on " + PickleValues.describe(target) + ", expected a dict");
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(Object target) throws DatasetFormatException {
    if (target instanceof ArrayList<?> l) {
      return (List<Object>) l;
    }
    throw fail("APPEND on " + PickleValues.describe(target) + ", expected a list");
  }

  private Object memoGet(int index) throws DatasetFormatException {
    if (!memo.containsKey(index)) {
      throw fail("memo entry " + index + " is read before it is written: corrupt pickle");
    }
    return memo.get(index);
  }

  // --- the bytes ---

  private int u8() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw fail("the file ends inside an opcode's argument: truncated");
    }
    pos++;
    return b;
  }

  private int i32() throws IOException {
    return u8() | u8() << 8 | u8() << 16 | u8() << 24;
  }

  private byte[] bytes(int n) throws IOException {
    if (n < 0 || pos + n > size) {
      throw fail("a string of " + (n & 0xFFFFFFFFL) + " bytes runs past the end of the file (" + size
          + " bytes): truncated");
    }
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw fail("the file ends inside a string of " + n + " bytes: truncated");
    }
    pos += n;
    return b;
  }

  /** A protocol-0 argument: the bytes up to the next newline. */
  private String line() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b; (b = u8()) != '\n'; ) {
      if (out.size() >= MAX_LINE) {
        throw fail("an opcode's text argument runs past " + MAX_LINE + " bytes without a newline: corrupt pickle");
      }
      out.write(b);
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** Protocol 0's INT: a decimal, or 00 and 01 for False and True. */
  private Object textInt(String text) throws DatasetFormatException {
    if (text.equals("00") || text.equals("01")) {
      return text.equals("01");
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw fail("INT '" + PickleText.printable(text) + "', expected a decimal that fits 32 bits");
    }
  }

  private int memoIndex(String text) throws DatasetFormatException {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw fail("memo index '" + PickleText.printable(text) + "', expected a decimal");
    }
  }

  private static String describeAll(PyTuple t) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < t.size(); i++) {
      s.append(i > 0 ? ", " : "").append(PickleValues.describe(t.get(i)));
    }
    return s.append(")").toString();
  }

  private DatasetFormatException fail(String problem) {
    return new DatasetFormatException(file, "byte " + opcodeAt + ": " + problem);
  }
}
