package io.cnnlab.graph;

import io.cnnlab.models.Network;
import io.cnnlab.runs.ExecutionRecord;
import io.cnnlab.tf.Sessions;
import java.util.List;
import java.util.stream.Collectors;
import org.tensorflow.proto.ConfigProto;

/**
 * How one run computes, resolved once from what it asked for ({@link ExecutionOptions}), the facts of the machine
 * ({@link Machine}) and its network: every convolution's form and chunks, the towers and the threads. Whatever
 * builds the run's graphs reads this value ({@link Lowering}); nothing else decides how a graph is built. The run
 * records it in its manifest ({@link #record()}).
 *
 * @param requested what the run asked for
 * @param device {@code cpu} or {@code gpu}
 * @param platform operating system and architecture ({@code linux-x86_64}): which forms were measured there
 * @param cpu the CPU model and its vector extensions
 * @param onednn whether oneDNN's kernels run (the probe's answer)
 * @param threads TensorFlow threads in all
 * @param towers data-parallel towers a batch is split into
 * @param chunkImages images per chunk of the chunked forms
 * @param stages the form of every convolution, in layer order
 */
public record Execution(ExecutionOptions requested, String device, String platform, String cpu, boolean onednn,
    int threads, int towers, int chunkImages, List<StageForm> stages) {
  public Execution {
    stages = List.copyOf(stages);
    if (threads < 1 || towers < 1 || chunkImages < 1) {
      throw new IllegalArgumentException("threads, towers and chunk images must be >= 1, got " + threads + ", "
          + towers + ", " + chunkImages);
    }
  }

  /**
   * The execution of {@code network} trained in batches of {@code batchSize} on {@code machine}, as
   * {@code requested}.
   *
   * @throws IllegalArgumentException when a request cannot be met (naming it)
   */
  public static Execution resolve(ExecutionOptions requested, Machine machine, Network network, int batchSize) {
    return ExecutionRules.resolve(requested, machine, network, batchSize);
  }

  /**
   * The plain ops everywhere, one tower and one thread, for a graph that is only inspected (shapes and
   * parameters, the same in every form) and never run: needs no machine facts.
   */
  public static Execution inspecting(Network network) {
    return plainEverywhere(ExecutionOptions.DEFAULT.withConvForm(ConvFormChoice.PLAIN), network, "inspected, not run");
  }

  /**
   * TensorFlow's own NHWC ops for every convolution, one tower, no machine fact: a graph exported to run on any
   * TensorFlow (CPU or GPU, with or without oneDNN). Unlike {@link #resolve}'s plain, no convolution is moved to
   * NCHW, which only oneDNN computes on a CPU; that move guards a gradient, and an exported graph computes none.
   *
   * @param requested what the run that trained the weights asked for; recorded with the plain forms instead
   */
  public static Execution portable(ExecutionOptions requested, Network network) {
    return plainEverywhere(requested.withConvForm(ConvFormChoice.PLAIN), network, "exported: runs on any TensorFlow");
  }

  private static Execution plainEverywhere(ExecutionOptions requested, Network network, String why) {
    return new Execution(requested, "cpu", "not probed", "not probed", false, 1, 1, ExecutionRules.chunkImages(1),
        ExecutionRules.stages(network, why, false, 1));
  }

  /** The form of the {@code n}-th convolution (1-based), named {@code conv<n>}. */
  public StageForm stage(int n) {
    if (n < 1 || n > stages.size()) {
      throw new IllegalArgumentException("conv" + n + ": this execution was resolved for a network with "
          + stages.size() + " convolutions");
    }
    return stages.get(n - 1);
  }

  /**
   * The session configuration: with towers, they run side by side on the inter-op pool ({@code min(towers,
   * threads)} threads), each op on {@code threads / towers} intra-op threads (at least 1); one tower is
   * {@link Sessions#config(int)}.
   */
  public ConfigProto sessionConfig() {
    ConfigProto single = Sessions.config(threadsPerTower());
    return towers == 1 ? single : single.toBuilder().setInterOpParallelismThreads(Math.min(towers, threads)).build();
  }

  /** Intra-op threads each tower's ops get. */
  public int threadsPerTower() {
    return Math.max(1, threads / towers);
  }

  /** One line: {@code conv1 blocked, conv2 blocked; 2 towers x 1 thread; oneDNN on; cpu on linux-x86_64 (asked: ...)}. */
  public String describe() {
    String forms = stages.stream().map(s -> s.layer() + " " + s.form().label()
            + (s.chunks() > 1 ? " (" + s.chunks() + " chunks of ~" + chunkImages + ")" : ""))
        .collect(Collectors.joining(", "));
    return (forms.isEmpty() ? "no convolutions" : forms) + "; " + towers + (towers == 1 ? " tower" : " towers") + " x "
        + threadsPerTower() + (threadsPerTower() == 1 ? " thread" : " threads") + "; oneDNN " + (onednn ? "on" : "off")
        + "; " + device + " on " + platform + " (asked: " + requested.canonical() + ")";
  }

  /** What a manifest records. */
  public ExecutionRecord record() {
    return new ExecutionRecord(requested.asMap(), device, platform, cpu, onednn, threads, towers, chunkImages, stages.stream()
        .map(s -> new ExecutionRecord.Stage(s.layer(), s.form().label(), s.chunks(), s.why())).toList());
  }
}
