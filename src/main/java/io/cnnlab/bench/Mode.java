package io.cnnlab.bench;

import java.util.Locale;

/** What a throughput measurement times. */
public enum Mode {
  /** forward, loss, backward and the SGD update, loss and correct count read back */
  TRAIN,
  /** forward pass in evaluation mode, predicted classes read back */
  INFER;

  /** {@code train} or {@code infer}, as in the peers' output. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode called {@code label}. */
  public static Mode parse(String label) {
    for (Mode m : values()) {
      if (m.label().equalsIgnoreCase(label)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown mode '" + label + "': expected train or infer");
  }
}
