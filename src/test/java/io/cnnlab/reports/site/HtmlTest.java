package io.cnnlab.reports.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site's escaping and links, against hand-written HTML and URLs, and against Java's own URI resolution. */
class HtmlTest {
  @TempDir Path root;

  @Test
  void textAndAttributeValuesAreEscaped() {
    assertEquals("&lt;a href=&quot;x&amp;y&quot;&gt;", Html.esc("<a href=\"x&y\">"));
    assertEquals("d2l&#39;s &lt;b&gt;", Html.esc("d2l's <b>"));
    assertEquals("&amp;amp;", Html.esc("&amp;")); // text that looks escaped is still text
    assertEquals("caf\u00e9 \u2014 ok", Html.esc("caf\u00e9 \u2014 ok")); // the page is UTF-8: left as it is
    assertEquals("", Html.esc(null));
  }

  @Test
  void linksPercentEncodeEachNameAndEscapeForTheAttribute() {
    Path exp = root.resolve("exp");

    assertEquals("../index.html", Html.href(exp, root.resolve("index.html")));
    assertEquals("a/b%20c/x.png", Html.href(root, root.resolve("a/b c/x.png")));
    assertEquals("100%25%20done.png", Html.href(root, root.resolve("100% done.png")));
    assertEquals("run%231%3Fv=2.csv", Html.href(root, root.resolve("run#1?v=2.csv")));
    assertEquals("%C3%A9t%C3%A9%E2%80%94plot.png", Html.href(root, root.resolve("\u00e9t\u00e9\u2014plot.png")));
    assertEquals("a&amp;b%22q%22.png", Html.href(root, root.resolve("a&b\"q\".png")));
    // A name with ':' first would read as a scheme: javascript:alert(1) must stay a file name.
    assertEquals("javascript%3Aalert(1)", Html.href(root, root.resolve("javascript:alert(1)")));
    // On Linux '\' is part of a name, not a separator.
    assertEquals("back%5Cslash.png", Html.href(root, root.resolve("back\\slash.png")));
  }

  @Test
  void eachLinkResolvesToItsFile() throws IOException, URISyntaxException {
    Path exp = Files.createDirectories(root.resolve("lenet fmnist #1"));
    for (String name : List.of("plain.png", "a b.png", "50%.csv", "x#y?.png", "caf\u00e9 \u5b57.png", "it's.png",
        "javascript:alert(1)", "q&a=\"1\".csv", "back\\slash.png", "semi;colon,comma+plus@at~.png")) {
      Path file = Files.createFile(exp.resolve(name));

      // What a browser does: unescape the attribute, resolve the link against the page's folder.
      String attribute = Html.href(root, file).replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
      Path resolved = Path.of(root.toUri().resolve(new URI(attribute)));

      assertEquals(file, resolved, name);
    }
  }

  @Test
  void csvCellsAreEscapedAndNumbersAlignRight() throws IOException {
    Path csv = Files.writeString(root.resolve("t.csv"), "name,value\n<b>x</b>,-1.5\n\"a,\"\"b\"\"\",1e3\n");

    assertEquals("<table>\n<tr><th>name</th><th>value</th></tr>\n"
        + "<tr><td>&lt;b&gt;x&lt;/b&gt;</td><td class=\"num\">-1.5</td></tr>\n"
        + "<tr><td>a,&quot;b&quot;</td><td>1e3</td></tr>\n</table>\n", Html.csvTable(csv));
  }
}
