package io.cnnlab.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.experiments.FeatureMapExtractor;
import io.cnnlab.graph.Execution;
import io.cnnlab.image.ModelInput;
import io.cnnlab.models.Model;
import io.cnnlab.runs.FeatureMaps;
import io.cnnlab.runs.RunFileException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Predictions on pictures through an export: test images enlarged four times and drawn dark on light, as a photo of
 * a printout would be, come back as the very bytes the run evaluated and get the classes it predicted; their feature
 * maps are those the run's own checkpoint gives.
 */
class PredictorTest {
  @TempDir static Path tmp;
  private static ExportFixture fixture;

  @BeforeAll
  static void trainAndExport() throws IOException {
    fixture = ExportFixture.train(tmp);
  }

  /** Test image {@code i}, each pixel a 4x4 block, inverted: dark garment on light paper, 112x112. */
  static BufferedImage enlargedDarkOnLight(int i) {
    byte[] image = fixture.test().image(i);
    BufferedImage out = new BufferedImage(112, 112, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 112; y++) {
      for (int x = 0; x < 112; x++) {
        out.getRaster().setSample(x, y, 0, 255 - (image[(y / 4) * 28 + x / 4] & 0xFF));
      }
    }
    return out;
  }

  @Test
  void enlargedDarkOnLightTestImagesGetTheRunsClasses() throws IOException {
    int[] run = fixture.predicted();
    try (Predictor p = Predictor.open(fixture.model())) {
      List<ModelInput.Prepared> pictures = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ModelInput.Prepared prepared = p.prepare(enlargedDarkOnLight(i), ModelInput.Invert.AUTO);
        assertTrue(prepared.inverted(), "a light background is inverted for Fashion-MNIST");
        assertArrayEquals(fixture.test().image(i), prepared.pixels(), "block means of equal pixels are the pixels");
        pictures.add(prepared);
      }
      List<Prediction> predictions = p.classify(pictures);
      for (int i = 0; i < 20; i++) {
        assertEquals(run[i], predictions.get(i).predicted(), "image " + i);
        List<Prediction.Ranked> top = predictions.get(i).top(3);
        assertEquals(p.info().classNames().get(run[i]), top.get(0).name());
        assertTrue(top.get(0).probability() >= top.get(1).probability()
            && top.get(1).probability() >= top.get(2).probability(), "most probable first");
      }
    }
  }

  @Test
  void aRunFolderIsExportedOnTheFlyAndGivesTheSameProbabilities() throws IOException {
    List<ModelInput.Prepared> one;
    List<Prediction> fromExport;
    try (Predictor p = Predictor.open(fixture.model())) {
      one = List.of(p.prepare(enlargedDarkOnLight(3), ModelInput.Invert.AUTO));
      fromExport = p.classify(one);
    }
    try (Predictor p = Predictor.open(fixture.run())) {
      assertArrayEquals(fromExport.get(0).probabilities(), p.classify(one).get(0).probabilities());
    }
  }

  @Test
  void aPicturesFeatureMapsAreThoseTheRunsCheckpointGives() throws IOException {
    int[] indices = {0, 1, 2};
    Model lenet = SourceRun.read(fixture.run()).model();
    FeatureMaps reference = FeatureMapExtractor.extract(lenet, Execution.inspecting(lenet.network()), fixture.run(),
        fixture.test(), indices);
    try (Predictor p = Predictor.open(fixture.model())) {
      List<ModelInput.Prepared> pictures = new ArrayList<>();
      for (int i : indices) {
        pictures.add(p.prepare(enlargedDarkOnLight(i), ModelInput.Invert.AUTO));
      }
      int[] predicted = p.classify(pictures).stream().mapToInt(Prediction::predicted).toArray();
      FeatureMaps maps = p.features(pictures, predicted);
      assertArrayEquals(reference.firstKernel().weights(), maps.firstKernel().weights());
      for (int k = 0; k < indices.length; k++) {
        FeatureMaps.Example want = reference.examples().get(k);
        FeatureMaps.Example got = maps.examples().get(k);
        assertEquals(k, got.testIndex());
        assertEquals(-1, got.label(), "a picture's class is not known");
        assertEquals(want.predicted(), got.predicted());
        assertArrayEquals(want.pixels(), got.pixels(), 1e-7f);
        assertArrayEquals(want.sobel(), got.sobel(), 1e-5f);
        assertEquals(want.layers().size(), got.layers().size());
        for (int l = 0; l < want.layers().size(); l++) {
          assertArrayEquals(want.layers().get(l).values(), got.layers().get(l).values(), 1e-4f,
              want.layers().get(l).name());
        }
      }
    }
  }

  @Test
  void aFolderThatIsNeitherAnExportNorARunIsNamed() throws IOException {
    Path other = Files.createDirectories(tmp.resolve("photos"));
    RunFileException e = assertThrows(RunFileException.class, () -> Predictor.open(other));
    assertTrue(e.getMessage().contains(other.toString()) && e.getMessage().contains("not a cnnlab export"),
        e.getMessage());
    Path broken = Files.createDirectories(tmp.resolve("broken"));
    Files.copy(fixture.model().resolve(ExportInfo.FILE), broken.resolve(ExportInfo.FILE));
    RunFileException missing = assertThrows(RunFileException.class, () -> Predictor.open(broken));
    assertTrue(missing.getMessage().contains(broken.resolve("saved_model.pb").toString()), missing.getMessage());
  }
}
