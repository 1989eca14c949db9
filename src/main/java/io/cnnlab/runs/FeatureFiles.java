package io.cnnlab.runs;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The {@code features/} folder of a training run: {@link FeatureMaps} as float32 NumPy arrays ({@link Npy}), an
 * {@code index.json} naming them ({@link Index}), and PNGs of the figures. Written at the end of training, read
 * by the report. When writing failed, the folder holds only {@code problem.txt} saying why.
 *
 * <p>Files per test image {@code i}: {@code image-i-input.npy} {@code [h, w, c]}, {@code image-i-prewitt.npy}
 * and {@code image-i-sobel.npy} {@code [h, w]}, {@code image-i-<layer>.npy} {@code [h, w, c]} per layer,
 * {@code feature-maps-i.png}; and {@code kernel-<name>.npy} {@code [kh, kw, cin, cout]}, {@code kernels.png}.
 */
public final class FeatureFiles {
  private FeatureFiles() {}

  public static final String INDEX = "index.json";
  public static final String PROBLEM = "problem.txt";
  public static final String KERNEL_FIGURE = "kernels.png";
  static final int VERSION = 1;

  /** One array file: what it is, its file name in {@code features/}, its shape. */
  public record ArrayFile(String name, String file, int[] shape) {}

  /** One test image's entry: its index, label and prediction, its arrays and its figure (null when none). */
  public record Entry(int testIndex, int label, int predicted, ArrayFile input, ArrayFile prewitt, ArrayFile sobel,
      List<ArrayFile> layers, String figure) {}

  /** {@code index.json}. */
  public record Index(int version, List<String> classNames, List<Entry> examples, ArrayFile kernel, String kernelFigure) {}

  /**
   * Writes {@code maps} into {@code run.features()}, replacing what was there; the figures too when
   * {@code figures} is not null. The folder appears complete or not at all (written beside it, then renamed).
   */
  public static void write(RunFolder run, FeatureMaps maps, FeatureFigures figures) throws IOException {
    write(run.features(), maps, figures);
  }

  /** As {@link #write(RunFolder, FeatureMaps, FeatureFigures)}, into the folder {@code target} (of any name). */
  public static void write(Path target, FeatureMaps maps, FeatureFigures figures) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    delete(tmp);
    Files.createDirectories(tmp);
    List<Entry> entries = new ArrayList<>();
    for (FeatureMaps.Example e : maps.examples()) {
      String stem = "image-" + e.testIndex() + "-";
      ArrayFile input = array(tmp, "input", stem + "input.npy", new int[] {e.height(), e.width(), e.channels()}, e.pixels());
      ArrayFile prewitt = array(tmp, "prewitt", stem + "prewitt.npy", new int[] {e.height(), e.width()}, e.prewitt());
      ArrayFile sobel = array(tmp, "sobel", stem + "sobel.npy", new int[] {e.height(), e.width()}, e.sobel());
      List<ArrayFile> layers = new ArrayList<>();
      for (FeatureMaps.Layer l : e.layers()) {
        layers.add(array(tmp, l.name(), stem + safe(l.name()) + ".npy", new int[] {l.height(), l.width(), l.channels()},
            l.values()));
      }
      String figure = figures == null ? null : png(tmp, "feature-maps-" + e.testIndex() + ".png",
          figures.example(e, maps.classNames()));
      entries.add(new Entry(e.testIndex(), e.label(), e.predicted(), input, prewitt, sobel, layers, figure));
    }
    FeatureMaps.Kernel k = maps.firstKernel();
    ArrayFile kernel = k == null ? null
        : array(tmp, k.name(), "kernel-" + safe(k.name()) + ".npy", new int[] {k.kh(), k.kw(), k.cin(), k.cout()}, k.weights());
    String kernelFigure = k == null || figures == null ? null : png(tmp, KERNEL_FIGURE, figures.kernels(k));
    RunJson.write(tmp.resolve(INDEX), new Index(VERSION, maps.classNames(), entries, kernel, kernelFigure));
    delete(target);
    Files.move(tmp, target);
  }

  /** Leaves {@code problem.txt} in {@code run.features()} (and nothing else there): why the features are missing. */
  public static void writeProblem(RunFolder run, String problem) throws IOException {
    delete(run.features());
    Files.createDirectories(run.features());
    Files.writeString(run.features().resolve(PROBLEM), problem + "\n", StandardCharsets.UTF_8);
  }

  /** Why the run wrote no features, when it left a note saying so. */
  public static Optional<String> problem(RunFolder run) throws IOException {
    Path file = run.features().resolve(PROBLEM);
    return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
  }

  /** Whether the run has a feature index. */
  public static boolean exists(RunFolder run) {
    return Files.isRegularFile(run.features().resolve(INDEX));
  }

  /**
   * Reads the arrays the index names.
   *
   * @throws RunFileException naming the index or the array file that is missing, malformed or of another shape
   */
  public static FeatureMaps read(RunFolder run) throws RunFileException {
    Path dir = run.features();
    Path indexFile = dir.resolve(INDEX);
    Index index = RunJson.readStrict(indexFile, Index.class, "feature index");
    if (index.examples() == null || index.classNames() == null) {
      throw new RunFileException(indexFile, "lacks examples or classNames");
    }
    List<FeatureMaps.Example> examples = new ArrayList<>();
    for (Entry e : index.examples()) {
      float[] input = values(dir, indexFile, e.input(), 3);
      int[] s = e.input().shape();
      float[] prewitt = values(dir, indexFile, e.prewitt(), 2);
      float[] sobel = values(dir, indexFile, e.sobel(), 2);
      List<FeatureMaps.Layer> layers = new ArrayList<>();
      for (ArrayFile l : e.layers() == null ? List.<ArrayFile>of() : e.layers()) {
        float[] v = values(dir, indexFile, l, 3);
        layers.add(new FeatureMaps.Layer(l.name(), l.shape()[0], l.shape()[1], l.shape()[2], v));
      }
      examples.add(new FeatureMaps.Example(e.testIndex(), e.label(), e.predicted(), s[0], s[1], s[2], input, layers,
          prewitt, sobel));
    }
    FeatureMaps.Kernel kernel = null;
    if (index.kernel() != null) {
      float[] w = values(dir, indexFile, index.kernel(), 4);
      int[] s = index.kernel().shape();
      kernel = new FeatureMaps.Kernel(index.kernel().name(), s[0], s[1], s[2], s[3], w);
    }
    return new FeatureMaps(index.classNames(), examples, kernel);
  }

  private static float[] values(Path dir, Path indexFile, ArrayFile a, int rank) throws RunFileException {
    if (a == null || a.file() == null || a.shape() == null || a.shape().length != rank) {
      throw new RunFileException(indexFile, "an array entry " + (a == null ? "is missing" : a.name() + " has shape "
          + (a.shape() == null ? "null" : Arrays.toString(a.shape()))) + "; expected a file and a shape of rank " + rank);
    }
    Path file = dir.resolve(a.file());
    Npy.Array array = Npy.read(file);
    if (!Arrays.equals(array.shape(), a.shape())) {
      throw new RunFileException(file, "has shape " + Arrays.toString(array.shape()) + " but " + indexFile.getFileName()
          + " says " + Arrays.toString(a.shape()));
    }
    return array.values();
  }

  private static ArrayFile array(Path dir, String name, String file, int[] shape, float[] values) throws IOException {
    Npy.write(dir.resolve(file), shape, values);
    return new ArrayFile(name, file, shape);
  }

  private static String png(Path dir, String file, BufferedImage image) throws IOException {
    if (image == null) {
      return null;
    }
    if (!ImageIO.write(image, "png", dir.resolve(file).toFile())) {
      throw new IOException(dir.resolve(file) + ": no PNG writer for this image type");
    }
    return file;
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]+", "-");
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
