package io.cnnlab.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The features/ folder: arrays and index written and read back, a replaced folder, an array of another shape. */
class FeatureFilesTest {
  @TempDir Path tmp;

  private static FeatureMaps maps() {
    FeatureMaps.Layer conv = new FeatureMaps.Layer("conv1", 2, 2, 3, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    FeatureMaps.Example e = new FeatureMaps.Example(17, 2, 1, 2, 2, 1, new float[] {0.1f, 0.2f, 0.3f, 0.4f},
        List.of(conv), new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8});
    return new FeatureMaps(List.of("a", "b", "c"), List.of(e),
        new FeatureMaps.Kernel("conv1_kernel", 1, 1, 1, 3, new float[] {-1, 0, 1}));
  }

  @Test
  void writtenFeaturesReadBackAsTheyWere() throws IOException {
    RunFolder run = new RunFolder(tmp.resolve("run"));
    FeatureFiles.writeProblem(run, "an earlier attempt failed");
    FeatureFiles.write(run, maps(), null);

    assertFalse(Files.exists(run.features().resolve(FeatureFiles.PROBLEM)), "the old note is replaced");
    FeatureMaps back = FeatureFiles.read(run);
    assertEquals(List.of("a", "b", "c"), back.classNames());
    FeatureMaps.Example e = back.examples().get(0);
    assertEquals(List.of(17, 2, 1, 2, 2, 1), List.of(e.testIndex(), e.label(), e.predicted(), e.height(), e.width(), e.channels()));
    assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, e.pixels());
    assertArrayEquals(new float[] {5, 6, 7, 8}, e.sobel());
    assertArrayEquals(maps().examples().get(0).layers().get(0).values(), e.layers().get(0).values());
    assertEquals("conv1", e.layers().get(0).name());
    assertArrayEquals(new float[] {-1, 0, 1}, back.firstKernel().weights());
    assertEquals(3, back.firstKernel().cout());
    assertArrayEquals(new int[] {2, 2, 3}, Npy.read(run.features().resolve("image-17-conv1.npy")).shape());
  }

  @Test
  void anArrayOfAnotherShapeThanTheIndexSaysIsNamed() throws IOException {
    RunFolder run = new RunFolder(tmp.resolve("run"));
    FeatureFiles.write(run, maps(), null);
    Path sobel = run.features().resolve("image-17-sobel.npy");
    Npy.write(sobel, new int[] {4}, new float[] {5, 6, 7, 8});

    RunFileException e = assertThrows(RunFileException.class, () -> FeatureFiles.read(run));

    assertEquals(sobel, e.file());
    assertTrue(e.getMessage().endsWith("has shape [4] but index.json says [2, 2]"), e.getMessage());
  }
}
