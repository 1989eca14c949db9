package io.cnnlab.experiments.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a measurement run (not a training run) found.
 *
 * @param metrics named values, e.g. {@code max_abs_diff}; what a reference band may compare
 * @param outputs files written into the run folder, relative to it
 */
public record Measurement(Map<String, Double> metrics, List<String> outputs) {
  public Measurement {
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    outputs = List.copyOf(outputs);
  }
}
