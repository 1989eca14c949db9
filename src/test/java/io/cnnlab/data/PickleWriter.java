package io.cnnlab.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes pickle opcodes as Python 2's {@code cPickle.dump(obj, f, 2)} does, memo puts included (numbered from 1,
 * BINPUT below 256, LONG_BINPUT above; lists appended in batches of 1,000), for fixtures in CIFAR-100's real
 * python format. The numpy array is written as numpy 1.x reduces it (checked against Python 2.7's own cPickle
 * output for a stand-in with numpy's reduce tuples, which numpy 2 then loads).
 */
final class PickleWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int memo = 1;

  PickleWriter raw(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  PickleWriter raw(String latin1) {
    out.writeBytes(latin1.getBytes(StandardCharsets.ISO_8859_1));
    return this;
  }

  private PickleWriter le32(int v) {
    return raw(v & 0xFF, v >>> 8 & 0xFF, v >>> 16 & 0xFF, v >>> 24 & 0xFF);
  }

  PickleWriter proto2() {
    return raw(0x80, 2);
  }

  PickleWriter put() {
    if (memo < 256) {
      raw('q', memo);
    } else {
      raw('r').le32(memo);
    }
    memo++;
    return this;
  }

  PickleWriter mark() {
    return raw('(');
  }

  PickleWriter stop() {
    return raw('.');
  }

  /** cPickle's save_int: BININT1, BININT2 or the signed 4-byte BININT. */
  PickleWriter integer(int v) {
    if (v >= 0 && v < 256) {
      return raw('K', v);
    } else if (v >= 0 && v < 65536) {
      return raw('M', v & 0xFF, v >>> 8);
    }
    return raw('J').le32(v);
  }

  /** A Python 2 str: SHORT_BINSTRING below 256 bytes, else BINSTRING; memoized unless one character long. */
  PickleWriter str(byte[] bytes) {
    if (bytes.length < 256) {
      raw('U', bytes.length);
    } else {
      raw('T').le32(bytes.length);
    }
    out.writeBytes(bytes);
    return bytes.length > 1 ? put() : this;
  }

  PickleWriter str(String latin1) {
    return str(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  PickleWriter global(String module, String name) {
    return raw('c').raw(module + "\n" + name + "\n").put();
  }

  /** EMPTY_LIST, then per batch of 1,000: MARK, the ints, APPENDS (a batch of one: the int, APPEND). */
  PickleWriter intList(int[] values) {
    raw(']').put();
    for (int start = 0; start < values.length; start += 1000) {
      int end = Math.min(values.length, start + 1000);
      if (end - start == 1) {
        integer(values[start]).raw('a');
        continue;
      }
      mark();
      for (int i = start; i < end; i++) {
        integer(values[i]);
      }
      raw('e');
    }
    return this;
  }

  PickleWriter strList(List<String> values) {
    raw(']').put();
    for (int start = 0; start < values.size(); start += 1000) {
      int end = Math.min(values.size(), start + 1000);
      mark();
      for (int i = start; i < end; i++) {
        str(values.get(i));
      }
      raw('e');
    }
    return this;
  }

  /**
   * A uint8 array as numpy reduces it: {@code _reconstruct(ndarray, (0,), 'b')}, memoized, then BUILD with
   * {@code (1, shape, dtype('u1') built with (3, '|', None, None, None, -1, -1, 0), False, data)}.
   */
  PickleWriter uint8Array(int[] shape, byte[] data) {
    global("numpy.core.multiarray", "_reconstruct");
    global("numpy", "ndarray");
    integer(0).raw(0x85).put().str("b").raw(0x87).raw('R').put();
    mark().integer(1);
    for (int d : shape) {
      integer(d);
    }
    raw(shape.length == 1 ? 0x85 : shape.length == 2 ? 0x86 : 0x87).put();
    global("numpy", "dtype");
    str("u1").integer(0).integer(1).raw(0x87).put().raw('R').put();
    mark().integer(3).str("|").raw('N', 'N', 'N').integer(-1).integer(-1).integer(0).raw('t').put().raw('b');
    raw(0x89).str(data).raw('t').raw('b');
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
