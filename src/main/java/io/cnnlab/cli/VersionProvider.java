package io.cnnlab.cli;

import io.cnnlab.Versions;
import picocli.CommandLine;

/** Prints the versions a run's results depend on. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "cnnlab " + Versions.cnnlab(),
      "TensorFlow " + Versions.tensorflow() + " (TensorFlow Java " + Versions.TENSORFLOW_JAVA + ")",
      "Java " + Runtime.version()
    };
  }
}
