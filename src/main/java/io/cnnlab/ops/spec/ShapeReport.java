package io.cnnlab.ops.spec;

import io.cnnlab.ops.shape.ActivationShape;
import java.util.List;

/** Layer-by-layer output shapes, parameters and MACs of a {@link LayerStack}, with totals. */
public record ShapeReport(ActivationShape input, List<LayerRow> rows) {
  public ShapeReport {
    rows = List.copyOf(rows);
  }

  /** Shape of the last layer's output (the input when there are no layers). */
  public ActivationShape output() {
    return rows.isEmpty() ? input : rows.get(rows.size() - 1).output();
  }

  /** Sum of the layers' parameters. */
  public long totalParameters() {
    return rows.stream().mapToLong(LayerRow::parameters).sum();
  }

  /** Sum of the layers' multiply-accumulates per example. */
  public long totalMacs() {
    return rows.stream().mapToLong(LayerRow::macs).sum();
  }
}
