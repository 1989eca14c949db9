package io.cnnlab.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files replaced whole: written under a temporary name of their own in the same folder, then renamed over the
 * target, so a reader (a browser on the index, a second sweep, a render job) sees the old file or the new one,
 * never half of one, and two writers never share a temporary file.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What writes a file's content to the path it is given. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path file) throws IOException;
  }

  /** Writes {@code file} through {@code content} and a rename; creates parent folders; returns {@code file}. */
  public static Path write(Path file, Content content) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, "." + file.getFileName() + ".", ".tmp");
    try {
      content.writeTo(tmp);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return file;
  }

  /** Writes {@code text} as UTF-8 to {@code file}, atomically. */
  public static Path writeString(Path file, CharSequence text) throws IOException {
    return write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
  }
}
