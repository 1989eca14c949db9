package io.cnnlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * cnnlab's throughput divided by each peer's for the same model, mode, batch size and thread count, and
 * whether the targets are met, at batch 256 and any thread count: the textbook LeNet at least 1.5x libtorch 2.7
 * in training and in inference, the ReLU + max + batch-norm LeNet at least 1.2x libtorch's in training
 * (issue 11); the textbook LeNet's training at least 1.5x MXNet 1.9 and 2x Debian's PyTorch (issue 7).
 */
public final class PeerRatios {
  /** One target: cnnlab/peer at least {@code ratio} for this peer (short name), model and mode. */
  record Target(String peer, String model, Mode mode, double ratio) {}

  /** Every target; measurements that none names have none. */
  static final List<Target> TARGETS = List.of(
      new Target("djl-pytorch", "lenet-textbook", Mode.TRAIN, 1.5),
      new Target("djl-pytorch", "lenet-textbook", Mode.INFER, 1.5),
      new Target("djl-pytorch", "lenet-relu-max-bn", Mode.TRAIN, 1.2),
      new Target("djl-mxnet", "lenet-textbook", Mode.TRAIN, 1.5),
      new Target("python-pytorch", "lenet-textbook", Mode.TRAIN, 2.0));

  /** The batch size the targets apply to. */
  public static final int TARGET_BATCH = 256;

  private PeerRatios() {}

  /**
   * One comparison.
   *
   * @param target the ratio issue 7 asks for, or NaN where none applies
   */
  public record Ratio(String model, Mode mode, int batch, int threads, String peer, double cnnlab, double peerRate,
      double target) {
    public double ratio() {
      return cnnlab / peerRate;
    }

    public boolean hasTarget() {
      return !Double.isNaN(target);
    }

    public boolean meetsTarget() {
      return hasTarget() && ratio() >= target;
    }
  }

  /** A ratio for every available peer result with a matching cnnlab row; peers without one are left out. */
  public static List<Ratio> compute(List<ThroughputRow> cnnlab, List<PeerResult> peers) {
    List<Ratio> out = new ArrayList<>();
    for (PeerResult p : peers) {
      if (!p.available()) {
        continue;
      }
      Optional<ThroughputRow> mine = cnnlab.stream().filter(r -> r.model().equals(p.model())
          && r.mode() == p.mode() && r.batch() == p.batch() && r.threads() == p.threads()).findFirst();
      mine.ifPresent(r -> out.add(new Ratio(p.model(), p.mode(), p.batch(), p.threads(), p.peer(),
          r.imagesPerSecond().median(), p.imagesPerSecond(), targetFor(p))));
    }
    return out;
  }

  private static double targetFor(PeerResult p) {
    if (p.batch() != TARGET_BATCH) {
      return Double.NaN;
    }
    return TARGETS.stream().filter(t -> t.peer().equals(p.shortName()) && t.model().equals(p.model())
        && t.mode() == p.mode()).mapToDouble(Target::ratio).findFirst().orElse(Double.NaN);
  }
}
