package io.cnnlab.serving;

import io.cnnlab.data.DatasetId;
import io.cnnlab.data.ImageSet;
import io.cnnlab.experiments.HarnessFixture;
import io.cnnlab.experiments.RunSettings;
import io.cnnlab.experiments.SingleRun;
import io.cnnlab.experiments.TrainingJob;
import io.cnnlab.graph.Execution;
import io.cnnlab.graph.Machine;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.runs.MetricsColumns;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.runs.RunLock;
import io.cnnlab.testing.BarImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A finished {@code cnnlab train} run folder to export: LeNet's ReLU / max-pooling variant trained two epochs on
 * {@link BarImages} through {@link SingleRun}, in the forms {@code auto} chooses on this machine (on a CPU the
 * blocked stages and two towers), so an export in the plain forms reads weights trained in others.
 *
 * @param run the run folder
 * @param test the test split it evaluated (60 images)
 * @param execution how it trained
 * @param model its export, by {@link ModelExport}
 * @param info what the export says of itself
 */
public record ExportFixture(Path run, ImageSet test, Execution execution, Path model, ExportInfo info) {
  /** Trains the run into {@code tmp/run}, its data in {@code tmp/datasets}, and exports it into {@code tmp/model}. */
  public static ExportFixture train(Path tmp) throws IOException {
    Path data = tmp.resolve("datasets");
    ImageSet test = BarImages.bars("bars/test", 60, 2);
    BarImages.writeFashionMnist(data, BarImages.bars("bars/train", 200, 1), test);
    ModelSettings lenet = new ModelSettings("lenet", "relu-max", null, null, null, null, null, null, null, null, null);
    RunSettings settings = new RunSettings(lenet, "adam", 0.01, null, null, null, 64, 2, null, null, null, null, 0,
        null, null, null, null);
    TrainingJob job = settings.job(DatasetId.FASHION_MNIST, data, 3);
    Execution execution = job.execution(Machine.detect());
    Path run = tmp.resolve("run");
    SingleRun.train(settings, job, execution, HarnessFixture.ENVIRONMENT,
        RunLock.Writer.thisProcess(System.getenv(), RunLock.DEFAULT_STALE), run, List.of(), null);
    Path model = tmp.resolve("model");
    return new ExportFixture(run, test, execution, model, ModelExport.export(run, model));
  }

  /** The class the run predicted for each test image, from its {@code predictions.csv} (index, label, predicted). */
  public int[] predicted() throws IOException {
    return predictionsColumn(2);
  }

  /** Each test image's true class, from the same file. */
  public int[] labels() throws IOException {
    return predictionsColumn(1);
  }

  private int[] predictionsColumn(int column) throws IOException {
    List<String> lines = Files.readAllLines(new RunFolder(run).predictions(), StandardCharsets.UTF_8);
    int[] out = new int[lines.size() - 1];
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      out[Integer.parseInt(cells[0].trim())] = Integer.parseInt(cells[column].trim());
    }
    return out;
  }

  /** The last epoch's test loss in the run's {@code metrics.csv}: the trainer's mean cross-entropy on the test set. */
  public double testLoss() throws IOException {
    List<String> lines = Files.readAllLines(new RunFolder(run).metrics(), StandardCharsets.UTF_8);
    int column = List.of(lines.get(0).split(",")).indexOf(MetricsColumns.TEST_LOSS);
    return Double.parseDouble(lines.get(lines.size() - 1).split(",")[column]);
  }
}
