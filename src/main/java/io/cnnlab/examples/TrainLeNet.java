package io.cnnlab.examples;

import io.cnnlab.data.DatasetId;
import io.cnnlab.data.Datasets;
import io.cnnlab.data.ImageSet;
import io.cnnlab.data.Split;
import io.cnnlab.data.loading.DataLoader;
import io.cnnlab.data.loading.LoaderOptions;
import io.cnnlab.models.LeNet;
import io.cnnlab.models.LeNetConfig;
import io.cnnlab.training.ConsoleProgress;
import io.cnnlab.training.TrainConfig;
import io.cnnlab.training.TrainResult;
import io.cnnlab.training.Trainer;
import io.cnnlab.training.tensorboard.TensorBoardWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The library in a dozen lines: d2l's LeNet trained on Fashion-MNIST and evaluated on its test set (README's
 * example; compiled with the library so it cannot drift). Run with
 * {@code java -cp target/classes:$(cat target/classpath.txt) io.cnnlab.examples.TrainLeNet} after
 * {@code make build datasets}.
 */
public final class TrainLeNet {
  private TrainLeNet() {}

  public static void main(String[] args) throws Exception {
    ImageSet train = Datasets.open(DatasetId.FASHION_MNIST, Path.of("datasets"), Split.TRAIN);
    ImageSet test = Datasets.open(DatasetId.FASHION_MNIST, Path.of("datasets"), Split.TEST);
    TrainConfig config = TrainConfig.builder().epochs(10).batchSize(256).learningRate(0.9).seed(42).build();
    Trainer trainer = new Trainer(new LeNet(LeNetConfig.textbook()), config, "example;fashion-mnist");
    TrainResult result = trainer.train(
        new DataLoader(train, LoaderOptions.training(256, 42).withWorkers(2)),
        new DataLoader(test, LoaderOptions.evaluation(256)),
        Path.of("reports/example-lenet"),
        List.of(ConsoleProgress.onStdout(), TensorBoardWriter.inRun(Path.of("reports/example-lenet"))));
    System.out.printf("test accuracy after %d epochs: %.3f%n", result.last().epoch(), result.last().test().accuracy());
    // How the run computed on this machine: its convolution forms, towers, threads and oneDNN's state
    System.out.println("execution: " + result.execution().describe());
  }
}
