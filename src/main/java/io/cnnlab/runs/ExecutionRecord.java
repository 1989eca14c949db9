package io.cnnlab.runs;

import java.util.List;
import java.util.Map;

/**
 * How a run was computed, as its manifest records it: what it asked for (part of its configuration hash) and
 * what that resolved to on the machine that ran it.
 *
 * @param requested the requested options: {@code convForm}, {@code threads}, {@code towers}, {@code deterministic}
 * @param device {@code cpu} or {@code gpu}
 * @param platform operating system and architecture, as TensorFlow's native classifiers name them
 *     ({@code linux-x86_64}); absent from manifests written before it was recorded
 * @param cpu the CPU model and its vector extensions
 * @param onednn whether oneDNN's kernels ran
 * @param threads TensorFlow threads the run used
 * @param towers data-parallel towers a batch was split into
 * @param chunkImages images per chunk of the chunked convolution forms
 * @param stages every convolution's form, in layer order
 */
public record ExecutionRecord(Map<String, String> requested, String device, String platform, String cpu,
    boolean onednn, int threads, int towers, int chunkImages, List<Stage> stages) {
  public ExecutionRecord {
    requested = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requested));
    stages = List.copyOf(stages);
  }

  /**
   * One convolution's form.
   *
   * @param layer the layer's name ({@code conv1})
   * @param form {@code plain}, {@code blocked}, {@code gathered} or {@code channels-first}
   * @param chunks batch chunks per tower it runs in (1: the whole slice at once)
   * @param why the rule that chose the form
   */
  public record Stage(String layer, String form, int chunks, String why) {}
}
