package io.cnnlab.cluster;

import java.util.List;
import java.util.Map;

/**
 * Which run of the plan a task runs: {@code --index}, else the engine's variable, Slurm's {@link #SLURM} or
 * Kubernetes' {@link #KUBERNETES}. One mapping for both engines: index {@code i} is the plan's run {@code i}.
 */
public final class TaskIndex {
  /** Set by Slurm in every task of a job array. */
  public static final String SLURM = "SLURM_ARRAY_TASK_ID";
  /** Set by Kubernetes in every pod of an Indexed Job. */
  public static final String KUBERNETES = "JOB_COMPLETION_INDEX";

  private TaskIndex() {}

  /**
   * The index to run.
   *
   * @param explicit {@code --index}, or null
   * @param env the process environment
   * @throws IllegalArgumentException when there is none, or a variable is not a non-negative integer
   */
  public static int resolve(Integer explicit, Map<String, String> env) {
    if (explicit != null) {
      if (explicit < 0) {
        throw new IllegalArgumentException("--index must be >= 0, got " + explicit);
      }
      return explicit;
    }
    for (String name : List.of(SLURM, KUBERNETES)) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        try {
          int i = Integer.parseInt(value.trim());
          if (i >= 0) {
            return i;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw new IllegalArgumentException(name + "='" + value + "' is not a run index (a non-negative integer)");
      }
    }
    throw new IllegalArgumentException("no run index: give --index I, or run as a Slurm array task (" + SLURM
        + ") or a Kubernetes Indexed Job pod (" + KUBERNETES + ")");
  }
}
