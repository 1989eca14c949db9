package io.cnnlab.training.tensorboard;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.proto.Event;

/**
 * One event file being written, {@code events.out.tfevents.<seconds>.cnnlab.<pid>[.<n>]} (TensorBoard reads the
 * files of a folder whose names hold {@code tfevents}, in name order: by the time they were started). It begins with
 * the version record TensorFlow's writers begin with; records are buffered until {@link #flush()}.
 */
final class EventFile implements Closeable {
  static final String PREFIX = "events.out.tfevents.";

  /** What TensorFlow's writers put in the first record of a file. */
  static final String VERSION = "brain.Event:2";

  private final Path file;
  private final OutputStream out;

  private EventFile(Path file) throws IOException {
    this.file = file;
    this.out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW), 1 << 16);
  }

  /** Starts a new event file in {@code dir} (created if needed), after any already there. */
  static EventFile create(Path dir, double wallSeconds) {
    try {
      Files.createDirectories(dir);
      String base = String.format(java.util.Locale.ROOT, "%s%010d.cnnlab.%d", PREFIX, (long) wallSeconds,
          ProcessHandle.current().pid());
      Path file = dir.resolve(base);
      for (int n = 1; Files.exists(file); n++) {
        file = dir.resolve(base + "." + n);
      }
      EventFile f = new EventFile(file);
      f.write(Event.newBuilder().setWallTime(wallSeconds).setFileVersion(VERSION).build());
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a TensorBoard event file in " + dir, e);
    }
  }

  /** The file written. */
  Path file() {
    return file;
  }

  /** Appends one record. */
  void write(Event event) {
    try {
      TfRecords.write(out, event.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write TensorBoard event file " + file, e);
    }
  }

  /** Hands the buffered records to the file, so that a TensorBoard watching it sees them. */
  void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write TensorBoard event file " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close TensorBoard event file " + file, e);
    }
  }

  /** The event files in {@code dir}, in name order; none when it does not exist. */
  static List<Path> in(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().contains("tfevents") && Files.isRegularFile(f)).sorted()
          .toList();
    }
  }
}
