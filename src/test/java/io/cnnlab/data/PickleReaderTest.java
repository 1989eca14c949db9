package io.cnnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.PickleValues.NumpyArray;
import io.cnnlab.data.PickleValues.PyStr;
import io.cnnlab.data.PickleValues.PyTuple;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The narrow unpickler on bytes Python 2 writes (copied from its output), and on corrupt and hostile ones. */
class PickleReaderTest {
  @TempDir Path dir;

  private Object read(byte[] bytes) throws IOException {
    return PickleReader.read(Files.write(dir.resolve("p.pickle"), bytes));
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private DatasetFormatException refused(byte[] bytes) {
    return assertThrows(DatasetFormatException.class, () -> read(bytes));
  }

  @Test
  void readsPython2ProtocolTwoValues() throws IOException {
    // cPickle.dumps({'a': 5, 'bb': 1000, 'c': -2, 'd': [None, True, False, u'uni\u00e9'], 'e': (1, 2)}, 2)
    Object v = read(latin1("\u0080\u0002}q\u0001(U\u0001aK\u0005U\u0001cJ\u00fe\u00ff\u00ff\u00ffU\u0001eK\u0001K\u0002"
        + "\u0086q\u0002U\u0001d]q\u0003(N\u0088\u0089X\u0005\u0000\u0000\u0000uni\u00c3\u00a9q\u0004eU\u0002bbq\u0005"
        + "M\u00e8\u0003u."));

    Map<?, ?> d = (Map<?, ?>) v;
    assertEquals(5, d.get(PyStr.of("a")));
    assertEquals(1000, d.get(PyStr.of("bb")));
    assertEquals(-2, d.get(PyStr.of("c")));
    assertEquals(Arrays.asList(null, true, false, "uni\u00e9"), d.get(PyStr.of("d")));
    assertEquals(new PyTuple(List.of(1, 2)), d.get(PyStr.of("e")));
  }

  @Test
  void readsPython2ProtocolZeroText() throws IOException {
    // cPickle.dumps({'fine': ['apple', "it's", 'tab\there\x01'], 'n': 42, 'flag': True}, 0)
    Object v = read(latin1("(dp1\nS'flag'\np2\nI01\nsS'fine'\np3\n(lp4\nS'apple'\np5\naS\"it's\"\np6\n"
        + "aS'tab\\there\\x01'\np7\nasS'n'\nI42\ns."));

    Map<?, ?> d = (Map<?, ?>) v;
    assertEquals(true, d.get(PyStr.of("flag")));
    assertEquals(42, d.get(PyStr.of("n")));
    assertEquals(List.of(PyStr.of("apple"), PyStr.of("it's"), PyStr.of("tab\there\u0001")), d.get(PyStr.of("fine")));
  }

  @Test
  void memoGetsReturnTheSameObjectThroughLongIndices() throws IOException {
    // A list memoized under 300 (LONG_BINPUT) and fetched twice (LONG_BINGET) into a tuple.
    byte[] p = new PickleWriter().proto2().raw(']').raw('r', 44, 1, 0, 0).integer(7).raw('a').raw('j', 44, 1, 0, 0)
        .raw(0x86).stop().bytes();

    PyTuple t = (PyTuple) read(p);

    assertEquals(List.of(7), t.get(0));
    assertSame(t.get(0), t.get(1));
  }

  @Test
  void readsNumpysUint8ArrayAsCPickleWritesIt() throws IOException {
    byte[] data = Fixtures.randomBytes(2 * 3072, 5);
    byte[] p = new PickleWriter().proto2().uint8Array(new int[] {2, 3072}, data).stop().bytes();

    NumpyArray a = (NumpyArray) read(p);

    assertArrayEquals(new int[] {2, 3072}, a.shape);
    assertArrayEquals(data, a.data);
  }

  @Test
  void refusesEveryGlobalButNumpysArrayReconstruction() {
    // The classic payload: os.system('echo owned'), in protocol 0 and protocol 2.
    DatasetFormatException p0 = refused(latin1("cos\nsystem\n(S'echo owned'\ntR."));
    DatasetFormatException p2 = refused(latin1("\u0080\u0002c__builtin__\neval\nq\u0001U\u0004'x'q\u0002\u0085R."));

    assertTrue(p0.getMessage().startsWith(dir.resolve("p.pickle") + ": byte 0: refuses the global 'os.system'"),
        p0.getMessage());
    assertTrue(p2.getMessage().contains(": byte 2: refuses the global '__builtin__.eval': a CIFAR-100 pickle names only"
        + " numpy.core.multiarray._reconstruct, numpy._core.multiarray._reconstruct, numpy.ndarray, numpy.dtype,"
        + " numpy.core.numeric._frombuffer, numpy._core.numeric._frombuffer, _codecs.encode, __builtin__.bytes,"
        + " builtins.bytes"), p2.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {'P', 'Q', 'i', 'o', 0x81, 0x82, 0x8a, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92, '0', '2', 'V', 'L', 'F',
      'G'})
  void refusesOpcodesTheCifarPicklesDoNotUse(int opcode) {
    DatasetFormatException e = refused(new byte[] {(byte) 0x80, 2, (byte) opcode, 0, 0, 0, 0, '.'});

    assertTrue(e.getMessage().contains(String.format(": byte 2: opcode 0x%02x", opcode)), e.getMessage());
    assertTrue(e.getMessage().contains("is not one CIFAR-100's pickles use"), e.getMessage());
  }

  @Test
  void numpysCallsAreCheckedArgumentByArgument() {
    PickleWriter ndarrayCalled = new PickleWriter().proto2().global("numpy", "ndarray").integer(0).raw(0x85).raw('R');
    PickleWriter reconstructShort = new PickleWriter().proto2().global("numpy.core.multiarray", "_reconstruct")
        .global("numpy", "ndarray").integer(0).raw(0x85).raw(0x86).raw('R');
    PickleWriter float64 = new PickleWriter().proto2().global("numpy", "dtype").str("f8").integer(0).integer(1)
        .raw(0x87).raw('R');

    assertTrue(refused(ndarrayCalled.stop().bytes()).getMessage().contains("numpy.ndarray called with (the int 0)"));
    assertTrue(refused(reconstructShort.stop().bytes()).getMessage()
        .contains("numpy.core.multiarray._reconstruct called with (the global numpy.ndarray, a tuple of 1)"));
    assertTrue(refused(float64.stop().bytes()).getMessage().contains("numpy.dtype('f8'): only uint8 ('u1') arrays"));
  }

  @Test
  void arrayBytesMustFillItsShape() {
    byte[] p = new PickleWriter().proto2().uint8Array(new int[] {2, 3072}, new byte[3072]).stop().bytes();

    assertTrue(refused(p).getMessage().contains("a uint8 array of shape (2, 3072) needs 6144 bytes, its data has 3072"));
  }

  @Test
  void fortranOrderArraysAreRefused() {
    byte[] c = new PickleWriter().proto2().uint8Array(new int[] {1, 4}, new byte[4]).stop().bytes();
    byte[] fortran = c.clone();
    for (int i = 0; i < fortran.length; i++) {
      if ((fortran[i] & 0xFF) == 0x89) { // NEWFALSE, the is_fortran flag: the data bytes are zeros
        fortran[i] = (byte) 0x88;
      }
    }

    assertTrue(refused(fortran).getMessage().contains("a Fortran-order array"));
  }

  @Test
  void truncationAnywhereIsAnErrorNamingTheFile() throws IOException {
    byte[] whole = Fixtures.cifarBatchPickle(new int[] {3, 4}, new int[] {15, 16}, Fixtures.randomBytes(6144, 3));
    read(whole); // intact, it reads
    for (int cut = 0; cut < whole.length; cut += cut < 400 ? 1 : 97) {
      DatasetFormatException e = refused(Arrays.copyOf(whole, cut));
      assertTrue(e.getMessage().startsWith(dir.resolve("p.pickle") + ": byte "), e.getMessage());
      assertTrue(e.getMessage().contains("truncated"), cut + ": " + e.getMessage());
    }
  }

  @Test
  void corruptStreamsAreErrorsNotCrashes() {
    assertTrue(refused(latin1("\u0080\u0002a.")).getMessage().contains("byte 2: an opcode needs a value and the stack"));
    assertTrue(refused(latin1("\u0080\u0002h\u0007.")).getMessage().contains("memo entry 7 is read before it is"));
    assertTrue(refused(latin1("\u0080\u0002N.N")).getMessage().contains("more bytes follow the STOP opcode"));
    assertTrue(refused(latin1("\u0080\u0002NN.")).getMessage().contains("STOP with 2 values"));
    assertTrue(refused(latin1("\u0080\u0002e.")).getMessage().contains("needs a MARK"));
    // Lengths far beyond the file are refused before anything is allocated.
    assertTrue(refused(latin1("\u0080\u0002T\u00ff\u00ff\u00ff\u007fab.")).getMessage()
        .contains("byte 2: a string of 2147483647 bytes runs past the end of the file (10 bytes): truncated"));
    assertTrue(refused(latin1("\u0080\u0002T\u00ff\u00ff\u00ff\u00ffab.")).getMessage()
        .contains("a string of 4294967295 bytes runs past the end"));
  }

  /** {@code python}: 2 for the 2009 archive's cPickle form, 3 for Python 3's protocol 5 (numpy 2). */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void randomlyDamagedPicklesReadOrFailWithTheFormatError(int python) throws IOException {
    byte[] whole = python == 2
        ? Fixtures.cifarBatchPickle(new int[] {3, 4}, new int[] {15, 16}, Fixtures.randomBytes(6144, 3))
        : Fixtures.CifarSplit.random(2, 3).pickle3(5, 2);
    Random r = new Random(11);
    for (int trial = 0; trial < 400; trial++) {
      byte[] damaged = whole.clone();
      // Damage the opcode stream, not only the pixel bytes (which read fine whatever they are).
      int at = r.nextInt(3) == 0 ? r.nextInt(damaged.length) : r.nextInt(260);
      damaged[at] = (byte) r.nextInt(256);
      try {
        read(damaged);
      } catch (DatasetFormatException expected) {
        assertTrue(expected.getMessage().startsWith(dir.resolve("p.pickle") + ": byte "), expected.getMessage());
      }
    }
  }
}
