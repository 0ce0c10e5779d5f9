package dev.streamstorm.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * The scripts and stylesheets the report inlines: uPlot from its WebJar on the classpath (a build
 * dependency, never a copy in this repository) and the report's own script and stylesheet. Loaded
 * once; each is checked so that inlining it cannot end its {@code <script>} or {@code <style>}
 * element early.
 */
final class Assets {
  private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

  static final String UPLOT_VERSION = uplotVersion();
  private static final String UPLOT_DIR = "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION;

  static final String UPLOT_JS = load(UPLOT_DIR + "/dist/uPlot.iife.min.js", "</script");
  static final String UPLOT_CSS = load(UPLOT_DIR + "/dist/uPlot.min.css", "</style");
  static final String UPLOT_LICENSE = load(UPLOT_DIR + "/LICENSE", "*/");
  static final String REPORT_JS = load("report.js", "</script");
  static final String REPORT_CSS = load("report.css", "</style");
  static final String LIVE_JS = load("live.js", "</script");
  static final String LIVE_CSS = load("live.css", "</style");

  private Assets() {}

  private static String uplotVersion() {
    try (InputStream in = Assets.class.getResourceAsStream(UPLOT_POM)) {
      if (in == null) {
        throw new IllegalStateException("uPlot (org.webjars.npm:uplot) is not on the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A resource as text; {@code forbidden} (case-insensitive) must not occur in it. */
  private static String load(String resource, String forbidden) {
    try (InputStream in = Assets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing report resource " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.contains(forbidden) || lower.contains("<!--")) {
        throw new IllegalStateException(resource + " cannot be inlined: it contains " + forbidden);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
