package dev.streamstorm.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.results.RunResults;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlTest {

  private final RunResults results =
      new ResultsFixture()
          .scenario("slo-gate")
          .latency("ttft", 1000, 250, 2345.5, 3000)
          .goodput(0.97, 48.5)
          .threshold("ttft", Map.of(), "p95 < 2s", 2345.5, false, false)
          .threshold("ttft", Map.of("conversation", "x"), "p99 < 4s", 3000, true, false)
          .threshold("errors", "rate < 1%", 0.004, true)
          .threshold("goodput", "ratio > 0.95", 0.97, true)
          .threshold("http_5xx", Map.of(), "count == 0", 3, false, true)
          .threshold("ttft", Map.of("conversation", "y"), "p95 < 1s", Double.NaN, false, false)
          .build();

  @Test
  void oneSuiteOfThresholdsWithCountsAndTimesCiReportersRead() throws Exception {
    Element root = parse(results).getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("tests")).isEqualTo("6");
    assertThat(root.getAttribute("failures")).isEqualTo("3");
    assertThat(root.getAttribute("errors")).isEqualTo("0");
    assertThat(root.getAttribute("time")).isEqualTo("20.000");

    List<Element> suites = children(root, "testsuite");
    assertThat(suites).hasSize(1);
    Element suite = suites.get(0);
    assertThat(suite.getAttribute("name")).isEqualTo("thresholds");
    assertThat(suite.getAttribute("tests")).isEqualTo("6");
    assertThat(suite.getAttribute("failures")).isEqualTo("3");
    assertThat(suite.getAttribute("errors")).isEqualTo("0");
    assertThat(suite.getAttribute("skipped")).isEqualTo("0");
    assertThat(suite.getAttribute("time")).isEqualTo("20.000");
    assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-30T18:00:00");
    assertThat(LocalDateTime.parse(suite.getAttribute("timestamp"))).isNotNull();

    List<Element> cases = children(suite, "testcase");
    assertThat(cases).hasSize(Integer.parseInt(suite.getAttribute("tests")));
    long failing = cases.stream().filter(c -> !children(c, "failure").isEmpty()).count();
    assertThat(failing).isEqualTo(Long.parseLong(suite.getAttribute("failures")));
    for (Element c : cases) {
      assertThat(c.getAttribute("classname")).isEqualTo("streamstorm.slo-gate");
      assertThat(Double.parseDouble(c.getAttribute("time"))).isZero();
    }
  }

  @Test
  void aTestcasePerThresholdNamedAfterItsRule() throws Exception {
    List<String> names = new ArrayList<>();
    for (Element c : children(suite(), "testcase")) {
      names.add(c.getAttribute("name"));
    }
    assertThat(names)
        .containsExactly(
            "ttft p95 < 2s",
            "ttft{conversation:x} p99 < 4s",
            "errors rate < 1%",
            "goodput ratio > 0.95",
            "http_5xx count == 0",
            "ttft{conversation:y} p95 < 1s");
  }

  @Test
  void aFailureCarriesTheMeasuredValueInTheRulesUnit() throws Exception {
    Map<String, Element> failures = failures();
    Element slow = failures.get("ttft p95 < 2s");
    assertThat(slow.getAttribute("message")).isEqualTo("ttft p95 < 2s: measured 2,346 ms");
    assertThat(slow.getAttribute("type")).isEqualTo("threshold failed");
    assertThat(slow.getTextContent())
        .contains("ttft p95 < 2s: measured 2,346 ms")
        .contains("slo-gate against http://127.0.0.1:8080/v1/chat/completions")
        .contains("ended by duration")
        .contains("1000 ok, 0 failed");

    Element aborted = failures.get("http_5xx count == 0");
    assertThat(aborted.getAttribute("message"))
        .isEqualTo("http_5xx count == 0: measured 3; aborted the run");
    assertThat(aborted.getAttribute("type")).isEqualTo("threshold aborted the run");

    assertThat(failures.get("ttft{conversation:y} p95 < 1s").getAttribute("message"))
        .isEqualTo("ttft{conversation:y} p95 < 1s: measured nothing (no message gave a sample)");
    assertThat(failures).doesNotContainKeys("errors rate < 1%", "goodput ratio > 0.95");
  }

  @Test
  void theRunGoesIntoTheSuiteProperties() throws Exception {
    Map<String, String> p = new LinkedHashMap<>();
    for (Element props : children(suite(), "properties")) {
      for (Element e : children(props, "property")) {
        p.put(e.getAttribute("name"), e.getAttribute("value"));
      }
    }
    assertThat(p)
        .containsEntry("scenario", "slo-gate")
        .containsEntry("endReason", "duration")
        .containsEntry("messages.ok", "1000")
        .containsEntry("throughput.tokensPerSecond", "1000")
        .containsEntry("ttft.p95", "2345.5")
        .containsEntry("goodput.ratio", "0.97")
        .containsEntry("goodput.perSecond", "48.5")
        .containsEntry("generator.healthy", "true");
  }

  @Test
  void aSaturatedGeneratorIsNamedInEveryFailure() throws Exception {
    RunResults r =
        new ResultsFixture().saturated().threshold("ttft", "p95 < 2s", 2500, false).build();
    Element failure = children(children(suite(r), "testcase").get(0), "failure").get(0);
    assertThat(failure.getTextContent())
        .contains("the load generator itself was a bottleneck")
        .contains("event-loop lag p99 was 250.0 ms");
  }

  @Test
  void markupAndControlCharactersCannotBreakTheDocument() throws Exception {
    RunResults r =
        new ResultsFixture()
            .scenario("a<b>&\"c\" \u0001")
            .threshold("ttft", "p95 < 2s", 2500, false)
            .build();
    Element suite = suite(r);
    Element testcase = children(suite, "testcase").get(0);
    assertThat(testcase.getAttribute("classname")).isEqualTo("streamstorm.a<b>&\"c\" ");
    assertThat(testcase.getAttribute("name")).isEqualTo("ttft p95 < 2s");
  }

  @Test
  void noThresholdsIsAnEmptySuite() throws Exception {
    Element root = parse(new ResultsFixture().build()).getDocumentElement();
    assertThat(root.getAttribute("tests")).isEqualTo("0");
    assertThat(root.getAttribute("failures")).isEqualTo("0");
    assertThat(children(children(root, "testsuite").get(0), "testcase")).isEmpty();
  }

  @Test
  void anUnreadableStartLeavesTheTimestampOut() throws Exception {
    Element suite = suite(new ResultsFixture().startedAt("yesterday").build());
    assertThat(suite.hasAttribute("timestamp")).isFalse();
  }

  @Test
  void writesTheFileWholeAndUtf8(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reports/junit.xml");
    JunitXml.write(results, file);
    byte[] bytes = Files.readAllBytes(file);
    assertThat(new String(bytes, 0, 38, java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    try (InputStream in = Files.newInputStream(file)) {
      Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
      assertThat(d.getDocumentElement().getAttribute("tests")).isEqualTo("6");
    }
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  private Element suite() throws Exception {
    return suite(results);
  }

  private static Element suite(RunResults r) throws Exception {
    return children(parse(r).getDocumentElement(), "testsuite").get(0);
  }

  private Map<String, Element> failures() throws Exception {
    Map<String, Element> m = new LinkedHashMap<>();
    for (Element c : children(suite(), "testcase")) {
      List<Element> f = children(c, "failure");
      if (!f.isEmpty()) {
        m.put(c.getAttribute("name"), f.get(0));
      }
    }
    return m;
  }

  private static Document parse(RunResults r) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JunitXml.write(r, out);
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(out.toByteArray()));
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
        out.add(e);
      }
    }
    return out;
  }
}
