package io.cnnlab.reports;

import io.cnnlab.runs.ExperimentFolder;
import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.ExperimentRecordJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A made-up experiment folder as the harness leaves it: {@code experiment.json} and two variants x two seeds
 * of run folders with metrics.csv and predictions.csv, plus a loader CSV output. Public for the CLI tests.
 */
public final class ExperimentFixtures {
  private ExperimentFixtures() {}

  public static final String ID = "lenet-pool-ablation";
  public static final String TITLE = "LeNet pooling ablation (d2l 7.6)";
  public static final int EPOCHS = 6;
  public static final int PER_CLASS = 10;

  /** Seed offsets of the made-up runs: variant "avg" 0.00 and 0.01, variant "max" 0.02 and 0.03. */
  public static double offset(String variant, int seed) {
    return (variant.equals("avg") ? 0.0 : 0.02) + 0.01 * (seed - 1);
  }

  /** A loader comparison: 2 workers 11,000 and 13,000 img/s (mean 12,000), 5 workers 30,000 img/s. */
  public static final String LOADER_CSV = "workers,images_per_second,data_wait_seconds\n2,11000,1.5\n2,13000,2.5\n5,30000,0.25\n";

  public static final Map<String, Double> PUBLISHED = publishedNumbers();

  private static Map<String, Double> publishedNumbers() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("PyTorch", 0.827);
    m.put("TensorFlow", 0.831);
    return m;
  }

  /** The record: reference test accuracy in [0.80, 0.86], verdict reproduced at 0.8234 (0.8201 to 0.8267). */
  public static ExperimentRecord record(boolean smoke, List<String> render) {
    List<ExperimentRecord.RunRecord> runs = new ArrayList<>();
    for (String variant : List.of("avg", "max")) {
      for (int seed = 1; seed <= 2; seed++) {
        List<String> outputs = variant.equals("avg") && seed == 1 ? List.of("loader.csv") : List.of();
        runs.add(new ExperimentRecord.RunRecord(variant + "-seed" + seed, variant, seed, variant + "-seed" + seed,
            "hash" + seed, false, outputs));
      }
    }
    return new ExperimentRecord(ID, TITLE, "train", "fashion-mnist", Fixtures.classNames(10), smoke,
        new ExperimentRecord.Reference("d2l 2.0 section 7.6", "test_accuracy", 0.80, 0.86, PUBLISHED),
        new ExperimentRecord.Verdict(ExperimentRecord.Status.REPRODUCED, 0.8234, new double[] {0.8201, 0.8267}, 0.0, null),
        runs, render, Map.of("lr", "0.9", "batch", "256"));
  }

  /** Writes the run folders and experiment.json of {@code record} into {@code dir}; returns dir. */
  public static Path write(Path dir, ExperimentRecord record) throws IOException {
    for (ExperimentRecord.RunRecord run : record.runs()) {
      Path runDir = dir.resolve(run.dir());
      Fixtures.writeMetrics(runDir.resolve("metrics.csv"), EPOCHS, offset(run.variant(), (int) run.seed()), 0.5);
      Fixtures.writePredictions(runDir.resolve("predictions.csv"), Fixtures.cyclicPredictions(10, PER_CLASS));
      Files.writeString(runDir.resolve("manifest.json"), "{\"model\": {\"type\": \"lenet\"}, \"dataset\": \"fashion-mnist\"}");
      if (run.outputs().contains("loader.csv")) {
        Files.writeString(runDir.resolve("loader.csv"), LOADER_CSV);
      }
    }
    ExperimentRecordJson.write(dir.resolve(ExperimentFolder.RECORD), record);
    return dir;
  }
}
