package io.cnnlab.reports;

import io.cnnlab.tf.Graphs;

/** A deliberate offender for ArchitectureTest: a report class that reaches into TensorFlow plumbing. */
public final class RendersWithTensorFlow {
  private RendersWithTensorFlow() {}

  static Object graph() {
    return Graphs.create();
  }
}
