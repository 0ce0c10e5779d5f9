package dev.streamstorm.report;

import dev.streamstorm.metrics.results.GeneratorHealth;
import dev.streamstorm.metrics.results.Goodput;
import dev.streamstorm.metrics.results.RunInfo;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.metrics.results.Summary;
import dev.streamstorm.metrics.results.ThresholdResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Thresholds as JUnit XML (the Ant/Surefire shape that Jenkins, GitLab and GitHub test reporters
 * read): {@code <testsuites>} holding one {@code <testsuite name="thresholds">}, one {@code
 * <testcase>} per threshold named after its rule, and a {@code <failure>} with the measured value
 * when it failed. The run itself (scenario, target, end reason, main numbers, goodput, generator
 * health) goes into the suite's properties. A pure function of the results.
 */
public final class JunitXml {
  static final String SUITE = "thresholds";
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private JunitXml() {}

  /** Writes atomically: CI never picks up half a report. */
  public static void write(RunResults results, Path file) throws IOException {
    AtomicFiles.write(file, out -> write(results, out));
  }

  public static void write(RunResults results, OutputStream out) throws IOException {
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      new Document(x, results).write();
      x.flush();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
    }
  }

  /** One document being written. */
  private record Document(XMLStreamWriter x, RunResults r) {

    void write() throws XMLStreamException {
      List<ThresholdResult> thresholds = r.thresholds() == null ? List.of() : r.thresholds();
      long failures = thresholds.stream().filter(t -> !t.pass()).count();
      String time = seconds(r.run().durationSeconds());
      x.writeStartDocument("UTF-8", "1.0");
      newline(0);
      x.writeStartElement("testsuites");
      attribute("name", "streamstorm " + r.run().scenario());
      attribute("tests", Integer.toString(thresholds.size()));
      attribute("failures", Long.toString(failures));
      attribute("errors", "0");
      attribute("time", time);
      newline(1);
      x.writeStartElement("testsuite");
      attribute("name", SUITE);
      attribute("tests", Integer.toString(thresholds.size()));
      attribute("failures", Long.toString(failures));
      attribute("errors", "0");
      attribute("skipped", "0");
      attribute("time", time);
      String timestamp = timestamp(r.run().startedAt());
      if (timestamp != null) {
        attribute("timestamp", timestamp);
      }
      properties();
      for (ThresholdResult t : thresholds) {
        testcase(t);
      }
      newline(1);
      x.writeEndElement();
      newline(0);
      x.writeEndElement();
      newline(0);
      x.writeEndDocument();
    }

    private void properties() throws XMLStreamException {
      newline(2);
      x.writeStartElement("properties");
      for (Map.Entry<String, String> p : runProperties(r).entrySet()) {
        newline(3);
        x.writeEmptyElement("property");
        attribute("name", p.getKey());
        attribute("value", p.getValue());
      }
      newline(2);
      x.writeEndElement();
    }

    private void testcase(ThresholdResult t) throws XMLStreamException {
      newline(2);
      if (t.pass()) {
        x.writeEmptyElement("testcase");
        testcaseAttributes(t);
        return;
      }
      x.writeStartElement("testcase");
      testcaseAttributes(t);
      newline(3);
      x.writeStartElement("failure");
      String message = failureMessage(t);
      attribute("message", message);
      attribute("type", t.aborted() ? "threshold aborted the run" : "threshold failed");
      x.writeCharacters(clean(failureDetails(t, message)));
      x.writeEndElement();
      newline(2);
      x.writeEndElement();
    }

    private void testcaseAttributes(ThresholdResult t) throws XMLStreamException {
      attribute("name", ThresholdText.rule(t));
      attribute("classname", "streamstorm." + r.run().scenario());
      attribute("time", "0");
    }

    private String failureDetails(ThresholdResult t, String message) {
      StringBuilder sb = new StringBuilder(message).append('\n');
      sb.append("run: ")
          .append(r.run().scenario())
          .append(" against ")
          .append(r.run().target())
          .append(", ended by ")
          .append(r.run().endReason())
          .append(" after ")
          .append(seconds(r.run().durationSeconds()))
          .append(" s\n");
      if (r.messages() != null) {
        sb.append("messages: ")
            .append(r.messages().ok())
            .append(" ok, ")
            .append(r.messages().failed())
            .append(" failed\n");
      }
      GeneratorHealth g = r.generator();
      if (g != null && !g.healthy()) {
        sb.append(
            "the load generator itself was a bottleneck, so the measured value includes"
                + " its own delay:\n");
        for (String w : g.warnings()) {
          sb.append("  ").append(w).append('\n');
        }
      }
      return sb.toString();
    }

    private void attribute(String name, String value) throws XMLStreamException {
      x.writeAttribute(name, clean(value));
    }

    private void newline(int depth) throws XMLStreamException {
      x.writeCharacters("\n" + "  ".repeat(depth));
    }
  }

  static String failureMessage(ThresholdResult t) {
    String measured = "measured " + ThresholdText.measured(t);
    if (Double.isNaN(t.actual())) {
      measured += " (no message gave a sample)";
    }
    return ThresholdText.rule(t) + ": " + measured + (t.aborted() ? "; aborted the run" : "");
  }

  /** The run around the thresholds, for CI systems that show suite properties. */
  static Map<String, String> runProperties(RunResults r) {
    Map<String, String> p = new LinkedHashMap<>();
    RunInfo run = r.run();
    p.put("scenario", run.scenario());
    p.put("source", run.source());
    p.put("target", run.target());
    p.put("startedAt", run.startedAt());
    p.put("endReason", run.endReason());
    p.put("durationSeconds", seconds(run.durationSeconds()));
    if (r.messages() != null) {
      p.put("messages.ok", Long.toString(r.messages().ok()));
      p.put("messages.failed", Long.toString(r.messages().failed()));
    }
    if (r.throughput() != null) {
      p.put("throughput.messagesPerSecond", number(r.throughput().messagesPerSecond()));
      p.put("throughput.tokensPerSecond", number(r.throughput().tokensPerSecond()));
    }
    if (r.metrics() != null) {
      for (String name : List.of("ttft", "e2e")) {
        Summary s = r.metrics().get(name);
        if (s != null && s.count() > 0) {
          p.put(name + ".p50", number(s.p50()));
          p.put(name + ".p95", number(s.p95()));
          p.put(name + ".p99", number(s.p99()));
        }
      }
    }
    Goodput g = r.goodput();
    if (g != null) {
      p.put("goodput.ratio", number(g.ratio()));
      p.put("goodput.perSecond", number(g.perSecond()));
    }
    GeneratorHealth health = r.generator();
    if (health != null) {
      p.put("generator.healthy", Boolean.toString(health.healthy()));
      for (int i = 0; i < health.warnings().size(); i++) {
        p.put("generator.warning." + (i + 1), health.warnings().get(i));
      }
    }
    p.values().removeIf(v -> v == null);
    return p;
  }

  /** The Ant schema's timestamp: ISO-8601 without a zone (UTC here); null when unreadable. */
  static String timestamp(String startedAt) {
    if (startedAt == null) {
      return null;
    }
    try {
      return TIMESTAMP.format(Instant.parse(startedAt));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }

  private static String number(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** Drops characters XML 1.0 cannot carry (control characters from a server's error text). */
  static String clean(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints()
        .filter(
            c ->
                c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000)
        .forEach(sb::appendCodePoint);
    return sb.toString();
  }
}
