package io.cnnlab.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A child process run to its end from a test. Its stdout and stderr are read while it runs, so a child that
 * prints much cannot fill a pipe and block; one that does not end in time is destroyed, its own children first,
 * and the test fails with the command and what it had printed, instead of the build hanging.
 */
public final class ChildProcess {
  private ChildProcess() {}

  /** How the child ended and all it printed (stderr is empty when the builder merges it into stdout). */
  public record Result(int status, String out, String err) {}

  /** How long the output readers may still take after the child ends (a grandchild may hold its pipes). */
  private static final Duration DRAIN = Duration.ofSeconds(10);

  public static Result run(ProcessBuilder builder, Duration limit) throws IOException, InterruptedException {
    Process p = builder.start();
    p.getOutputStream().close(); // no input: a child that reads stdin sees its end instead of waiting
    Drain out = new Drain(p.getInputStream(), "stdout");
    Drain err = new Drain(p.getErrorStream(), "stderr");
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
      out.join(DRAIN.toMillis());
      err.join(DRAIN.toMillis());
      fail(String.join(" ", builder.command()) + " did not end within " + limit.toSeconds() + " s and was destroyed;"
          + " its output so far:\n--- stdout ---\n" + out.text() + "\n--- stderr ---\n" + err.text());
    }
    out.join(DRAIN.toMillis());
    err.join(DRAIN.toMillis());
    return new Result(p.exitValue(), out.text(), err.text());
  }

  /** Copies one stream into memory on a daemon thread, so a reader left blocked cannot keep the JVM alive. */
  private static final class Drain extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Drain(InputStream in, String name) {
      super("child-process-" + name);
      this.in = in;
      setDaemon(true);
      start();
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (in) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          synchronized (bytes) {
            bytes.write(buffer, 0, n);
          }
        }
      } catch (IOException e) {
        synchronized (bytes) {
          bytes.writeBytes(("\n[reading stopped: " + e + "]").getBytes(StandardCharsets.UTF_8));
        }
      }
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
