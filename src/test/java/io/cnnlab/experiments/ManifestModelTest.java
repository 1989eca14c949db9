package io.cnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.DatasetId;
import io.cnnlab.models.ModelSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestModelTest {
  @TempDir Path run;

  private static ExperimentRecord record(String dataset, Map<String, String> settings) {
    return new ExperimentRecord("e", "E", "train", dataset, List.of(), false, null,
        new ExperimentRecord.Verdict(ExperimentRecord.Status.MEASURED, null, null, null, null), List.of(), List.of(), settings);
  }

  private ManifestModel read(String json, ExperimentRecord record) throws IOException {
    Files.writeString(run.resolve("manifest.json"), json);
    return ManifestModel.read(run, record);
  }

  @Test
  void modelObjectAndDataSetAtTheTopOrOneLevelDown() throws IOException {
    ManifestModel top = read("{\"model\": {\"type\": \"lenet\", \"pool\": \"max\", \"dropout\": 0.5}, \"dataset\": \"mnist\","
        + " \"seed\": 4}", record(null, Map.of()));
    assertEquals(new ModelSettings("lenet", null, null, "max", null, null, 0.5f, null, null, null, null), top.model());
    assertEquals(DatasetId.MNIST, top.dataset());

    ManifestModel nested = read("{\"run\": \"a\", \"config\": {\"model\": \"alexnet\", \"dataset\": {\"name\": \"cifar100-fine\"}}}",
        record(null, Map.of()));
    assertEquals(ModelSettings.of("alexnet"), nested.model());
    assertEquals(DatasetId.CIFAR100_FINE, nested.dataset());
  }

  @Test
  void theRecordFillsInWhatTheManifestLacks() throws IOException {
    ManifestModel m = read("{\"seed\": 1}", record("fashion-mnist", Map.of("model", "{\"type\": \"lenet\", \"variant\": \"batch-norm\"}")));
    assertEquals(new ModelSettings("lenet", "batch-norm", null, null, null, null, null, null, null, null, null), m.model());
    assertEquals(DatasetId.FASHION_MNIST, m.dataset());
  }

  @Test
  void unusableManifestsAreNamed() throws IOException {
    Path file = run.resolve("manifest.json");
    ExperimentFileException e = assertThrows(ExperimentFileException.class,
        () -> read("{\"model\": {\"type\": \"lenet\", \"colour\": 1}, \"dataset\": \"mnist\"}", record(null, Map.of())));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().contains("'model' in " + file + " is not a model description") && e.getMessage().contains("colour"),
        e.getMessage());

    e = assertThrows(ExperimentFileException.class, () -> read("{\"dataset\": \"mnist\"}", record(null, Map.of())));
    assertTrue(e.getMessage().startsWith(file + ": has no key 'model' and the experiment record has no setting 'model'"),
        e.getMessage());

    e = assertThrows(ExperimentFileException.class, () -> read("[1, 2]", record(null, Map.of())));
    assertEquals(file + ": expected a JSON object, found ARRAY", e.getMessage());

    e = assertThrows(ExperimentFileException.class, () -> read("{\"model\": \"lenet\", \"dataset\": \"svhn\"}", record(null, Map.of())));
    assertTrue(e.getMessage().startsWith(file + ": unknown data set 'svhn'"), e.getMessage());
  }
}
