package io.cnnlab.tf;

import org.tensorflow.Graph;

/** Where cnnlab makes its graphs: oneDNN is set up ({@link OneDnn#ensure()}) before TensorFlow first loads. */
public final class Graphs {
  private Graphs() {}

  /** A new, empty graph. */
  public static Graph create() {
    OneDnn.ensure();
    return new Graph();
  }
}
