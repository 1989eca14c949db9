package io.cnnlab.training.optim;

import java.util.Locale;

/**
 * Reads a learning-rate schedule from text, as the command line and experiment declarations give it.
 *
 * <ul>
 *   <li>{@code constant}
 *   <li>{@code step:EVERY:GAMMA} — multiply by GAMMA every EVERY epochs, e.g. {@code step:5:0.1}
 *   <li>{@code cosine} or {@code cosine:FINAL} — half a cosine over the run's epochs down to FINAL x base (0)
 *   <li>{@code warmup:EPOCHS+INNER} — linear warm-up over EPOCHS epochs, then INNER, e.g. {@code warmup:1+cosine}
 * </ul>
 */
public final class ScheduleSyntax {
  /** Shown in error messages and help. */
  public static final String FORMS = "constant, step:EVERY:GAMMA, cosine[:FINAL], warmup:EPOCHS+INNER";

  private ScheduleSyntax() {}

  /** The schedule {@code text} names, for a run of {@code epochs} epochs (cosine spans them). */
  public static LearningRateSchedule parse(String text, int epochs) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("warmup:")) {
        int plus = t.indexOf('+');
        if (plus < 0) {
          throw bad(text, "warm-up needs the schedule that follows it, e.g. warmup:1+constant");
        }
        return LearningRateSchedule.warmUp(Integer.parseInt(t.substring(7, plus)), parse(t.substring(plus + 1), epochs));
      }
      String[] parts = t.split(":", -1);
      switch (parts[0]) {
        case "constant":
          if (parts.length == 1) {
            return LearningRateSchedule.constant();
          }
          break;
        case "step":
          if (parts.length == 3) {
            return LearningRateSchedule.stepDecay(Integer.parseInt(parts[1]), Double.parseDouble(parts[2]));
          }
          break;
        case "cosine":
          if (parts.length <= 2) {
            return LearningRateSchedule.cosine(epochs, parts.length == 2 ? Double.parseDouble(parts[1]) : 0.0);
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      throw bad(text, "a number in it does not parse (" + e.getMessage() + ")");
    }
    throw bad(text, "unknown form");
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException(
        "learning-rate schedule '" + text + "': " + why + "; expected one of " + FORMS);
  }
}
