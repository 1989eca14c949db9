package io.cnnlab.data;

/** The two halves every data set here is published in. */
public enum Split {
  TRAIN,
  TEST;

  /** Lower-case name, as used on the command line and in reports. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
