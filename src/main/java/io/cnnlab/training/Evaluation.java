package io.cnnlab.training;

import io.cnnlab.data.loading.Batch;
import io.cnnlab.data.loading.BatchSource;
import io.cnnlab.data.loading.BatchStream;
import io.cnnlab.runs.PredictionsColumns;
import io.cnnlab.tf.Tensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Loss, accuracy and (optionally) predictions of the model over a whole source, in evaluation mode.
 *
 * @param loss mean cross-entropy per sample
 * @param accuracy fraction classified correctly
 * @param samples samples evaluated
 * @param labels true class per sample in source order, or null when predictions were not asked for
 * @param predicted predicted class per sample, or null likewise
 */
record Evaluation(double loss, double accuracy, long samples, int[] labels, int[] predicted) {

  /**
   * Runs {@code graph} over epoch 0 of {@code source} with the training flag off.
   *
   * @param evalFlag a scalar {@code false} tensor, reused across calls
   * @param withPredictions whether to collect every sample's label and prediction
   */
  static Evaluation run(Session session, TrainGraph graph, BatchSource source, TBool evalFlag,
      boolean withPredictions) {
    double lossSum = 0;
    double correctSum = 0;
    int n = 0;
    int[] labels = withPredictions ? new int[Math.max(source.samplesPerEpoch(), 0)] : null;
    int[] predicted = withPredictions ? new int[labels.length] : null;
    try (BatchStream stream = source.epoch(0)) {
      while (stream.hasNext()) {
        Batch b = stream.next();
        Trainer.checkBatch(b, graph.model(), Integer.MAX_VALUE, "test");
        try (TFloat32 x = Tensors.floats(b.images(), b.shape());
            TInt32 y = Tensors.ints(b.labels(), b.size())) {
          var runner = session.runner().feed(graph.images(), x).feed(graph.labels(), y)
              .feed(graph.training(), evalFlag).fetch(graph.loss()).fetch(graph.correct());
          if (withPredictions) {
            runner.fetch(graph.predictions());
          }
          try (Result r = runner.run()) {
            lossSum += (double) Tensors.scalar(r.get(0)) * b.size();
            correctSum += Tensors.scalar(r.get(1));
            if (withPredictions) {
              if (n + b.size() > labels.length) {
                labels = Arrays.copyOf(labels, Math.max(2 * labels.length, n + b.size()));
                predicted = Arrays.copyOf(predicted, labels.length);
              }
              System.arraycopy(b.labels(), 0, labels, n, b.size());
              System.arraycopy(Tensors.toInts(r.get(2)), 0, predicted, n, b.size());
            }
          }
        }
        n += b.size();
      }
    }
    if (n == 0) {
      throw new IllegalStateException("the test source yielded no samples; evaluation needs at least one");
    }
    return new Evaluation(lossSum / n, correctSum / n, n,
        withPredictions ? Arrays.copyOf(labels, n) : null, withPredictions ? Arrays.copyOf(predicted, n) : null);
  }

  /** Writes {@link PredictionsColumns#HEADER} rows to {@code file} (temporary file, then rename). */
  void writePredictions(Path file) {
    if (labels == null) {
      throw new IllegalStateException("this evaluation did not collect predictions");
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(PredictionsColumns.HEADER.toArray(String[]::new))
        .setRecordSeparator('\n').get();
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
          CSVPrinter printer = new CSVPrinter(w, format)) {
        for (int i = 0; i < labels.length; i++) {
          printer.printRecord(i, labels[i], predicted[i]);
        }
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write predictions " + file, e);
    }
  }
}
