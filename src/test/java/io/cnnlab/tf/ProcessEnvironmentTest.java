package io.cnnlab.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

/** A variable set from Java is what C code reads with getenv, and what {@link ProcessEnvironment#get} returns. */
class ProcessEnvironmentTest {
  /** The C library's own getenv: what TensorFlow reads. */
  private interface LibC extends Library {
    String getenv(String name);
  }

  @Test
  void aVariableSetHereIsSeenByC() {
    String name = "CNNLAB_TEST_" + ProcessHandle.current().pid();
    LibC libc = Native.load(com.sun.jna.Platform.C_LIBRARY_NAME, LibC.class);
    assertNull(libc.getenv(name));
    assertNull(ProcessEnvironment.get(name));

    assertTrue(ProcessEnvironment.set(name, "7"), "Linux has setenv");

    assertEquals("7", libc.getenv(name));
    assertEquals("7", ProcessEnvironment.get(name));
    assertNull(System.getenv(name), "the JVM's copy of the environment never changes");
  }
}
