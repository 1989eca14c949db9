package io.cnnlab.reports.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One metric of one variant over several seeds: per epoch the mean, minimum and maximum across the runs.
 * Only epochs present in every run are kept, so a run cut short does not bias the later means.
 *
 * @param variant label of the variant (e.g. "max pooling")
 * @param column the metrics column summarized
 * @param runs number of runs (seeds)
 */
public record SeedBand(String variant, String column, int runs, int[] epochs, double[] mean, double[] min, double[] max) {
  public SeedBand {
    epochs = epochs.clone();
    mean = mean.clone();
    min = min.clone();
    max = max.clone();
  }

  @Override
  public int[] epochs() {
    return epochs.clone();
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] min() {
    return min.clone();
  }

  @Override
  public double[] max() {
    return max.clone();
  }

  /**
   * Summarizes {@code column} over {@code runs}.
   *
   * @throws IllegalArgumentException when there are no runs, a run lacks the column, or no epoch is shared
   */
  public static SeedBand of(String variant, String column, List<MetricsTable> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("variant " + variant + " has no runs");
    }
    Set<Integer> common = null;
    for (MetricsTable run : runs) {
      Set<Integer> epochs = new TreeSet<>();
      for (int e : run.epochs()) {
        epochs.add(e);
      }
      if (common == null) {
        common = epochs;
      } else {
        common.retainAll(epochs);
      }
    }
    if (common.isEmpty()) {
      throw new IllegalArgumentException("the runs of variant " + variant + " share no epoch");
    }
    List<Integer> shared = new ArrayList<>(common);
    int n = shared.size();
    double[] sum = new double[n];
    double[] min = new double[n];
    double[] max = new double[n];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (MetricsTable run : runs) {
      int[] epochs = run.epochs();
      double[] values = run.column(column);
      int k = 0;
      for (int i = 0; i < epochs.length && k < n; i++) {
        if (epochs[i] == shared.get(k)) {
          sum[k] += values[i];
          min[k] = Math.min(min[k], values[i]);
          max[k] = Math.max(max[k], values[i]);
          k++;
        }
      }
    }
    int[] epochs = new int[n];
    double[] mean = new double[n];
    for (int k = 0; k < n; k++) {
      epochs[k] = shared.get(k);
      mean[k] = sum[k] / runs.size();
    }
    return new SeedBand(variant, column, runs.size(), epochs, mean, min, max);
  }
}
