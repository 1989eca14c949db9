package io.cnnlab.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * Reads TensorBoard event files the way the TFRecord format defines them, written for the tests apart from cnnlab's
 * writer: each record is a little-endian uint64 length, a uint32 masked CRC-32C of those 8 bytes, the data (one
 * {@code org.tensorflow.proto.Event}) and a uint32 masked CRC-32C of the data; a mask is the CRC rotated right by
 * 15 bits plus {@code 0xa282ead8}. Any record cut short or with a wrong checksum is an error naming the file and
 * the offset. The CRC-32C is computed bit by bit here (reflected polynomial {@code 0x82F63B78}).
 */
public final class EventFileReader {
  private EventFileReader() {}

  /** One scalar value of one event. */
  public record Scalar(String tag, long step, float value) {}

  /** Every event of every event file in {@code dir} (names holding {@code tfevents}), files in name order. */
  public static List<Event> readAll(Path dir) throws IOException {
    List<Event> events = new ArrayList<>();
    for (Path file : files(dir)) {
      events.addAll(read(file));
    }
    return events;
  }

  /** The event files in {@code dir}, in name order. */
  public static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(f -> f.getFileName().toString().contains("tfevents")).sorted().toList();
    }
  }

  /** Every event of {@code file}, each record's length and data checked against their masked CRC-32C. */
  public static List<Event> read(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    List<Event> events = new ArrayList<>();
    int at = 0;
    while (at < b.length) {
      if (b.length - at < 12) {
        throw new IOException(file + " at byte " + at + ": a record header needs 12 bytes, " + (b.length - at) + " left");
      }
      long length = littleEndian(b, at, 8);
      if ((int) littleEndian(b, at + 8, 4) != masked(crc32c(b, at, 8))) {
        throw new IOException(file + " at byte " + at + ": the length's CRC does not match");
      }
      int data = at + 12;
      if (length > b.length - data - 4L) {
        throw new IOException(file + " at byte " + at + ": a record of " + length + " bytes is cut short");
      }
      int end = data + (int) length;
      if ((int) littleEndian(b, end, 4) != masked(crc32c(b, data, (int) length))) {
        throw new IOException(file + " at byte " + at + ": the data's CRC does not match");
      }
      events.add(Event.parseFrom(java.util.Arrays.copyOfRange(b, data, end)));
      at = end + 4;
    }
    return events;
  }

  /** The scalar ({@code simple_value}) values of {@code events}, in order. */
  public static List<Scalar> scalars(List<Event> events) {
    List<Scalar> out = new ArrayList<>();
    for (Event e : events) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        if (v.getValueCase() == Summary.Value.ValueCase.SIMPLE_VALUE) {
          out.add(new Scalar(v.getTag(), e.getStep(), v.getSimpleValue()));
        }
      }
    }
    return out;
  }

  /** The scalars with tag {@code tag}, in order. */
  public static List<Scalar> scalars(List<Event> events, String tag) {
    return scalars(events).stream().filter(s -> s.tag().equals(tag)).toList();
  }

  private static long littleEndian(byte[] b, int at, int bytes) {
    long v = 0;
    for (int i = bytes - 1; i >= 0; i--) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }

  /** CRC-32C (Castagnoli), bit by bit. */
  static int crc32c(byte[] b, int offset, int length) {
    int crc = 0xFFFFFFFF;
    for (int i = offset; i < offset + length; i++) {
      crc ^= b[i] & 0xFF;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
      }
    }
    return ~crc;
  }

  static int masked(int crc) {
    return Integer.rotateRight(crc, 15) + 0xa282ead8;
  }

  /**
   * Prints, for the run folder {@code args[0]} (the {@code --out} of {@code cnnlab train}), each epoch's test accuracy
   * as its event files hold it beside {@code metrics.csv}'s, and whether they agree to float32 precision; exits 1
   * when one does not (or an epoch is missing from either).
   */
  public static void main(String[] args) throws IOException {
    Path run = Path.of(args[0]);
    List<Scalar> accuracies = scalars(readAll(run.resolve("tensorboard")), "epoch/test_accuracy");
    List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
    int column = List.of(lines.get(0).split(",")).indexOf("test_accuracy");
    boolean agree = accuracies.size() == lines.size() - 1;
    System.out.printf(Locale.ROOT, "%d event file(s) in %s; %d epoch/test_accuracy record(s), %d metrics.csv row(s)%n",
        files(run.resolve("tensorboard")).size(), run.resolve("tensorboard"), accuracies.size(), lines.size() - 1);
    for (int i = 1; i < lines.size(); i++) {
      String[] row = lines.get(i).split(",");
      double csv = Double.parseDouble(row[column]);
      Scalar s = i - 1 < accuracies.size() ? accuracies.get(i - 1) : null;
      boolean same = s != null && s.step() == Long.parseLong(row[0]) && s.value() == (float) csv;
      agree &= same;
      System.out.printf(Locale.ROOT, "epoch %s: metrics.csv test_accuracy %s -> float32 %s; event step %s value %s: %s%n",
          row[0], row[column], (float) csv, s == null ? "-" : s.step(), s == null ? "-" : s.value(),
          same ? "equal" : "DIFFERENT");
    }
    System.exit(agree ? 0 : 1);
  }
}
