package io.cnnlab.reports.site;

import io.cnnlab.runs.RunFileException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Small HTML pieces of the site: escaping, relative links, a CSV file as a table, the shared style sheet. */
final class Html {
  private Html() {}

  static final String STYLE_FILE = "site.css";

  static final String STYLE = """
      body { font-family: sans-serif; margin: 2em auto; max-width: 1200px; color: #222; padding: 0 1em; }
      h1 { margin-bottom: 0.2em; } .context { color: #555; margin-top: 0; }
      table { border-collapse: collapse; margin: 0.8em 0; } th, td { border: 1px solid #ccd; padding: 4px 8px; }
      th { background: #e1e6ee; text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
      .badge { display: inline-block; padding: 2px 10px; border-radius: 10px; color: white; font-weight: bold;
        font-size: 0.9em; white-space: nowrap; }
      .reproduced { background: #1e8c3c; } .outside { background: #c82828; } .measured { background: #285ac8; }
      .not-run { background: #888; } .failed { background: #781414; } .smoke { background: #d08000; }
      figure { display: inline-block; margin: 0.5em 0.4%; vertical-align: top; width: 48.5%; }
      figure img { max-width: 100%; border: 1px solid #dde; } figcaption { color: #555; font-size: 0.9em; }
      img.thumb { width: 180px; border: 1px solid #dde; } .overview { max-width: 100%; }
      ul.files { columns: 2; }
      """;

  /** {@code s} as HTML text or as a double- or single-quoted attribute value. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /**
   * {@code target} relative to the folder {@code from} as a link for an attribute: the path's names joined by '/',
   * each percent-encoded as UTF-8 but for RFC 3986's unreserved characters and the sub-delimiters a path may hold,
   * then HTML-escaped. ':' is encoded too: in a relative link's first segment it would read as a scheme.
   */
  static String href(Path from, Path target) {
    Path rel = from.toAbsolutePath().normalize().relativize(target.toAbsolutePath().normalize());
    List<String> parts = new ArrayList<>();
    for (Path name : rel) {
      parts.add(percentEncoded(name.toString()));
    }
    return esc(String.join("/", parts));
  }

  private static final String SEGMENT_SAFE = "-._~!$&'()*+,;=@";

  private static String percentEncoded(String segment) {
    StringBuilder s = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || SEGMENT_SAFE.indexOf(c) >= 0)) {
        s.append((char) c);
      } else {
        s.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return s.toString();
  }

  /** CSS class of a status badge. */
  static String badgeClass(String status) {
    return switch (status) {
      case "reproduced" -> "reproduced";
      case "outside the published band" -> "outside";
      case "measured" -> "measured";
      case "failed" -> "failed";
      default -> "not-run";
    };
  }

  static String badge(String status, boolean smoke) {
    return "<span class=\"badge " + badgeClass(status) + "\">" + esc(status) + "</span>"
        + (smoke ? " <span class=\"badge smoke\">SMOKE \u2014 not comparable</span>" : "");
  }

  /** A CSV file (header row first) as an HTML table; cells that parse as numbers align right. */
  static String csvTable(Path csv) throws IOException {
    List<CSVRecord> records;
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(in, CSVFormat.DEFAULT)) {
      records = parser.getRecords();
    } catch (IOException | RuntimeException e) {
      throw new RunFileException(csv, "not a readable CSV table: " + e.getMessage(), e);
    }
    StringBuilder s = new StringBuilder("<table>\n");
    for (int r = 0; r < records.size(); r++) {
      s.append("<tr>");
      for (String cell : records.get(r)) {
        String tag = r == 0 ? "th" : "td";
        boolean num = r > 0 && cell.matches("[-+]?[0-9.]+");
        s.append('<').append(tag).append(num ? " class=\"num\"" : "").append('>').append(esc(cell))
            .append("</").append(tag).append('>');
      }
      s.append("</tr>\n");
    }
    return s.append("</table>\n").toString();
  }

  static String page(String title, String cssHref, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title) + "</title>\n"
        + "<link rel=\"stylesheet\" href=\"" + cssHref + "\">\n</head>\n<body>\n" + body + "</body>\n</html>\n";
  }
}
