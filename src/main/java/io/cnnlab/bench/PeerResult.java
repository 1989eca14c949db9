package io.cnnlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a peer program reported (format: {@code bench/peers/README.md}): a throughput figure or that it could
 * not run.
 *
 * @param peer the peer as it names itself, e.g. {@code djl-pytorch-2.7.1}, or its short name when unavailable
 * @param model {@code lenet-textbook}, {@code lenet-relu-max} or {@code lenet-relu-max-bn} (null when unavailable)
 * @param mode training or inference (null when unavailable)
 * @param batch images per step
 * @param threads intra-op threads
 * @param imagesPerSecond median over the peer's rounds
 * @param malloc the malloc setting it ran under ({@code default}, {@code tuned}, {@code custom})
 * @param unavailableReason why it could not run, or null when it did
 */
public record PeerResult(String peer, String model, Mode mode, int batch, int threads, double imagesPerSecond,
    String malloc, String unavailableReason) {

  /** True when the peer ran. */
  public boolean available() {
    return unavailableReason == null;
  }

  /**
   * The peer without its version: {@code djl-pytorch-2.7.1} -> {@code djl-pytorch},
   * {@code python-pytorch-1.13.0a0} -> {@code python-pytorch}.
   */
  public String shortName() {
    String[] parts = peer.split("-");
    StringBuilder sb = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length && !Character.isDigit(parts[i].charAt(0)); i++) {
      sb.append('-').append(parts[i]);
    }
    return sb.toString();
  }

  /**
   * The throughput and unavailable lines of a peer run's standard output. Context lines ({@code #...}),
   * blank lines, anything not starting with {@code peer=} and accuracy lines (no {@code mode=}) are skipped.
   *
   * @throws IllegalArgumentException naming the line when a result line lacks a field or a number is malformed
   */
  public static List<PeerResult> parse(List<String> lines) {
    List<PeerResult> out = new ArrayList<>();
    for (String line : lines) {
      String l = line.strip();
      if (!l.startsWith("peer=")) {
        continue;
      }
      Map<String, String> kv = KeyValues.parse(l);
      String peer = kv.get("peer");
      if ("unavailable".equals(kv.get("status"))) {
        out.add(new PeerResult(peer, null, null, 0, 0, Double.NaN, null, kv.getOrDefault("reason", "unknown")));
      } else if (kv.containsKey("mode")) {
        out.add(new PeerResult(peer, KeyValues.require(kv, "model", l), Mode.parse(kv.get("mode")),
            (int) KeyValues.number(kv, "bs", l), (int) KeyValues.number(kv, "threads", l),
            KeyValues.number(kv, "img_per_s", l), kv.getOrDefault("malloc", "unknown"), null));
      }
    }
    return out;
  }
}
