package io.cnnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.Fixtures.CifarSplit;
import io.cnnlab.data.PickleValues.NumpyArray;
import io.cnnlab.data.PickleValues.PyStr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CIFAR-100 files as Python writes them: the bytes Python wrote for one tiny dict, checked in as hex, are read,
 * and the fixture writers reproduce them byte for byte; then CIFAR-shaped files saved again by Python 3.
 */
class PicklesFromPython3Test {
  @TempDir Path dir;

  // {'data': numpy.array([[1, 2, 3], [4, 5, 6]], numpy.uint8), 'fine_labels': [3, 99], 'batch_label': LABEL}, as
  // pickle.dump(d, f, protocol) wrote it: Debian 12's /usr/bin/python3 (3.11.2) with numpy 1.24.2, protocols 2 and
  // 4, LABEL 'b'; Python 3.11.7 with numpy 2.4.6, protocol 5, LABEL 'b'. And the 2009 archive's form: Python
  // 2.7.18's cPickle.dumps(d, 2), LABEL 'training batch 1 of 1', with stand-in numpy classes whose __reduce__
  // returns numpy 1.x's tuples (no numpy for that Python here). Dumps: python3 -m pickletools.
  private static final String PY2_2009_P2 = ""
      + "80027d710128550b62617463685f6c6162656c71025515747261696e696e672062617463682031206f6620317103550464617461"
      + "7104636e756d70792e636f72652e6d756c746961727261790a5f7265636f6e7374727563740a7105636e756d70790a6e64617272"
      + "61790a71064b0085710755016287527108284b014b024b03867109636e756d70790a64747970650a710a55027531710b4b004b01"
      + "87710c52710d284b0355017c4e4e4e4affffffff4affffffff4b0074710e62895506010203040506710f7462550b66696e655f6c"
      + "6162656c7371105d7111284b034b6365752e";
  private static final String PY3_NUMPY1_P2 = ""
      + "80027d7100285804000000646174617101636e756d70792e636f72652e6d756c746961727261790a5f7265636f6e737472756374"
      + "0a7102636e756d70790a6e6461727261790a71034b00857104635f636f646563730a656e636f64650a7105580100000062710658"
      + "060000006c6174696e31710786710852710987710a52710b284b014b024b0386710c636e756d70790a64747970650a710d580200"
      + "00007531710e898887710f527110284b0358010000007c71114e4e4e4affffffff4affffffff4b00747112628968055806000000"
      + "0102030405067113680786711452711574711662580b00000066696e655f6c6162656c7371175d7118284b034b6365580b000000"
      + "62617463685f6c6162656c7119580100000062711a752e";
  private static final String PY3_NUMPY1_P4 = ""
      + "800495c3000000000000007d94288c0464617461948c156e756d70792e636f72652e6d756c74696172726179948c0c5f7265636f"
      + "6e7374727563749493948c056e756d7079948c076e6461727261799493944b0085944301629487945294284b014b024b03869468"
      + "058c0564747970659493948c02753194898887945294284b038c017c944e4e4e4affffffff4affffffff4b007494628943060102"
      + "03040506947494628c0b66696e655f6c6162656c73945d94284b034b63658c0b62617463685f6c6162656c948c016294752e";
  private static final String PY3_NUMPY2_P5 = ""
      + "800595af000000000000007d94288c0464617461948c136e756d70792e5f636f72652e6e756d65726963948c0b5f66726f6d6275"
      + "6666657294939428960600000000000000010203040506948c056e756d7079948c0564747970659493948c027531948988879452"
      + "94284b038c017c944e4e4e4affffffff4affffffff4b007494624b024b0386948c014394749452948c0b66696e655f6c6162656c"
      + "73945d94284b034b63658c0b62617463685f6c6162656c948c016294752e";

  private Path file(byte[] bytes) throws IOException {
    return Files.write(dir.resolve("p.pickle"), bytes);
  }

  private DatasetFormatException refused(byte[] bytes) {
    return assertThrows(DatasetFormatException.class, () -> PickleReader.read(file(bytes)));
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  /** {@code hex} with its one occurrence of {@code from} replaced: a real file damaged in one known place. */
  private static byte[] edited(String hex, String from, String to) {
    assertEquals(hex.indexOf(from), hex.lastIndexOf(from), from);
    assertTrue(hex.contains(from), from);
    return hex(hex.replace(from, to));
  }

  private static Map<String, Object> tiny(String label) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("data", new Python3PickleWriter.Uint8Array(new int[] {2, 3}, new byte[] {1, 2, 3, 4, 5, 6}));
    d.put("fine_labels", List.of(3, 99));
    d.put("batch_label", label);
    return d;
  }

  /** {@code dict[key]} whether the key is a Python 2 str (bytes) or a Python 3 str. */
  private static Object get(Map<?, ?> dict, String key) {
    return dict.containsKey(key) ? dict.get(key) : dict.get(PyStr.of(key));
  }

  @ParameterizedTest
  @CsvSource({"PY2_2009_P2, training batch 1 of 1", "PY3_NUMPY1_P2, b", "PY3_NUMPY1_P4, b", "PY3_NUMPY2_P5, b"})
  void pythonsOwnBytesAreRead(String sample, String label) throws Exception {
    String hex = (String) PicklesFromPython3Test.class.getDeclaredField(sample).get(null);

    Map<?, ?> d = (Map<?, ?>) PickleReader.read(file(hex(hex)));

    NumpyArray data = (NumpyArray) get(d, "data");
    assertArrayEquals(new int[] {2, 3}, data.shape);
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, data.data);
    assertEquals(List.of(3, 99), get(d, "fine_labels"));
    assertEquals(label, PickleCalls.text(get(d, "batch_label")));
  }

  @Test
  void theFixtureWritersWritePythonsBytes() {
    PickleWriter cPickle = new PickleWriter().proto2().raw('}').put().mark();
    cPickle.str("batch_label").str("training batch 1 of 1").str("data").uint8Array(new int[] {2, 3},
        new byte[] {1, 2, 3, 4, 5, 6}).str("fine_labels").intList(new int[] {3, 99}).raw('u').stop();

    assertEquals(PY2_2009_P2, HexFormat.of().formatHex(cPickle.bytes()));
    assertEquals(PY3_NUMPY1_P2, HexFormat.of().formatHex(Python3PickleWriter.dump(tiny("b"), 2, 1)));
    assertEquals(PY3_NUMPY1_P4, HexFormat.of().formatHex(Python3PickleWriter.dump(tiny("b"), 4, 1)));
    assertEquals(PY3_NUMPY2_P5, HexFormat.of().formatHex(Python3PickleWriter.dump(tiny("b"), 5, 2)));
  }

  @ParameterizedTest
  @CsvSource({"2, 1", "3, 1", "4, 1", "5, 1", "2, 2", "4, 2", "5, 2"})
  void cifarSplitsSavedByPython3Read(int protocol, int numpy) throws IOException {
    // 2,300 images: label lists in three APPENDS batches, memo indices past 255, protocol 4's frames of 64 KiB.
    CifarSplit split = CifarSplit.random(2300, protocol * 10 + numpy);
    Path file = Fixtures.write(dir.resolve("train"), split.pickle3(protocol, numpy), false);

    Cifar100Pickles.Batch b = Cifar100Pickles.readBatch(file);

    assertEquals(2300, b.count());
    assertArrayEquals(split.planes(), b.planes());
    for (int i = 0; i < 2300; i++) {
      assertEquals(split.fine()[i], b.fineLabels()[i]);
      assertEquals(split.coarse()[i], b.coarseLabels()[i]);
    }
  }

  @Test
  void aFolderSavedByPython3ConvertsToTheBinaryLayout() throws IOException {
    CifarSplit train = CifarSplit.random(5, 1);
    CifarSplit test = CifarSplit.random(3, 2);
    Path layout = Fixtures.writePython3Layout(dir.resolve("saved"), train, test, Cifar100PicklesTest.COARSE,
        Cifar100PicklesTest.FINE, 4, 2);

    Cifar100Pickles.Conversion c = Cifar100Pickles.convert(layout, dir.resolve("out"));

    assertEquals(Cifar100PicklesTest.FINE, c.names().fine());
    assertEquals(Cifar100PicklesTest.COARSE, c.names().coarse());
    assertArrayEquals(train.binaryRecords(), Files.readAllBytes(dir.resolve("out/train.bin")));
    assertArrayEquals(test.binaryRecords(), Files.readAllBytes(dir.resolve("out/test.bin")));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4})
  void bytesKeysAndNamesAsLoadedWithEncodingBytesRead(int protocol) throws IOException {
    // pickle.load(f, encoding='bytes') gives b'data', b'fine_label_names', ...; saved again, they stay bytes.
    CifarSplit split = CifarSplit.random(3, 7);
    Map<Object, Object> batch = new LinkedHashMap<>();
    split.dict().forEach((k, v) -> batch.put(latin1(k), asBytes(v)));
    Map<Object, Object> meta = new LinkedHashMap<>();
    meta.put(latin1("fine_label_names"), asBytes(Cifar100PicklesTest.FINE));
    meta.put(latin1("coarse_label_names"), asBytes(Cifar100PicklesTest.COARSE));

    Cifar100Pickles.Batch b = Cifar100Pickles.readBatch(Files.write(dir.resolve("train"),
        Python3PickleWriter.dump(batch, protocol, 1)));
    Cifar100Pickles.Names names = Cifar100Pickles.readMeta(Files.write(dir.resolve("meta"),
        Python3PickleWriter.dump(meta, protocol, 1)));

    assertArrayEquals(split.binaryRecords(), records(b));
    assertEquals(Cifar100PicklesTest.FINE, names.fine());
    assertEquals(Cifar100PicklesTest.COARSE, names.coarse());
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4, 5})
  void anEmptySplitReads(int protocol) throws IOException {
    // No images: protocol 2 pickles the empty bytes as bytes(), protocol 5 as an empty bytearray.
    Path file = Files.write(dir.resolve("test"), CifarSplit.random(0, 1).pickle3(protocol, 2));

    assertEquals(0, Cifar100Pickles.readBatch(file).count());
  }

  @Test
  void whatIsNotNumpysUint8OrPythonsBytesIsRefusedByName() {
    assertTrue(refused(edited(PY3_NUMPY1_P4, "8c02753194", "8c02663894")).getMessage()
        .endsWith("byte 124: numpy.dtype('f8'): only uint8 ('u1') arrays are read"));
    // The array's bytes in protocol 2 are a str of code points below 256: U+20AC cannot be one of them.
    assertTrue(refused(edited(PY3_NUMPY1_P2, "5806000000010203040506", "5806000000e282ac010203")).getMessage()
        .contains("_codecs.encode(str, 'latin1') of a str with U+20AC at character 0"));
    assertTrue(refused(edited(PY3_NUMPY1_P2, "5806000000010203040506", "5806000000ff0102030405")).getMessage()
        .contains(": byte 203: a str of 6 bytes that is not UTF-8"));
    assertTrue(refused(new byte[] {(byte) 0x80, 5, (byte) 0x97, '.'}).getMessage().endsWith("byte 2: an out-of-band"
        + " buffer (pickle protocol 5's NEXT_BUFFER/READONLY_BUFFER): the array's bytes are not in the file;"
        + " expected pickle.dump without buffer_callback"));
    assertTrue(refused(new byte[] {(byte) 0x80, 6, 'N', '.'}).getMessage()
        .endsWith("byte 0: pickle protocol 6, expected 0 to 5 (what Python 2 and 3 write)"));
  }

  @Test
  void stackGlobalsAreCheckedLikeGlobals() {
    byte[] system = "\u0080\u0004\u008c\u0002os\u008c\u0006system\u0093N\u0085R.".getBytes(StandardCharsets.ISO_8859_1);
    byte[] ints = {(byte) 0x80, 4, 'K', 1, 'K', 2, (byte) 0x93, '.'};

    assertTrue(refused(system).getMessage().contains(": byte 14: refuses the global 'os.system': a CIFAR-100 pickle"
        + " names only numpy.core.multiarray._reconstruct, numpy._core.multiarray._reconstruct, numpy.ndarray,"),
        refused(system).getMessage());
    assertTrue(refused(ints).getMessage().endsWith("byte 6: STACK_GLOBAL of the int 1 and the int 2, expected two strs"));
  }

  @Test
  void framesAndTruncationAnywhereAreErrorsNamingTheFile() throws IOException {
    assertTrue(refused(edited(PY3_NUMPY1_P4, "95c300000000000000", "95ff00000000000000")).getMessage()
        .endsWith("byte 2: a frame of 255 bytes runs past the end of the file (206 bytes): truncated"));
    byte[] whole = CifarSplit.random(50, 3).pickle3(4, 2);
    for (int cut = 0; cut < whole.length; cut += cut < 300 ? 1 : 997) {
      DatasetFormatException e = refused(Arrays.copyOf(whole, cut));
      assertTrue(e.getMessage().startsWith(dir.resolve("p.pickle") + ": byte "), e.getMessage());
      assertTrue(e.getMessage().contains("truncated"), cut + ": " + e.getMessage());
    }
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A str, or a list of strs, as bytes; anything else as it is. */
  private static Object asBytes(Object v) {
    if (v instanceof String s) {
      return latin1(s);
    }
    if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String) {
      return l.stream().map(s -> latin1((String) s)).toList();
    }
    return v;
  }

  private byte[] records(Cifar100Pickles.Batch b) throws IOException {
    Path out = dir.resolve("records.bin");
    Cifar100Pickles.writeBinary(b, out);
    return Files.readAllBytes(out);
  }
}
