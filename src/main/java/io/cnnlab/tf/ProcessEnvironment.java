package io.cnnlab.tf;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.HashMap;
import java.util.Map;

/**
 * Environment variables TensorFlow reads in C ({@code getenv}) when it loads or opens its first session, set from
 * Java before it does. Java cannot change its own environment, so this calls the C library's {@code setenv}
 * through JNA: on Linux and macOS. On Windows it sets nothing (TensorFlow may read another C runtime's copy of the
 * environment than the one a call could reach): there the variables are set before Java starts, or not at all.
 */
public final class ProcessEnvironment {
  /** What this class set, as {@link System#getenv} keeps showing the environment the JVM started with. */
  private static final Map<String, String> SET = new HashMap<>();

  private ProcessEnvironment() {}

  /** The variable's value in this process: what was set here, else the environment the JVM started with. */
  public static synchronized String get(String name) {
    return SET.containsKey(name) ? SET.get(name) : System.getenv(name);
  }

  /**
   * Sets {@code name} to {@code value} for this process's C code.
   *
   * @return false where it cannot be set (Windows, no C library), the variable unchanged
   */
  public static synchronized boolean set(String name, String value) {
    if (Platform.current().os().equals("windows")) {
      return false;
    }
    try {
      if (Native.load(com.sun.jna.Platform.C_LIBRARY_NAME, LibC.class).setenv(name, value, 1) != 0) {
        return false;
      }
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      return false;
    }
    SET.put(name, value);
    return true;
  }

  /**
   * What {@code bin/cnnlab} exports, for a process started without it ({@code java -jar}): TensorFlow's start-up
   * log lines off ({@code TF_CPP_MIN_LOG_LEVEL=2}) and every session its own intra-op pool
   * ({@link Sessions#PER_SESSION_POOLS_ENV}). A variable already set is left as it is. Call it before TensorFlow
   * loads.
   */
  public static void launcherDefaults() {
    setUnlessSet("TF_CPP_MIN_LOG_LEVEL", "2");
    setUnlessSet(Sessions.PER_SESSION_POOLS_ENV, "1");
  }

  private static void setUnlessSet(String name, String value) {
    if (get(name) == null) {
      set(name, value);
    }
  }

  /** The C library, for {@code setenv}. */
  private interface LibC extends Library {
    int setenv(String name, String value, int overwrite);
  }
}
