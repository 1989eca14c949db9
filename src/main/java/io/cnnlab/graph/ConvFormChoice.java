package io.cnnlab.graph;

import java.util.Locale;

/** The convolution forms a run asks for: the option {@code --conv-form} and the declaration key {@code convForm}. */
public enum ConvFormChoice {
  /** The fastest form known for each layer on this machine ({@link ExecutionRules}). */
  AUTO,
  /**
   * TensorFlow's own NHWC ops, except where a known-wrong oneDNN kernel must be avoided
   * ({@link ExecutionRules#avoidsWrongKernel}).
   */
  PLAIN;

  /** {@code auto} or {@code plain}. */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The choice written {@code token} (case-insensitive). */
  public static ConvFormChoice parse(String token) {
    for (ConvFormChoice c : values()) {
      if (c.token().equalsIgnoreCase(token == null ? "" : token.trim())) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown convolution form '" + token + "': expected auto or plain");
  }
}
