package io.cnnlab.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Pickles values as Python 3's {@code pickle.dump(obj, f, protocol)} does (a port of {@code pickle.py}'s Pickler,
 * whose output equals the C pickler's), for the values a CIFAR-100 split or meta file holds: dicts with str keys,
 * lists of ints or strs, strs, bytes and uint8 numpy arrays (reduced as numpy 1.x or 2.x does). Protocol 2
 * writes bytes through {@code _codecs.encode}; protocol 4 adds frames of 64 KiB, MEMOIZE and STACK_GLOBAL;
 * protocol 5 reduces arrays to {@code _frombuffer} of an in-band bytearray.
 *
 * <p>Python memoizes by object identity, so identity is modelled too: interned Java strings (literals) stand for
 * Python's interned names, {@link #TYPECODE} and {@link #DTYPE_U1} for numpy's shared objects.
 */
final class Python3PickleWriter {
  /** A C-order uint8 array. */
  record Uint8Array(int[] shape, byte[] data) {}

  private record Tuple(Object... items) {}

  private record Global(String module, String name) {}

  private record Reduce(Object func, Tuple args, Object state) {}

  private static final int FRAME_TARGET = 64 * 1024;
  private static final int BATCH = 1000;
  /** numpy's {@code b'b'} type code (a one-byte bytes, cached by Python) and its uint8 dtype (a singleton). */
  private static final byte[] TYPECODE = {'b'};
  private static final Object DTYPE_U1 = new Object();

  private final int protocol;
  private final String numpyCore;
  private final ByteArrayOutputStream file = new ByteArrayOutputStream();
  private ByteArrayOutputStream frame;
  private final Map<Object, Integer> memo = new IdentityHashMap<>();
  /** One instance per global, as Python has one function or class object per name. */
  private final Map<Global, Global> globals = new HashMap<>();

  private Python3PickleWriter(int protocol, int numpyMajor) {
    this.protocol = protocol;
    this.numpyCore = numpyMajor >= 2 ? "numpy._core" : "numpy.core";
  }

  /** The bytes {@code pickle.dump(value, f, protocol)} writes with numpy {@code numpyMajor} (1 or 2). */
  static byte[] dump(Object value, int protocol, int numpyMajor) {
    if (protocol < 2 || protocol > 5) {
      throw new IllegalArgumentException("protocol " + protocol);
    }
    Python3PickleWriter w = new Python3PickleWriter(protocol, numpyMajor);
    w.write(0x80, protocol);
    if (protocol >= 4) {
      w.frame = new ByteArrayOutputStream();
    }
    w.save(value);
    w.write('.');
    if (w.frame != null && w.frame.size() > 0) {
      w.commitFrame();
    }
    return w.file.toByteArray();
  }

  private void save(Object v) {
    if (frame != null && frame.size() >= FRAME_TARGET) {
      commitFrame();
    }
    if (v instanceof Global g) {
      v = globals.computeIfAbsent(g, k -> k);
    }
    Integer seen = v == null ? null : memo.get(v);
    if (seen != null) {
      get(seen);
    } else if (v == null) {
      write('N');
    } else if (v instanceof Boolean b) {
      write(b ? 0x88 : 0x89);
    } else if (v instanceof Integer i) {
      saveInt(i);
    } else if (v instanceof String s) {
      saveStr(s);
    } else if (v instanceof byte[] b) {
      saveBytes(b);
    } else if (v instanceof Bytearray b) {
      payload(new byte[] {(byte) 0x96}, 8, b.data());
      memoize(b);
    } else if (v instanceof Tuple t) {
      saveTuple(t);
    } else if (v instanceof List<?> list) {
      write(']');
      memoize(list);
      batches(list, 1, 'e', 'a');
    } else if (v instanceof Map<?, ?> dict) {
      write('}');
      memoize(dict);
      batches(dict.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue())).toList(),
          2, 'u', 's');
    } else if (v instanceof Global g) {
      saveGlobal(g);
    } else if (v instanceof Uint8Array a) {
      saveReduce(reduce(a), a);
    } else if (v == DTYPE_U1) {
      saveReduce(new Reduce(new Global("numpy", "dtype"), new Tuple("u1", false, true),
          new Tuple(3, "|", null, null, null, -1, -1, 0)), v);
    } else {
      throw new IllegalArgumentException("cannot pickle " + v.getClass());
    }
  }

  /** numpy's {@code ndarray.__reduce_ex__}: {@code _frombuffer} from protocol 5, {@code _reconstruct} before. */
  private Reduce reduce(Uint8Array a) {
    Tuple shape = new Tuple(Arrays.stream(a.shape()).boxed().toArray());
    if (protocol >= 5) {
      Object buffer = new Bytearray(a.data());
      return new Reduce(new Global(numpyCore + ".numeric", "_frombuffer"), new Tuple(buffer, DTYPE_U1, shape, "C"),
          null);
    }
    return new Reduce(new Global(numpyCore + ".multiarray", "_reconstruct"),
        new Tuple(new Global("numpy", "ndarray"), new Tuple(0), TYPECODE), new Tuple(1, shape, DTYPE_U1, false,
        a.data()));
  }

  /** An in-band PickleBuffer of a writable array, which protocol 5 writes as a bytearray. */
  private record Bytearray(byte[] data) {}

  private void saveReduce(Reduce r, Object obj) {
    save(r.func());
    save(r.args());
    write('R');
    memoize(obj);
    if (r.state() != null) {
      save(r.state());
      write('b');
    }
  }

  private void saveInt(int v) {
    if (v >= 0 && v <= 0xFF) {
      write('K', v);
    } else if (v >= 0 && v <= 0xFFFF) {
      write('M', v & 0xFF, v >>> 8);
    } else {
      write('J').le(v, 4);
    }
  }

  private void saveStr(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= 0xFF && protocol >= 4) {
      write(0x8c, utf8.length).write(utf8);
    } else {
      payload(new byte[] {'X'}, 4, utf8);
    }
    memoize(s);
  }

  /** Before protocol 3 bytes are {@code _codecs.encode(bytes.decode('latin1'), 'latin1')}, or {@code bytes()}. */
  private void saveBytes(byte[] b) {
    if (protocol < 3) {
      saveReduce(b.length == 0 ? new Reduce(new Global("__builtin__", "bytes"), new Tuple(), null)
          : new Reduce(new Global("_codecs", "encode"), new Tuple(new String(b, StandardCharsets.ISO_8859_1),
          "latin1"), null), b);
    } else if (b.length <= 0xFF) {
      write('C', b.length).write(b);
      memoize(b);
    } else {
      payload(new byte[] {'B'}, 4, b);
      memoize(b);
    }
  }

  private void saveTuple(Tuple t) {
    if (t.items().length == 0) {
      write(')');
      return;
    }
    if (t.items().length > 3) {
      write('(');
    }
    for (Object item : t.items()) {
      save(item);
    }
    write(t.items().length > 3 ? 't' : 0x84 + t.items().length);
    memoize(t);
  }

  private void saveGlobal(Global g) {
    if (protocol >= 4) {
      save(g.module().intern());
      save(g.name().intern());
      write(0x93);
    } else {
      write('c').write((g.module() + "\n" + g.name() + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    memoize(g);
  }

  /** EMPTY_LIST/DICT's items in batches of 1,000: MARK items APPENDS/SETITEMS, or one item and APPEND/SETITEM. */
  private void batches(List<?> flat, int per, int many, int one) {
    int items = flat.size() / per;
    for (int start = 0; ; start += BATCH) {
      int n = Math.min(BATCH, items - start);
      if (n > 1) {
        write('(');
      }
      for (Object v : flat.subList(start * per, (start + n) * per)) {
        save(v);
      }
      if (n > 0) {
        write(n > 1 ? many : one);
      }
      if (n < BATCH) {
        return;
      }
    }
  }

  private void memoize(Object obj) {
    int index = memo.size();
    memo.put(obj, index);
    if (protocol >= 4) {
      write(0x94);
    } else if (index < 256) {
      write('q', index);
    } else {
      write('r').le(index, 4);
    }
  }

  private void get(int index) {
    if (index < 256) {
      write('h', index);
    } else {
      write('j').le(index, 4);
    }
  }

  /** A length-prefixed payload; from 64 KiB on it ends the frame and goes outside frames, as Python writes it. */
  private void payload(byte[] opcode, int lengthBytes, byte[] data) {
    if (data.length >= FRAME_TARGET && frame != null) {
      commitFrame();
      file.writeBytes(opcode);
      le(file, data.length, lengthBytes);
      file.writeBytes(data);
    } else {
      write(opcode).le(data.length, lengthBytes).write(data);
    }
  }

  /** FRAME and the frame's length (8 bytes), unless it is under 4 bytes long, then its opcodes. */
  private void commitFrame() {
    if (frame.size() >= 4) {
      file.write(0x95);
      le(file, frame.size(), 8);
    }
    file.writeBytes(frame.toByteArray());
    frame.reset();
  }

  private Python3PickleWriter write(int... bytes) {
    for (int b : bytes) {
      out().write(b);
    }
    return this;
  }

  private Python3PickleWriter write(byte[] bytes) {
    out().writeBytes(bytes);
    return this;
  }

  private Python3PickleWriter le(long v, int n) {
    le(out(), v, n);
    return this;
  }

  private static void le(ByteArrayOutputStream out, long v, int n) {
    for (int i = 0; i < n; i++) {
      out.write((int) (v >>> 8 * i) & 0xFF);
    }
  }

  private ByteArrayOutputStream out() {
    return frame != null ? frame : file;
  }
}
