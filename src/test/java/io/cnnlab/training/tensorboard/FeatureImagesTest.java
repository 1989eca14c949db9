package io.cnnlab.training.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cnnlab.runs.FeatureMaps;
import io.cnnlab.testing.EventFileReader;
import io.cnnlab.training.EpochMetrics;
import io.cnnlab.training.TrainListener;
import io.cnnlab.training.TrainResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** The feature maps a run computed for its report, as TensorBoard images of its first three images. */
class FeatureImagesTest {
  @TempDir Path tmp;

  private static EpochMetrics epoch(int e) {
    return new EpochMetrics(e, new EpochMetrics.Pass(1, 0.5), new EpochMetrics.Pass(1, 0.5),
        new EpochMetrics.Timing(100, 1, 0, 0, 1, 0, 0), 0.1);
  }

  private static FeatureMaps maps(int examples) {
    List<FeatureMaps.Example> list = new ArrayList<>();
    for (int k = 0; k < examples; k++) {
      float[] pixels = {0, 0.25f, 0.5f, 1}; // 2x2, one channel
      float[] conv = {k, 1, 2, 3, 4, 5, 6, 7}; // 2x2x2
      list.add(new FeatureMaps.Example(k, k, k, 2, 2, 1, pixels,
          List.of(new FeatureMaps.Layer("conv1", 2, 2, 2, conv)), new float[4], new float[4]));
    }
    return new FeatureMaps(List.of("a", "b", "c", "d"), list, null);
  }

  @Test
  void theFirstThreeImagesInputAndLayersGoIntoAFileOfTheirOwnAtTheLastEpoch() throws IOException {
    TensorBoardWriter writer = new TensorBoardWriter(tmp, 5, 0);
    writer.onStart(new TrainListener.RunStart(2, 1, 10, 100, List.of()));
    writer.onEpochEnd(epoch(1));
    writer.onEpochEnd(epoch(2));
    writer.onFinish(new TrainResult(List.of(epoch(1), epoch(2)), 0, tmp, tmp.resolve("predictions.csv"), "h", null));
    writer.onFeatureMaps(maps(4));

    List<Path> files = EventFileReader.files(tmp);
    assertEquals(2, files.size());
    Map<String, BufferedImage> images = new TreeMap<>();
    for (Event e : EventFileReader.read(files.get(1))) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        assertEquals(2, e.getStep(), v.getTag());
        images.put(v.getTag(), ImageIO.read(new ByteArrayInputStream(v.getImage().getEncodedImageString().toByteArray())));
      }
    }
    assertEquals(List.of("features/00-input/image/0", "features/00-input/image/1", "features/00-input/image/2",
        "features/01-conv1/image/0", "features/01-conv1/image/1", "features/01-conv1/image/2"),
        List.copyOf(images.keySet()));
    // The 2x2 input enlarged 24 times (48 pixels) with a 1-pixel border; its values 0..1 as 0..255.
    BufferedImage input = images.get("features/00-input/image/0");
    assertEquals(50, input.getWidth());
    assertEquals(List.of(0, 64, 128, 255), List.of(input.getRaster().getSample(1, 1, 0),
        input.getRaster().getSample(25, 1, 0), input.getRaster().getSample(1, 25, 0), input.getRaster().getSample(48, 48, 0)));
    assertEquals(2 * 49 + 1, images.get("features/01-conv1/image/2").getWidth(), "two channels, two tiles");
  }

  @Test
  void aRunThatTrainedNothingHereAddsNoImages() throws IOException {
    TensorBoardWriter writer = new TensorBoardWriter(tmp, 5, 0);
    writer.onStart(new TrainListener.RunStart(2, 3, 10, 100, List.of(epoch(1), epoch(2))));
    writer.onFinish(new TrainResult(List.of(epoch(1), epoch(2)), 2, tmp, tmp.resolve("predictions.csv"), "h", null));
    writer.onFeatureMaps(maps(1));
    assertEquals(List.of(), EventFileReader.files(tmp));
  }
}
