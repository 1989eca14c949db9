package io.cnnlab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this process from Linux's {@code /proc/self/status}: {@code VmRSS} (now) and
 * {@code VmHWM} (the peak so far). Native memory (TensorFlow's tensors) shows here; the Java heap's own
 * statistics do not see it.
 *
 * @param rssKb resident set now, KiB
 * @param peakKb highest resident set so far, KiB
 */
public record ProcStatus(long rssKb, long peakKb) {
  static final Path SELF = Path.of("/proc/self/status");

  /** Reads this process's status. */
  public static ProcStatus read() {
    try {
      return parse(Files.readString(SELF));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SELF + " (resident memory is read from Linux's /proc)", e);
    }
  }

  /** Parses the text of a {@code status} file; both fields must be present. */
  public static ProcStatus parse(String text) {
    return new ProcStatus(field(text, "VmRSS"), field(text, "VmHWM"));
  }

  private static long field(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + ":")) {
        String[] parts = line.substring(name.length() + 1).trim().split("\\s+");
        if (parts.length != 2 || !parts[1].equals("kB")) {
          throw new IllegalArgumentException("status line '" + line + "': expected '" + name + ": <n> kB'");
        }
        try {
          return Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("status line '" + line + "': '" + parts[0] + "' is not a number");
        }
      }
    }
    throw new IllegalArgumentException("no " + name + " line in the process status");
  }
}
