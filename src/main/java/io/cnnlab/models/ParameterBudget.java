package io.cnnlab.models;

/** Chooses an AlexNet width multiplier whose parameter count is nearest a budget. */
final class ParameterBudget {
  private static final int STEPS = 64;

  private ParameterBudget() {}

  /** {@code base} with the width whose {@link AlexNetConfig#parameterCount()} is nearest {@code budget}. */
  static AlexNetConfig widthFor(AlexNetConfig base, long budget) {
    // Smallest width: every layer rounds to 1 unit.
    AlexNetConfig low = base.withWidth(1e-9);
    if (low.parameterCount() > budget) {
      throw new IllegalArgumentException(String.format(
          "a parameter budget of %,d is below the smallest AlexNet for input %d, %d channels, %d classes"
              + " (%,d with one unit per layer)",
          budget, base.inputSize(), base.channels(), base.classes(), low.parameterCount()));
    }
    AlexNetConfig high = base.withWidth(1.0);
    while (high.parameterCount() < budget) {
      high = high.withWidth(high.width() * 2);
    }
    // Invariant: count(low) <= budget <= count(high); the count is non-decreasing in the width.
    for (int i = 0; i < STEPS && low.parameterCount() < budget; i++) {
      AlexNetConfig mid = base.withWidth((low.width() + high.width()) / 2);
      if (mid.parameterCount() < budget) {
        low = mid;
      } else {
        high = mid;
      }
    }
    long below = budget - low.parameterCount();
    long above = high.parameterCount() - budget;
    return below <= above ? low : high;
  }
}
