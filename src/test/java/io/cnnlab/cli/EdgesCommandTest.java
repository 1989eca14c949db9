package io.cnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EdgesCommandTest {
  private static final String[] ORIENTATIONS = {"horizontal", "vertical", "diag45", "diag135"};

  /** Exit code, standard output and error output of one in-process run. */
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new CnnlabCli());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void goodPhotosGetEveryPictureAndACorruptOneIsNamed(@TempDir Path tmp) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("photos"));
    Path out = tmp.resolve("edges");
    ImageIO.write(shapes(41, 29), "png", in.resolve("a-shapes.png").toFile());
    ImageIO.write(shapes(18, 23), "png", in.resolve("c-small.png").toFile());
    Files.writeString(in.resolve("b-broken.jpg"), "this is text, not a JPEG\n");

    Run r = run("edges", "--input", in.toString(), "--output", out.toString(), "--threads", "1");

    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("b-broken.jpg") && r.err().contains("not a readable JPEG or PNG image"), r.err());
    assertTrue(r.out().contains("a-shapes.png") && r.out().contains("41x29"), r.out());
    assertTrue(r.out().contains("c-small.png") && r.out().contains("18x23"), r.out());
    for (String op : new String[] {"prewitt", "sobel"}) { // both by default
      for (String[] photo : new String[][] {{"a-shapes", "41", "29"}, {"c-small", "18", "23"}}) {
        int w = Integer.parseInt(photo[1]);
        int h = Integer.parseInt(photo[2]);
        for (String o : ORIENTATIONS) {
          assertSize(out.resolve(photo[0] + "-" + op + "-" + o + ".png"), w, h);
        }
        assertSize(out.resolve(photo[0] + "-" + op + "-combined-max.png"), w, h);
        BufferedImage sheet = ImageIO.read(out.resolve(photo[0] + "-" + op + "-sheet.png").toFile());
        assertTrue(sheet.getWidth() > 3 * w && sheet.getHeight() > 2 * h, "sheet holds 3 x 2 panels");
      }
      assertFalse(Files.exists(out.resolve("b-broken-" + op + "-sheet.png")));
    }
    try (var files = Files.list(out)) {
      assertEquals(2 * 2 * 6, files.count()); // 2 photos x 2 operators x 6 pictures
    }
  }

  @Test
  void oneOperatorAndTheL2Rule(@TempDir Path tmp) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("photos"));
    Path out = tmp.resolve("edges");
    ImageIO.write(shapes(20, 10), "png", in.resolve("x.png").toFile());

    Run r = run("edges", "--input", in.toString(), "--output", out.toString(), "--operator", "Sobel",
        "--combine", "l2");

    assertEquals(0, r.code(), r.out() + r.err());
    assertSize(out.resolve("x-sobel-combined-l2.png"), 20, 10);
    assertFalse(Files.exists(out.resolve("x-prewitt-sheet.png")));
  }

  @Test
  void missingInputFolderSaysHowToInstallThePhotos(@TempDir Path tmp) {
    Run r = run("edges", "--input", tmp.resolve("nowhere").toString(), "--output", tmp.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("nowhere") && r.err().contains("make photos"), r.err());
  }

  @Test
  void unknownOperatorNamesTheAcceptedValues(@TempDir Path tmp) {
    Run r = run("edges", "--input", tmp.toString(), "--operator", "canny");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("canny") && r.err().contains("prewitt or sobel"), r.err());
  }

  private static void assertSize(Path png, int width, int height) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(width, image.getWidth(), png.toString());
    assertEquals(height, image.getHeight(), png.toString());
  }

  /** A picture with a rectangle and a diagonal line, so that every orientation has something to see. */
  private static BufferedImage shapes(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(40, 90, 160));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.ORANGE);
    g.fillRect(width / 4, height / 4, width / 2, height / 2);
    g.setColor(Color.WHITE);
    g.drawLine(0, height - 1, width - 1, 0);
    g.dispose();
    return image;
  }
}
