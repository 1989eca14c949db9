package io.cnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.DatasetId;
import io.cnnlab.image.ImageFiles;
import io.cnnlab.runs.FeatureFiles;
import io.cnnlab.serving.ExportFixture;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cnnlab export} and {@code cnnlab predict} on a small trained run, as a person types them. */
class ExportPredictCommandsTest {
  @TempDir static Path tmp;
  private static ExportFixture fixture;
  private static Path model;
  private static Path picture;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int cnnlab(String... args) {
    CommandLine cli = new CommandLine(new CnnlabCli());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @BeforeAll
  static void trainAndExport() throws IOException {
    fixture = ExportFixture.train(tmp);
    model = tmp.resolve("cli-model");
    CommandLine cli = new CommandLine(new CnnlabCli());
    StringWriter said = new StringWriter();
    cli.setOut(new PrintWriter(said, true));
    assertEquals(0, cli.execute("export", fixture.run().toString(), "--out", model.toString()));
    assertTrue(said.toString().contains("input 28x28x1 uint8, 10 classes"), said.toString());
    // Test image 0 as a 56x56 PNG, each pixel a 2x2 block, light on dark as the data set draws it.
    byte[] image = fixture.test().image(0);
    BufferedImage png = new BufferedImage(56, 56, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 56; y++) {
      for (int x = 0; x < 56; x++) {
        png.getRaster().setSample(x, y, 0, image[(y / 2) * 28 + x / 2] & 0xFF);
      }
    }
    picture = tmp.resolve("garment.png");
    ImageFiles.writePng(png, picture);
  }

  @Test
  void aTextFileIsNamedAndThePictureBesideItStillClassified() throws IOException {
    Path text = Files.writeString(tmp.resolve("notes.txt"), "not a picture");
    int status = cnnlab("predict", "--model", model.toString(), text.toString(), picture.toString());
    assertEquals(1, status);
    assertTrue(err.toString().contains(text.toString()), err.toString());
    List<String> lines = out.toString().lines().toList();
    assertEquals(1, lines.size(), out.toString());
    String predicted = DatasetId.FASHION_MNIST.classNames().get(fixture.predicted()[0]);
    assertTrue(lines.get(0).startsWith(picture + ": " + predicted + " "), lines.get(0));
    assertEquals(3, lines.get(0).split(", ").length, "three classes with their probabilities: " + lines.get(0));
    assertTrue(!lines.get(0).contains("(inverted)"), "a dark background is not inverted: " + lines.get(0));
  }

  @Test
  void csvHasAHeaderAndProbabilitiesThatAreProbabilities() {
    assertEquals(0, cnnlab("predict", "--model", model.toString(), "--format", "csv", picture.toString()));
    List<String> lines = out.toString().lines().toList();
    assertEquals("image,class1,probability1,class2,probability2,class3,probability3,inverted", lines.get(0));
    String[] row = lines.get(1).split(",");
    double top3 = Double.parseDouble(row[2]) + Double.parseDouble(row[4]) + Double.parseDouble(row[6]);
    assertTrue(top3 > 0 && top3 <= 1.00001, lines.get(1));
    assertEquals("false", row[7]);
  }

  @Test
  void featuresAreWrittenAsTheReportWritesThemAndNeverOverOtherFiles() throws IOException {
    Path features = tmp.resolve("features");
    assertEquals(0, cnnlab("predict", "--model", model.toString(), "--features", features.toString(),
        picture.toString()), err.toString());
    assertTrue(Files.isRegularFile(features.resolve(FeatureFiles.INDEX)));
    assertTrue(Files.isRegularFile(features.resolve("feature-maps-0.png")));
    assertTrue(Files.readString(features.resolve("images.txt")).contains(picture.toString()));

    Path mine = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(mine.resolve("keep.txt"), "mine");
    assertEquals(2, cnnlab("predict", "--model", model.toString(), "--features", mine.toString(), picture.toString()));
    assertTrue(err.toString().contains(mine.toString()), err.toString());
    assertEquals("mine", Files.readString(mine.resolve("keep.txt")));
  }

  @Test
  void aModelFolderThatIsNotAnExportIsNamed() throws IOException {
    Path photos = Files.createDirectories(tmp.resolve("photos"));
    assertEquals(1, cnnlab("predict", "--model", photos.toString(), picture.toString()));
    assertTrue(err.toString().contains(photos + ": is not a cnnlab export"), err.toString());
    assertEquals(1, cnnlab("export", photos.toString(), "--out", tmp.resolve("x").toString()));
    assertTrue(err.toString().contains(photos.resolve("manifest.json").toString()), err.toString());
  }

  @Test
  void smallProbabilitiesKeepTheirDigits() {
    List<String> shown = new ArrayList<>();
    for (float p : new float[] {0.9734f, 0.0012f, 0.00004567f, 0f}) {
      shown.add(PredictCommand.probability(p));
    }
    assertEquals(List.of("0.973", "0.001", "4.6e-05", "0.000"), shown);
  }
}
