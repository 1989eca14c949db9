package io.cnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cnnlab.runs.ExperimentRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class names in an experiment's record (its confusion matrix and per-class tables) are the archive's. */
class HarnessClassNamesTest {
  @TempDir Path tmp;

  static final String CIFAR = """
      id: cifar
      title: CIFAR-100 fine
      kind: train
      dataset: cifar100-fine
      defaults: {model: {type: lenet}, epochs: 1}
      """;

  @Test
  void aCifarRecordCarriesTheNamesListedInTheInstalledArchive() throws IOException {
    HarnessFixture f = new HarnessFixture(tmp);
    f.declare(CIFAR);
    Path cifar = Files.createDirectories(f.dataRoot.resolve("cifar-100"));
    Files.createFile(cifar.resolve("train.bin"));
    Files.createFile(cifar.resolve("test.bin"));
    List<String> names = IntStream.range(0, 100).mapToObj(i -> "archive_class_" + i).toList();
    Files.write(cifar.resolve("fine_label_names.txt"), names);

    ExperimentRecord record = f.sweep(false).records().get(0);

    assertEquals(names, record.classNames());
  }
}
