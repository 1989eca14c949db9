package io.cnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.DatasetId;
import io.cnnlab.graph.Execution;
import io.cnnlab.graph.Machine;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.runs.FeatureFiles;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.runs.RunLock;
import io.cnnlab.runs.RunManifest;
import io.cnnlab.testing.BarImages;
import io.cnnlab.training.EpochMetrics;
import io.cnnlab.training.MetricsCsv;
import io.cnnlab.training.TrainResult;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnnlab train --out DIR} leaves the run folder the harness leaves: its manifest holds the configuration a
 * declaration of the same settings hashes, the environment, the execution asked for and resolved, the status and
 * the last epoch's metrics; metrics.csv, predictions.csv and the feature maps beside it. Real training, 2 epochs on
 * a small stand-in data set.
 */
class SingleRunTest {
  @TempDir Path tmp;

  @Test
  void aRunOfCnnlabTrainWritesTheHarnessRunFolder() throws Exception {
    Path data = tmp.resolve("datasets");
    BarImages.writeFashionMnist(data, BarImages.bars("bars/train", 120, 1), BarImages.bars("bars/test", 40, 2));
    ModelSettings lenet = new ModelSettings("lenet", "relu-max", null, null, null, null, null, null, null, null, null);
    RunSettings settings = new RunSettings(lenet, "adam", 0.01, null, null, null, 20, 2, 1, null, null, "plain", 0,
        null, null, null, null);
    TrainingJob job = settings.job(DatasetId.FASHION_MNIST, data, 3);
    Execution execution = job.execution(Machine.detect());
    Path dir = tmp.resolve("out");

    TrainResult result = SingleRun.train(settings, job, execution, HarnessFixture.ENVIRONMENT,
        RunLock.Writer.thisProcess(System.getenv(), RunLock.DEFAULT_STALE), dir, List.of(), null);

    RunManifest m = RunManifest.read(dir.resolve(RunFolder.MANIFEST));
    assertEquals(RunManifest.FINISHED, m.status());
    assertEquals(2, m.epochsCompleted());
    assertEquals("train", m.kind());
    assertEquals("fashion-mnist", m.dataset());
    assertEquals(3, m.seed());
    // the harness's configuration of a run with these settings, and its hash
    assertEquals(PlannedRun.configuration(Kind.TRAIN, "fashion-mnist", execution.device(), false, 3, settings, job),
        m.configuration());
    assertEquals(PlannedRun.hash(m.configuration()), m.configHash());
    assertEquals(HarnessFixture.ENVIRONMENT, m.environment());
    assertEquals("plain", m.execution().requested().get("convForm"));
    assertEquals("1", m.execution().requested().get("threads"));
    assertEquals(List.of("plain", "plain"), m.execution().stages().stream().map(s -> s.form()).toList());
    assertEquals(1, m.execution().threads());
    assertEquals("plain", m.settings().get("convForm"));

    List<EpochMetrics> rows;
    try (Reader r = Files.newBufferedReader(new RunFolder(dir).metrics())) {
      rows = MetricsCsv.read(r, "metrics.csv");
    }
    assertEquals(List.of(1, 2), rows.stream().map(EpochMetrics::epoch).toList());
    assertEquals(rows.get(1).test().accuracy(), m.metrics().get("test_accuracy"), 1e-12);
    assertEquals(result.last().test().accuracy(), m.metrics().get("test_accuracy"), 1e-12);
    assertTrue(Files.isRegularFile(new RunFolder(dir).predictions()), "predictions.csv");
    assertTrue(FeatureFiles.exists(new RunFolder(dir)), "features/index.json");
  }
}
