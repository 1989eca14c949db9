package io.cnnlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cnnlab's throughput divided by each peer's for the same model, mode, batch size and thread count, and
 * whether issue 7's targets are met (LeNet training at batch 256: at least 1.2x libtorch 2.7, 1.5x MXNet 1.9
 * and 2x Debian's PyTorch).
 */
public final class PeerRatios {
  /** Target ratio cnnlab/peer for textbook LeNet training at batch 256, by peer short name. */
  public static final Map<String, Double> TARGETS =
      Map.of("djl-pytorch", 1.2, "djl-mxnet", 1.5, "python-pytorch", 2.0);
  /** The measurement the targets apply to. */
  public static final String TARGET_MODEL = "lenet-textbook";

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
    boolean applies = p.model().equals(TARGET_MODEL) && p.mode() == Mode.TRAIN && p.batch() == TARGET_BATCH;
    Double t = TARGETS.get(p.shortName());
    return applies && t != null ? t : Double.NaN;
  }
}
