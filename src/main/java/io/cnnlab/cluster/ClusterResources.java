package io.cnnlab.cluster;

/**
 * What each task of a cluster sweep asks for, shared by the Slurm and Kubernetes writers.
 *
 * @param partition Slurm partition, or null for the cluster's default
 * @param time Slurm time limit per task ({@code HH:MM:SS}, {@code D-HH:MM:SS}), or null for the partition's
 * @param cpusPerTask CPU cores per task
 * @param gpusPerTask GPUs per task; above 0 the tasks run the GPU build ({@code mvn -Pgpu})
 * @param maxParallel at most this many tasks at once
 */
public record ClusterResources(String partition, String time, int cpusPerTask, int gpusPerTask, int maxParallel) {
  public ClusterResources {
    if (cpusPerTask < 1) {
      throw new IllegalArgumentException("--cpus-per-task must be >= 1, got " + cpusPerTask);
    }
    if (gpusPerTask < 0) {
      throw new IllegalArgumentException("--gpus-per-task must be >= 0, got " + gpusPerTask);
    }
    if (maxParallel < 1) {
      throw new IllegalArgumentException("--max-parallel must be >= 1, got " + maxParallel);
    }
    if (time != null && !time.matches("(\\d+-)?\\d+(:\\d{2}){0,2}")) {
      throw new IllegalArgumentException("--time '" + time + "' is not a Slurm time (MM, HH:MM:SS or D-HH:MM:SS)");
    }
  }

  /** Whether the tasks use GPUs, hence the GPU build and device {@code gpu}. */
  public boolean gpu() {
    return gpusPerTask > 0;
  }

  /** The device the plan's runs use. */
  public String device() {
    return gpu() ? "gpu" : "cpu";
  }
}
