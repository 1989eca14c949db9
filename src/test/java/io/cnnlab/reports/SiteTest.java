package io.cnnlab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.reports.site.SiteWriter;
import io.cnnlab.runs.ExperimentFolder;
import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.ExperimentRecordJson;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static site over a reports folder of three experiments: every link resolves, offline, relative. */
class SiteTest {
  @TempDir Path tmp;

  private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");

  @Test
  void everyLinkAndImageOfTheSiteResolvesToAFileInTheReportsFolder() throws IOException {
    Path root = tmp.resolve("reports");
    BundleRenderer renderer = new BundleRenderer();
    Path textbook = TextbookBundleTest.write(root.resolve(TextbookBundleTest.ID), TextbookBundleTest.record(false));
    Path ablation = ExperimentFixtures.write(root.resolve(ExperimentFixtures.ID), ExperimentFixtures.record(false,
        List.of("curves", "overlay", "confusion")));
    ExperimentRecord notRun = new ExperimentRecord("alexnet-cifar", "AlexNet on CIFAR-100", "train", "cifar100-fine",
        List.of(), false, null, new ExperimentRecord.Verdict(ExperimentRecord.Status.NOT_RUN, null, null, null,
        "CIFAR-100 is not installed"), List.of(), List.of(), Map.of());
    Files.createDirectories(root.resolve("alexnet-cifar"));
    // One run with a TensorBoard folder: the page links it (the others have none).
    Path board = Files.createDirectories(textbook.resolve("textbook-seed1/tensorboard"));
    Files.write(board.resolve("events.out.tfevents.1700000000.cnnlab.1"), new byte[0]);
    List<ExperimentRecord> records = new ArrayList<>();
    for (Path dir : List.of(ablation, textbook)) {
      ExperimentRecord r = ExperimentRecordJson.read(dir.resolve(ExperimentFolder.RECORD));
      renderer.renderExperiment(dir, r);
      records.add(r);
    }
    renderer.renderExperiment(root.resolve("alexnet-cifar"), notRun);
    records.add(notRun);

    renderer.renderIndex(root, records);

    Path index = root.resolve(SiteWriter.INDEX);
    String html = Files.readString(index);
    for (String expected : List.of("sweep-overview.png", "lenet-fmnist-textbook/index.html", "badge reproduced",
        "badge not-run", "lenet-fmnist-textbook/report.pdf")) {
      assertTrue(html.contains(expected), "index.html lacks " + expected);
    }
    // The overview has a row per experiment.
    BufferedImage overview = ImageIO.read(root.resolve(SiteWriter.OVERVIEW).toFile());
    assertTrue(overview.getHeight() >= 3 * 46, "overview height " + overview.getHeight());
    String page = Files.readString(textbook.resolve(SiteWriter.INDEX));
    for (String expected : List.of("report.pdf", "comparison.csv", "curves.png", "confusion-normalized.png",
        "feature-maps-0.png", "kernels.png", "textbook-seed1/metrics.csv", "peers/djl-pytorch-seed1.csv",
        "textbook, PyTorch", "0.7790", "<a href=\"textbook-seed1/tensorboard\">")) {
      assertTrue(page.contains(expected), "the textbook page lacks " + expected);
    }
    assertFalse(page.contains("textbook-seed2/tensorboard"), "a run without event files is not linked");
    List<String> checked = new ArrayList<>();
    assertEquals(List.of(), brokenLinks(root, checked));
    assertEquals(4, checked.stream().filter(c -> c.startsWith("page ")).count(), checked.toString());
    assertTrue(checked.size() > 30, "links checked: " + checked.size());
  }

  @Test
  void titlesRunFoldersAndAReportsFolderWithSpacesMarkupQuotesAndNonAsciiLettersAreEscapedAndEveryLinkResolves()
      throws IOException {
    // Ids are folder names of [A-Za-z0-9._-] (declarations and bundles refuse others); everything else is free text
    // or, in a hand-written experiment.json, a run folder of any name.
    Path root = tmp.resolve("my reports & <\u00e9t\u00e9> \"q\" 'x'");
    String title = "LeNet <script>alert(1)</script> & \"quoted\" 'single' \u2014 \u00dcber Stra\u00dfe \u5b57";
    ExperimentRecord base = ExperimentFixtures.record(false, List.of("curves", "confusion", "table"));
    List<ExperimentRecord.RunRecord> runs = base.runs().stream().map(r -> new ExperimentRecord.RunRecord(r.name(),
        r.variant(), r.seed(), r.variant() + " & <\u00fc> \"seed\" " + r.seed(), r.configHash(), r.reused(),
        r.outputs())).toList();
    ExperimentRecord odd = new ExperimentRecord("lenet_odd-1.2", title, base.kind(), base.dataset(),
        base.classNames(), false, base.reference(), base.verdict(), runs, base.render(), base.settings());
    ExperimentRecord notRun = new ExperimentRecord("cifar", "<i>CIFAR</i> & \"100\" \u00e0 la 'carte'", "train",
        "cifar100-fine", List.of(), false, null, new ExperimentRecord.Verdict(ExperimentRecord.Status.NOT_RUN, null,
        null, null, "<missing> & \"not\" installed"), List.of(), List.of(), Map.of());
    Path dir = ExperimentFixtures.write(root.resolve(odd.id()), odd);
    BundleRenderer renderer = new BundleRenderer();
    renderer.renderExperiment(dir, ExperimentRecordJson.read(dir.resolve(ExperimentFolder.RECORD)));
    Files.createDirectories(root.resolve("cifar"));
    renderer.renderExperiment(root.resolve("cifar"), notRun);

    renderer.renderIndex(root, List.of(odd, notRun));

    // Escaped by hand: & < > " ' become entities; letters beyond ASCII stay as they are in the UTF-8 page.
    String escapedTitle = "LeNet &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;"
        + " \u2014 \u00dcber Stra\u00dfe \u5b57";
    String index = Files.readString(root.resolve(SiteWriter.INDEX));
    assertTrue(index.contains("lenet_odd-1.2</a><br>" + escapedTitle), index);
    assertTrue(index.contains("cifar</a><br>&lt;i&gt;CIFAR&lt;/i&gt; &amp; &quot;100&quot; \u00e0 la &#39;carte&#39;"),
        index);
    String page = Files.readString(dir.resolve(SiteWriter.INDEX));
    assertTrue(page.contains("<title>" + escapedTitle + "</title>"), page);
    assertTrue(page.contains("<h1>" + escapedTitle + "</h1>"), page);
    // A run folder's name, percent-encoded as UTF-8, then escaped for the attribute.
    assertTrue(page.contains("href=\"avg%20&amp;%20%3C%C3%BC%3E%20%22seed%22%201/metrics.csv\""), page);
    assertTrue(page.contains(">avg &amp; &lt;\u00fc&gt; &quot;seed&quot; 1/metrics.csv</a>"), page);
    String cifar = Files.readString(root.resolve("cifar").resolve(SiteWriter.INDEX));
    assertTrue(cifar.contains("&lt;missing&gt; &amp; &quot;not&quot; installed"), cifar);
    for (String html : List.of(index, page, cifar)) {
      assertFalse(html.contains("<script") || html.contains("<i>") || html.contains("<\u00fc>")
          || html.contains("<missing>"), "markup from a title, name or reason reached the HTML");
    }
    List<String> checked = new ArrayList<>();
    assertEquals(List.of(), brokenLinks(root, checked));
    // The odd run folders' files were among the links followed to their files.
    assertTrue(checked.contains("avg%20&%20%3C%C3%BC%3E%20%22seed%22%201/metrics.csv"), checked.toString());
    assertTrue(checked.size() > 15, "links checked: " + checked);
  }

  /**
   * Every href/src of every HTML page under {@code root} that is not a relative link to a file or folder in it; {@code
   * checked} gets "page X" per page and each link.
   */
  static List<String> brokenLinks(Path root, List<String> checked) throws IOException {
    List<Path> pages;
    try (Stream<Path> s = Files.walk(root)) {
      pages = s.filter(p -> p.getFileName().toString().endsWith(".html")).toList();
    }
    List<String> broken = new ArrayList<>();
    for (Path p : pages) {
      checked.add("page " + p);
      Matcher m = LINK.matcher(Files.readString(p));
      while (m.find()) {
        // What a browser reads from the attribute: the five escapes Html.esc writes, '&amp;' last.
        String target = m.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
            .replace("&gt;", ">").replace("&amp;", "&");
        checked.add(target);
        if (target.isEmpty() || target.startsWith("/") || target.contains(":")) {
          broken.add(p + ": not a relative link: " + target);
          continue;
        }
        Path resolved = p.getParent().resolve(URI.create(target).getPath()).normalize();
        if (!resolved.startsWith(root) || !Files.exists(resolved)) {
          broken.add(p + ": " + target + " is no file in " + root);
        }
      }
    }
    return broken;
  }

  @Test
  void theLinkCheckReportsMissingFilesAndAbsoluteLinks() throws IOException {
    Files.createDirectories(tmp.resolve("a"));
    Files.writeString(tmp.resolve("a/report.pdf"), "%PDF");
    Files.writeString(tmp.resolve("index.html"), "<a href=\"a/report.pdf\">ok</a> <img src=\"a/missing.png\">"
        + " <a href=\"file:///etc/passwd\">abs</a> <a href=\"../outside.html\">up</a>");

    List<String> broken = brokenLinks(tmp, new ArrayList<>());

    assertEquals(3, broken.size(), broken.toString());
    assertTrue(broken.get(0).endsWith("a/missing.png is no file in " + tmp), broken.get(0));
  }
}
