package io.cnnlab.data;

import io.cnnlab.data.PickleValues.Global;
import io.cnnlab.data.PickleValues.PyStr;
import io.cnnlab.data.PickleValues.PyTuple;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
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
 * A deliberately narrow unpickler for CIFAR-100's python layout: the 2009 archive's Python 2 {@code cPickle}
 * files (protocol 2, and protocol 0's text opcodes for the same plain values), and the same dicts (or subsets)
 * saved again by Python 3's {@code pickle.dump} (protocols 2 to 5, numpy 1.x or 2.x), holding dicts, lists, ints,
 * strs, bytes and numpy uint8 arrays.
 *
 * <p>Nothing is looked up by name: only the globals of {@link PickleValues.Global} are accepted, as markers, and
 * REDUCE/BUILD on them must have exactly the argument shapes numpy and Python write ({@link PickleCalls}). Every
 * other opcode or global is refused with its byte offset, so a stream can construct nothing but the types in
 * {@link PickleValues}. Lengths are checked against the file size before anything is allocated, so a corrupt or
 * truncated file is an error naming the file and byte, not an out-of-memory.
 */
final class PickleReader {
  private static final int MAX_LINE = 4096;

  private final Path file;
  private final InputStream in;
  private final long size;
  private final List<Object> stack = new ArrayList<>();
  private final Deque<Integer> marks = new ArrayDeque<>();
  private final Map<Integer, Object> memo = new HashMap<>();
  private final PickleCalls calls = new PickleCalls(this::fail);
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
        case 'U', 'C' -> push(new PyStr(bytes(u8()))); // Python 2's SHORT_BINSTRING, Python 3's SHORT_BINBYTES
        case 'T', 'B' -> push(new PyStr(bytes(u32()))); // BINSTRING, BINBYTES
        case 0x96 -> push(new PyStr(bytes(u64()))); // BYTEARRAY8 (protocol 5)
        case 'S' -> push(new PyStr(PickleText.unquote(line(), this::fail)));
        case 'X' -> push(utf8(bytes(u32()))); // BINUNICODE
        case 0x8c -> push(utf8(bytes(u8()))); // SHORT_BINUNICODE
        case 'c' -> push(global(line(), line()));
        case 0x93 -> { // STACK_GLOBAL
          Object name = pop();
          Object module = pop();
          if (!(module instanceof String m) || !(name instanceof String n)) {
            throw fail("STACK_GLOBAL of " + PickleValues.describe(module) + " and " + PickleValues.describe(name)
                + ", expected two strs");
          }
          push(global(m, n));
        }
        case 'R' -> {
          Object args = pop();
          Object callable = pop();
          push(calls.reduce(callable, args));
        }
        case 'b' -> {
          Object state = pop();
          calls.build(peek(), state);
        }
        case 'q' -> memo.put(u8(), peek());
        case 'r' -> memo.put(i32(), peek());
        case 'p' -> memo.put(memoIndex(line()), peek());
        case 0x94 -> memo.put(memo.size(), peek()); // MEMOIZE: Python 3's memo numbers entries 0, 1, 2, ...
        case 'h' -> push(memoGet(u8()));
        case 'j' -> push(memoGet(i32()));
        case 'g' -> push(memoGet(memoIndex(line())));
        case 0x95 -> frame(u64());
        case 0x97, 0x98 -> throw fail("an out-of-band buffer (pickle protocol 5's NEXT_BUFFER/READONLY_BUFFER): the"
            + " array's bytes are not in the file; expected pickle.dump without buffer_callback");
        default -> throw fail(String.format("opcode 0x%02x%s is not one CIFAR-100's pickles use; refusing the file",
            op, op >= 0x20 && op < 0x7f ? " ('" + (char) op + "')" : ""));
      }
    }
  }

  private void protocol(int version) throws DatasetFormatException {
    if (version > 5) {
      throw fail("pickle protocol " + version + ", expected 0 to 5 (what Python 2 and 3 write)");
    }
  }

  /** Protocol 4's FRAME only says how many bytes of opcodes follow; they are read as they come. */
  private void frame(long length) throws DatasetFormatException {
    if (length < 0 || length > size - pos) {
      throw fail("a frame of " + Long.toUnsignedString(length) + " bytes runs past the end of the file (" + size
          + " bytes): truncated");
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
    Global g = Global.named(module, name);
    if (g == null) {
      throw fail("refuses the global " + PickleText.printable(module + "." + name) + ": a CIFAR-100 pickle names only "
          + Global.allNames());
    }
    return g;
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

  private long u32() throws IOException {
    return i32() & 0xFFFFFFFFL;
  }

  /** An 8-byte length, unsigned: a negative long is one above 2^63, past the end of any file. */
  private long u64() throws IOException {
    return u32() | u32() << 32;
  }

  private byte[] bytes(long length) throws IOException {
    if (length < 0 || length > size - pos) {
      throw fail("a string of " + Long.toUnsignedString(length) + " bytes runs past the end of the file (" + size
          + " bytes): truncated");
    }
    if (length > Integer.MAX_VALUE - 8) {
      throw fail("a string of " + length + " bytes, more than one Java array holds");
    }
    int n = (int) length;
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw fail("the file ends inside a string of " + n + " bytes: truncated");
    }
    pos += n;
    return b;
  }

  /**
   * Python pickles str as UTF-8. Java's decoding replaces what is not UTF-8 with U+FFFD (and, unlike a strict
   * decoder, needs no char buffer: Python 3's protocol 2 holds all of 'data' in one str); only a result with
   * U+FFFD, genuine or a replacement, is decoded again strictly to tell which.
   */
  private String utf8(byte[] bytes) throws DatasetFormatException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) {
      return text;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw fail("a str of " + bytes.length + " bytes that is not UTF-8 (" + e + ")");
    }
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

  private DatasetFormatException fail(String problem) {
    return new DatasetFormatException(file, "byte " + opcodeAt + ": " + problem);
  }
}
