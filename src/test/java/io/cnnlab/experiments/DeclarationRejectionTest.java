package io.cnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad declarations are refused with the file, the key and the allowed keys or values; good ones merge right. */
class DeclarationRejectionTest {
  private static final String GOOD = """
      id: demo
      title: Demo
      kind: train
      dataset: fashion-mnist
      defaults:
        model: {type: lenet, variant: textbook}
        learningRate: 0.9
        batchSize: 256
        epochs: 10
      variants:
        - {name: avg}
        - {name: max, model: {pool: max}}
      seeds: [1, 2]
      reference: {source: d2l, metric: test_accuracy, low: 0.78, high: 0.83, variant: avg}
      smoke: {batchSize: 32}
      """;

  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path file = dir.resolve("demo.yaml");
    Files.writeString(file, text);
    return file;
  }

  /** The message of reading {@code text}, which must fail. */
  private String rejection(String text) throws IOException {
    Path file = write(text);
    InvalidDeclarationException e = assertThrows(InvalidDeclarationException.class, () -> DeclarationReader.read(file));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
    return e.getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
    }
  }

  @Test
  void goodDeclarationMergesVariantsOverDefaultsAndSmokeOverBoth() throws IOException {
    Declaration d = DeclarationReader.read(write(GOOD));
    Declaration.Variant max = d.variant("max");
    assertEquals("max", max.settings().model().pool());
    assertEquals("textbook", max.settings().model().variant(), "the rest of the model block comes from defaults");
    assertNull(d.variant("avg").settings().model().pool());
    assertEquals(256, max.settings().batchSize());
    assertEquals(32, max.smoke().batchSize(), "smoke block on top");
    assertEquals(1, max.smoke().epochs(), "smoke runs one epoch");
    assertEquals(DeclarationReader.SMOKE_TRAIN_LIMIT, max.smoke().trainLimit());
    assertNull(max.settings().trainLimit(), "real runs use every sample");
    assertEquals(0.9, max.smoke().learningRate());
  }

  @Test
  void unknownTopLevelKeyNamesItAndTheAllowedKeys() throws IOException {
    String m = rejection(GOOD + "colour: blue\n");
    assertMentions(m, "unknown key 'colour'", "allowed keys", "title", "variants", "reference");
  }

  @Test
  void unknownModelKeyInTheDefaultsNamesWhereAndTheModelKeys() throws IOException {
    String m = rejection(GOOD.replace("variant: textbook}", "variant: textbook, pol: max}"));
    assertMentions(m, "unknown key 'pol'", "defaults.model", "pool", "activation", "batchNorm");
  }

  @Test
  void unknownKeyInAVariantNamesTheVariant() throws IOException {
    String m = rejection(GOOD.replace("{name: max, model: {pool: max}}", "{name: max, learning_rate: 0.1}"));
    assertMentions(m, "unknown key 'learning_rate'", "variants[1]", "learningRate", "optimizer", "schedule");
  }

  @Test
  void unknownKeyInTheReferenceNamesIt() throws IOException {
    String m = rejection(GOOD.replace("{source: d2l,", "{sauce: d2l,"));
    assertMentions(m, "unknown key 'sauce'", "reference", "source", "metric", "published");
  }

  @Test
  void badKindNamesTheAllowedKinds() throws IOException {
    String m = rejection(GOOD.replace("kind: train", "kind: trian"));
    assertMentions(m, "'kind'", "trian", "train, edges, conv-shapes, conv-1x1, loader-workers, step-time");
  }

  @Test
  void badOptimizerNamesTheKeyAndTheAllowedOptimizers() throws IOException {
    String m = rejection(GOOD.replace("{name: avg}", "{name: avg, optimizer: adagrad}"));
    assertMentions(m, "variants[0].optimizer", "adagrad", "sgd, momentum, nesterov, adam");
  }

  @Test
  void badPoolingAndActivationNameTheirKeys() throws IOException {
    assertMentions(rejection(GOOD.replace("model: {pool: max}", "model: {pool: median}")),
        "variants[1].model.pool", "median", "max or avg");
    assertMentions(rejection(GOOD.replace("variant: textbook}", "variant: textbook, activation: swish}")),
        "defaults.model.activation", "swish", "relu, sigmoid or tanh");
  }

  @Test
  void badDatasetAndRenderItemNameTheAllowedValues() throws IOException {
    assertMentions(rejection(GOOD.replace("dataset: fashion-mnist", "dataset: imagenet")),
        "'dataset'", "imagenet", "mnist, fashion-mnist, cifar100-coarse, cifar100-fine");
    assertMentions(rejection(GOOD + "render: [curves, sparkles]\n"),
        "render[1]", "sparkles", "curves, overlay, time, confusion");
  }

  @Test
  void numbersThatAreNotNumbersOrOutOfRangeAreNamed() throws IOException {
    assertMentions(rejection(GOOD.replace("learningRate: 0.9", "learningRate: fast")), "defaults.learningRate", "fast");
    assertMentions(rejection(GOOD.replace("batchSize: 256", "batchSize: 2.5")), "defaults.batchSize", "2.5");
    assertMentions(rejection(GOOD.replace("learningRate: 0.9", "learningRate: -1")), "variant 'avg'",
        "learningRate must be a finite number > 0, got -1.0");
    assertMentions(rejection(GOOD.replace("seeds: [1, 2]", "seeds: [1, one]")), "seeds", "one");
    assertMentions(rejection(GOOD.replace("low: 0.78, high: 0.83", "low: 0.9, high: 0.8")),
        "reference.low", "reference.high", "low <= high");
  }

  @Test
  void aBadValueIsReportedInTheBlockThatGaveItLast() throws IOException {
    // The defaults' rate is fine; the variant's override is not: the message points at the override.
    assertMentions(rejection(GOOD.replace("{name: max, model: {pool: max}}", "{name: max, learningRate: 0}")),
        "variant 'max'", "key 'variants[1].learningRate'", "learningRate must be a finite number > 0, got 0.0");
    assertMentions(rejection(GOOD.replace("smoke: {batchSize: 32}", "smoke: {batchSize: 0}")),
        "with smoke overrides", "key 'smoke.batchSize'", "batchSize must be >= 1, got 0");
  }

  @Test
  void idMustBeTheFileName() throws IOException {
    assertMentions(rejection(GOOD.replace("id: demo", "id: other")), "'id'", "other", "'demo'");
  }

  @Test
  void settingsThatDoNotApplyToTheKindAreRefused() throws IOException {
    assertMentions(rejection(GOOD.replace("  epochs: 10", "  epochs: 10\n  photos: 3")),
        "key 'photos' in defaults does not apply to kind train", "keys that apply", "trainLimit");
    assertMentions(rejection("id: demo\ntitle: t\nkind: conv-shapes\ndataset: mnist\n"),
        "'dataset' does not apply to kind conv-shapes");
  }

  @Test
  void referenceMustNameAnExistingVariantAndAMetricOfTheKind() throws IOException {
    assertMentions(rejection(GOOD.replace(", variant: avg}", "}")), "reference.variant", "is required",
        "avg, max");
    assertMentions(rejection(GOOD.replace("variant: avg}", "variant: median}")), "reference.variant",
        "median", "avg, max");
    assertMentions(rejection(GOOD.replace("metric: test_accuracy", "metric: top5")), "reference.metric", "top5",
        "test_accuracy", "train_loss");
  }

  @Test
  void modelSettingsThatDoNotFitTheModelAreRefusedAtReadTime() throws IOException {
    assertMentions(rejection(GOOD.replace("model: {pool: max}", "model: {width: 0.5}")), "variant 'max'",
        "width does not apply to lenet");
  }

  @Test
  void duplicateKeysAndDuplicateVariantsAreRefused() throws IOException {
    assertMentions(rejection(GOOD.replace("  learningRate: 0.9\n", "  learningRate: 0.9\n  learningRate: 0.5\n")), "learningRate");
    assertMentions(rejection(GOOD.replace("{name: max, model: {pool: max}}", "{name: avg, model: {pool: max}}")),
        "variant 'avg' is declared twice");
  }
}
