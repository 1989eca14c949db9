package io.cnnlab.experiments;

import io.cnnlab.runs.MetricsColumns;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an experiment does. Training kinds ({@link #trains()}) run {@link TrainingJob}s and differ only in what
 * they measure and summarize; the others run a measurement task into their run folder.
 */
public enum Kind {
  /** Train a model and compare its accuracy (or loss) with a published band. */
  TRAIN("train", "test_accuracy", MetricsColumns.HEADER, Set.of(Settings.MODEL, Settings.TRAINING, Settings.LIMITS)),
  /** Hand-designed edge kernels on the photographs: per-photo timings and pictures. */
  EDGES("edges", "megapixels_per_second", List.of("photos", "megapixels_per_second", "detect_seconds"),
      Set.of(Settings.THREADS, Settings.PHOTOS)),
  /** The layer-shape tables of LeNet and AlexNet against the hand formulas, and convolutions against TF. */
  CONV_SHAPES("conv-shapes", "mismatches", List.of("mismatches", "checks", "max_abs_diff"),
      Set.of(Settings.THREADS)),
  /** A 1x1 convolution as conv2d, as a matrix multiplication and as a loop: equal, and timed. */
  CONV_1X1("conv-1x1", "max_abs_diff", List.of("max_abs_diff", "kxk_max_abs_diff", "conv2d_ms", "matmul_ms", "java_matmul_ms",
      "naive_ms"), Set.of(Settings.THREADS, Settings.CONV)),
  /** One training epoch with different numbers of prefetching loader workers: epoch time and data wait. */
  LOADER_WORKERS("loader-workers", "data_wait_seconds", MetricsColumns.HEADER,
      Set.of(Settings.MODEL, Settings.TRAINING, Settings.LIMITS)),
  /** Where a training step's time goes (wait, feed, step, eval) on one thread and on two. */
  STEP_TIME("step-time", "step_seconds", MetricsColumns.HEADER,
      Set.of(Settings.MODEL, Settings.TRAINING, Settings.LIMITS));

  /** Groups of {@link RunSettings} keys (its component names); a kind accepts only its groups. */
  enum Settings {
    MODEL("model"),
    TRAINING("optimizer", "learningRate", "schedule", "momentum", "weightDecay", "batchSize", "epochs", "threads",
        "towers", "deterministic", "convForm", "workers"),
    LIMITS("trainLimit", "testLimit"),
    THREADS("threads"),
    PHOTOS("photos"),
    CONV("conv");

    final List<String> keys;

    Settings(String... keys) {
      this.keys = List.of(keys);
    }
  }

  private final String token;
  private final String headline;
  private final List<String> metrics;
  private final Set<Settings> settings;

  Kind(String token, String headline, List<String> metrics, Set<Settings> settings) {
    this.token = token;
    this.headline = headline;
    this.metrics = List.copyOf(metrics);
    this.settings = settings;
  }

  /** The name in declarations and reports, e.g. {@code conv-1x1}. */
  public String token() {
    return token;
  }

  /** Whether runs of this kind train a model through {@link TrainingJob}. */
  public boolean trains() {
    return settings.contains(Settings.MODEL);
  }

  /** The metric summarized per variant when the declaration gives no reference. */
  public String headlineMetric() {
    return headline;
  }

  /** Metrics a run of this kind reports: what a reference may compare. */
  public List<String> metrics() {
    return metrics;
  }

  /** The {@link RunSettings} keys that apply to this kind. */
  public Set<String> settingKeys() {
    return settings.stream().flatMap(s -> s.keys.stream()).collect(Collectors.toUnmodifiableSet());
  }

  /** Every kind's token, for messages. */
  public static List<String> tokens() {
    return Arrays.stream(values()).map(Kind::token).toList();
  }

  /** The kind called {@code token} (case-insensitive). */
  public static Kind parse(String token) {
    for (Kind k : values()) {
      if (k.token.equalsIgnoreCase(token.trim())) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown kind '" + token + "'; allowed values: " + String.join(", ", tokens()));
  }

  @Override
  public String toString() {
    return token.toLowerCase(Locale.ROOT);
  }
}
