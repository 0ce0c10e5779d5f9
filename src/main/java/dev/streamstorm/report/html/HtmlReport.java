package dev.streamstorm.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The HTML report: one self-contained file (styles, chart library, data and script inlined) that
 * opens offline and from a CI artifact. A pure function of the results, so {@code streamstorm
 * report} renders a saved run to the same page.
 *
 * <p>Safety: every value from the results is escaped as HTML text or embedded as JSON that cannot
 * close its element, and a Content-Security-Policy allows no network access at all and only the
 * page's own scripts (by hash), so neither a hostile error message nor a scenario name can run
 * script or make the page fetch anything.
 */
public final class HtmlReport {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String UPLOT_SCRIPT =
      "/*! uPlot " + Assets.UPLOT_VERSION + "\n" + Assets.UPLOT_LICENSE + "*/\n" + Assets.UPLOT_JS;
  private static final String CONTENT_POLICY =
      "default-src 'none'; script-src "
          + hash(UPLOT_SCRIPT)
          + " "
          + hash(Assets.REPORT_JS)
          + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

  private HtmlReport() {}

  public static void write(RunResults results, Path file) throws IOException {
    write(render(results), file);
  }

  /** Writes a page {@link #render} made (the same bytes a live dashboard serves). */
  public static void write(String html, Path file) throws IOException {
    AtomicFiles.write(file, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
  }

  public static String render(RunResults r) {
    Html h = new Html(256 * 1024);
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.openWith("meta", "http-equiv", "Content-Security-Policy", "content", CONTENT_POLICY).nl();
    h.openWith("meta", "name", "generator", "content", "streamstorm " + r.tool().version()).nl();
    h.element("title", "streamstorm · " + r.run().scenario()).nl();
    h.raw("<style>\n").raw(Assets.UPLOT_CSS).raw("\n</style>\n");
    h.raw("<style>\n").raw(Assets.REPORT_CSS).raw("</style>\n</head>\n<body>\n");
    HeaderSection.banner(h, r);
    h.open("main").nl();
    HeaderSection.keyNumbers(h, r);
    RunSection.generatorWarning(h, r);
    RunSection.thresholds(h, r);
    ChartsSection.timeSeries(h, r);
    ChartsSection.distributions(h, r);
    TablesSection.latencySummary(h, r);
    TablesSection.slices(h, r);
    ErrorsSection.render(h, r);
    TablesSection.goodput(h, r);
    RunSection.facts(h, r);
    h.close("main").nl();
    h.open("footer")
        .text("streamstorm " + r.tool().version() + " · results schema " + r.schema())
        .text(" · charts drawn with uPlot " + Assets.UPLOT_VERSION + " (MIT licence)")
        .close("footer")
        .nl();
    h.raw("<script type=\"application/json\" id=\"streamstorm-data\">")
        .raw(embeddedJson(r))
        .raw("</script>\n");
    h.raw("<script>").raw(UPLOT_SCRIPT).raw("</script>\n");
    h.raw("<script>").raw(Assets.REPORT_JS).raw("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  /** The chart data as JSON that can sit inside a script element whatever strings it holds. */
  static String embeddedJson(RunResults r) {
    String json;
    try {
      json = JSON.writeValueAsString(ChartData.of(r));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return inScript(json);
  }

  /** JSON that can sit inside a script element, whatever strings it holds. */
  static String inScript(String json) {
    // In JSON these characters occur only inside strings, where the escapes mean the same.
    return json.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029");
  }

  static String hash(String script) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
