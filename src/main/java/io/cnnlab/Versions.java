package io.cnnlab;

import io.cnnlab.tf.OneDnn;
import org.tensorflow.TensorFlow;

/** Versions of cnnlab and of the libraries whose behaviour its numbers depend on. */
public final class Versions {
  /** The TensorFlow Java release pinned in pom.xml. */
  public static final String TENSORFLOW_JAVA = "1.1.0";

  private Versions() {}

  /** cnnlab's own version, from the jar manifest or "dev" when run from classes. */
  public static String cnnlab() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The version of the native TensorFlow runtime (loads it on first call). */
  public static String tensorflow() {
    OneDnn.ensure();
    return TensorFlow.version();
  }
}
