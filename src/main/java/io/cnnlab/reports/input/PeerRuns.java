package io.cnnlab.reports.input;

import io.cnnlab.runs.MetricsColumns;
import io.cnnlab.runs.PeerCurves;
import io.cnnlab.runs.RunFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peer runs an experiment folder holds ({@link PeerCurves}), as metrics tables per peer, one per seed.
 * Peers print no training accuracy per epoch, so that column is NaN: only train loss and test accuracy are drawn.
 */
public final class PeerRuns {
  private PeerRuns() {}

  /** Peer name to its runs, in seed order; empty when the experiment has none. */
  public static Map<String, List<MetricsTable>> read(Path experimentDir) throws IOException {
    Map<String, List<MetricsTable>> out = new LinkedHashMap<>();
    for (PeerCurves.PeerRun run : PeerCurves.list(experimentDir)) {
      out.computeIfAbsent(run.peer(), k -> new ArrayList<>()).add(table(run.file()));
    }
    return out;
  }

  /** One peer file. */
  public static MetricsTable table(Path file) throws RunFileException {
    CsvInput csv = CsvInput.read(file, "a peer run's per-epoch curves (" + String.join(",", PeerCurves.HEADER) + ")",
        PeerCurves.HEADER);
    int n = csv.rows();
    int[] epochs = new int[n];
    double[] loss = new double[n];
    double[] test = new double[n];
    for (int r = 0; r < n; r++) {
      epochs[r] = csv.integer(r, MetricsColumns.EPOCH);
      if (r > 0 && epochs[r] <= epochs[r - 1]) {
        throw csv.cellError(r, MetricsColumns.EPOCH, "an epoch greater than " + epochs[r - 1], csv.cell(r, MetricsColumns.EPOCH));
      }
      loss[r] = csv.number(r, MetricsColumns.TRAIN_LOSS, false);
      test[r] = csv.number(r, MetricsColumns.TEST_ACCURACY, false);
    }
    double[] trainAccuracy = new double[n];
    Arrays.fill(trainAccuracy, Double.NaN);
    Map<String, double[]> columns = new LinkedHashMap<>();
    columns.put(MetricsColumns.TRAIN_LOSS, loss);
    columns.put(MetricsColumns.TRAIN_ACCURACY, trainAccuracy);
    columns.put(MetricsColumns.TEST_ACCURACY, test);
    return MetricsTable.of(file, epochs, columns);
  }
}
