package io.cnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.training.TrainConfig;
import io.cnnlab.training.optim.OptimizerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real declarations in {@code reproductions/}: every file reads, is named after its id, and declares what
 * the issue and {@code shared/notes/references.md} say, with sane reference bands and smoke settings.
 */
class DeclarationFilesTest {
  private static final Path DIR = Path.of("reproductions");
  private static Map<String, Declaration> byId;

  @BeforeAll
  static void readAll() throws IOException {
    byId = DeclarationReader.readAll(DIR).stream()
        .collect(Collectors.toMap(Declaration::id, Function.identity()));
  }

  @Test
  void everyYamlFileReadsAndIsNamedAfterItsId() throws IOException {
    List<String> stems;
    try (Stream<Path> files = Files.list(DIR)) {
      stems = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
    }
    assertEquals(stems, byId.keySet().stream().sorted().toList());
  }

  @Test
  void theDocumentedExperimentsAreAllDeclared() {
    for (String id : List.of("edge-detection", "conv-shapes", "conv-1x1", "lenet-fmnist-textbook",
        "lenet-fmnist-pooling", "lenet-fmnist-nesterov", "lenet-fmnist-activation", "lenet-fmnist-batchnorm",
        "lenet-fmnist-batch-size", "lenet-mnist", "lenet-cifar100-coarse", "lenet-cifar100-fine",
        "alexnet-fmnist-textbook", "alexnet-fmnist-budget", "alexnet-mnist", "alexnet-cifar100-fine",
        "loader-workers", "step-time", "feature-maps-mnist", "feature-maps-fmnist", "confusion-matrix-mnist",
        "confusion-matrix-fmnist")) {
      assertNotNull(byId.get(id), id + " is not declared");
    }
  }

  @Test
  void textbookLeNetIsDeclaredAsInD2lSection66() {
    Declaration d = byId.get("lenet-fmnist-textbook");
    assertEquals(Kind.TRAIN, d.kind());
    assertEquals("fashion-mnist", d.dataset());
    assertTrue(d.seeds().size() >= 3, "several seeds: variance matters for the verdict");
    RunSettings s = d.variants().get(0).settings();
    TrainConfig c = s.trainConfig(1);
    assertEquals(0.9, c.learningRate());
    assertEquals(256, c.batchSize());
    assertEquals(10, c.epochs());
    assertEquals(OptimizerKind.SGD, c.optimizer());
    String model = d.variants().get(0).settings().job(d.datasetId(), DIR, 1).identity();
    assertTrue(model.contains("activation=SIGMOID") && model.contains("pooling=AVG")
        && model.contains("firstConvPadding=2"), model);
    // references.md: PyTorch 0.779, TensorFlow 0.828, MXNet 0.827; band 0.78-0.83.
    assertEquals(0.78, d.reference().low());
    assertEquals(0.83, d.reference().high());
    assertEquals(Map.of("PyTorch", 0.779, "TensorFlow", 0.828, "MXNet", 0.827), d.reference().published());
  }

  @Test
  void batchNormAblationUsesTheTextbookSettingsOfSection75() {
    Declaration d = byId.get("lenet-fmnist-batchnorm");
    for (Declaration.Variant v : d.variants()) {
      TrainConfig c = v.settings().trainConfig(1);
      assertEquals(1.0, c.learningRate(), v.name());
      assertEquals(256, c.batchSize(), v.name());
    }
    String bn = d.variant(d.reference().variant()).settings().job(d.datasetId(), DIR, 1).identity();
    assertTrue(bn.contains("batchNorm=true") && bn.contains("firstConvPadding=0"), bn);
  }

  @Test
  void ablationsCompareVariantsThatDifferInTheirNamedSetting() {
    Map<String, String> ablations = Map.of("lenet-fmnist-pooling", "pooling=", "lenet-fmnist-activation",
        "activation=", "lenet-fmnist-batchnorm", "batchNorm=", "lenet-fmnist-nesterov", "optimizer=",
        "lenet-fmnist-batch-size", "batchSize=", "loader-workers", "workers=", "step-time", "threads=",
        "alexnet-cifar100-fine", "learningRate=");
    ablations.forEach((id, key) -> {
      Declaration d = byId.get(id);
      assertTrue(d.variants().size() >= 2, id + " compares at least two runs");
      List<String> values = d.variants().stream()
          .map(v -> settingValue(PlannedRun.of(d, v, 1, DIR, DIR, false, "cpu").configuration(), key)).toList();
      assertEquals(values.size(), values.stream().distinct().count(), id + ": variants differ in " + key + values);
    });
  }

  /** The value of {@code key} (e.g. {@code pooling=}) anywhere in the configuration text. */
  private static String settingValue(Map<String, String> configuration, String key) {
    String all = configuration.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + ";")
        .collect(Collectors.joining());
    int at = all.indexOf(key);
    assertTrue(at >= 0, key + " not in " + all);
    String rest = all.substring(at + key.length());
    return rest.substring(0, rest.replace(',', ';').replace(']', ';').indexOf(';'));
  }

  @Test
  void referenceBandsAreSaneAndHoldTheirPublishedValues() {
    for (Declaration d : byId.values()) {
      Declaration.Reference r = d.reference();
      if (r == null) {
        continue;
      }
      assertTrue(d.kind().metrics().contains(r.metric()), d.id());
      assertTrue(r.low() <= r.high(), d.id());
      assertFalse(r.source().isBlank(), d.id());
      assertNotNull(d.variant(r.variant()), d.id());
      if (r.metric().endsWith("accuracy")) {
        assertTrue(r.low() >= 0 && r.high() <= 1, d.id() + ": accuracy band within [0, 1]");
        // A band the published numbers fall outside would not be their band (0.01 slack: PyTorch's 0.779).
        r.published().forEach((who, value) -> assertTrue(value >= r.low() - 0.01 && value <= r.high() + 0.01,
            d.id() + ": " + who + " " + value + " outside " + r.low() + "-" + r.high()));
      }
    }
  }

  @Test
  void onlyTheExperimentsThatTakeHoursOnACpuAreHeavy() {
    List<String> heavy = byId.values().stream().filter(Declaration::heavy).map(Declaration::id).sorted().toList();
    assertEquals(List.of("alexnet-cifar100-fine", "alexnet-fmnist-textbook", "alexnet-mnist"), heavy);
  }

  @Test
  void smokeRunsAreTinyAndOneEpochLong() {
    for (Declaration d : byId.values()) {
      for (Declaration.Variant v : d.variants()) {
        RunSettings smoke = v.smoke();
        if (d.kind().trains()) {
          assertEquals(1, smoke.trainConfig(1).epochs(), d.id());
          assertTrue(smoke.trainLimit() > 0 && smoke.trainLimit() <= 512, d.id());
          assertTrue(smoke.testLimit() > 0 && smoke.testLimit() <= 256, d.id());
          assertNotEquals(smoke, v.settings(), d.id());
        }
      }
    }
    RunSettings alexnet = byId.get("alexnet-fmnist-textbook").variants().get(0).smoke();
    assertEquals(64, alexnet.trainLimit());
    assertEquals(32, alexnet.batchSize());
  }
}
