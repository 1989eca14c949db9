package io.cnnlab.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a run asks to be computed: part of its configuration hash, so the same request means the same runs on
 * every host. What it resolves to on the machine that runs it is an {@link Execution}.
 *
 * @param convForm {@code auto} or {@code plain} convolution forms
 * @param threads TensorFlow threads; 0 means every core of the machine that runs
 * @param towers data-parallel towers a batch is split into; 0 chooses automatically
 * @param deterministic one thread, one tower unless asked, and the plain forms: two runs give identical metrics
 */
public record ExecutionOptions(ConvFormChoice convForm, int threads, int towers, boolean deterministic) {
  /** Automatic forms and towers on every core, not deterministic. */
  public static final ExecutionOptions DEFAULT = new ExecutionOptions(ConvFormChoice.AUTO, 0, 0, false);

  public ExecutionOptions {
    if (convForm == null) {
      throw new IllegalArgumentException("convForm must be auto or plain, got null");
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 1, or 0 for every core, got " + threads);
    }
    if (towers < 0) {
      throw new IllegalArgumentException("towers must be >= 1, or 0 to choose automatically, got " + towers);
    }
  }

  public ExecutionOptions withConvForm(ConvFormChoice form) {
    return new ExecutionOptions(form, threads, towers, deterministic);
  }

  public ExecutionOptions withThreads(int n) {
    return new ExecutionOptions(convForm, n, towers, deterministic);
  }

  public ExecutionOptions withTowers(int n) {
    return new ExecutionOptions(convForm, threads, n, deterministic);
  }

  public ExecutionOptions withDeterministic(boolean on) {
    return new ExecutionOptions(convForm, threads, towers, on);
  }

  /** True when the plain forms are asked for, directly or by deterministic mode. */
  public boolean plain() {
    return convForm == ConvFormChoice.PLAIN || deterministic;
  }

  /** Stable text for hashes: {@code convForm=auto;threads=all;towers=auto;deterministic=false}. */
  public String canonical() {
    return asMap().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
  }

  /**
   * The request as a manifest records it: {@code convForm}, {@code threads} ({@code all}), {@code towers}
   * ({@code auto}), {@code deterministic}.
   */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("convForm", convForm.token());
    m.put("threads", threads == 0 ? "all" : Integer.toString(threads));
    m.put("towers", towers == 0 ? "auto" : Integer.toString(towers));
    m.put("deterministic", Boolean.toString(deterministic));
    return m;
  }

  /**
   * The request {@link #asMap} wrote; keys it lacks keep {@link #DEFAULT}'s values.
   *
   * @throws IllegalArgumentException naming the values that are not ones {@link #asMap} writes
   */
  public static ExecutionOptions fromMap(Map<String, String> asked) {
    ExecutionOptions o = DEFAULT;
    try {
      if (asked.containsKey("convForm")) {
        o = o.withConvForm(ConvFormChoice.parse(asked.get("convForm")));
      }
      String t = asked.getOrDefault("threads", "all");
      o = o.withThreads(t.equals("all") ? 0 : Integer.parseInt(t));
      String w = asked.getOrDefault("towers", "auto");
      o = o.withTowers(w.equals("auto") ? 0 : Integer.parseInt(w));
      return o.withDeterministic(Boolean.parseBoolean(asked.getOrDefault("deterministic", "false")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("execution.requested " + asked + ": threads must be all or a number, towers"
          + " auto or a number (" + e.getMessage() + ")", e);
    }
  }
}
