package dev.streamstorm.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamstorm.metrics.HistogramCodec;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.metrics.results.Series;
import dev.streamstorm.metrics.results.ThresholdResult;
import dev.streamstorm.report.Format;
import dev.streamstorm.report.SampleRun;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final Pattern SCRIPT =
      Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL);
  private static RunResults results;
  private static String html;

  @BeforeAll
  static void render() {
    results =
        SampleRun.run(s -> {})
            .results()
            .withThresholds(
                List.of(
                    new ThresholdResult("ttft", Map.of(), "p95 < 200ms", 180.0, true, false),
                    new ThresholdResult(
                        "e2e",
                        Map.of("conversation", "simple"),
                        "p99 < 1ms",
                        455.0,
                        false,
                        false)));
    html = HtmlReport.render(results);
  }

  @Test
  void isOneDocumentWithEveryChartPlace() {
    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    for (String chart :
        List.of(
            "load",
            "throughput",
            "tokens",
            "ttft",
            "e2e",
            "errors",
            "generator",
            "pct-ttft",
            "pct-e2e",
            "pct-itl",
            "pct-tpot")) {
      assertThat(html).contains("data-chart=\"" + chart + "\"");
    }
    assertThat(html).contains("uPlot").contains("Content-Security-Policy");
  }

  @Test
  void makesNoNetworkRequest() {
    String lower = html.toLowerCase();
    assertThat(lower)
        .doesNotContainPattern("(src|href|action|poster|data)\\s*=\\s*[\"']?\\s*(https?:)?//")
        .doesNotContainPattern("url\\(\\s*[\"']?\\s*(https?:)?//")
        .doesNotContain("@import")
        .doesNotContain("<link")
        .doesNotContain("<iframe")
        .doesNotContain("xmlhttprequest")
        .doesNotContain("fetch(")
        .doesNotContain("sendbeacon")
        .doesNotContain("websocket(")
        .doesNotContain("eventsource(");
    // Every <script> is inline: none has a src.
    Matcher m = SCRIPT.matcher(html);
    while (m.find()) {
      assertThat(m.group(1)).doesNotContain("src");
    }
    assertThat(html).contains("default-src &#39;none&#39;");
  }

  @Test
  void contentPolicyAllowsExactlyThePagesOwnScripts() throws Exception {
    Matcher meta =
        Pattern.compile("http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"")
            .matcher(html);
    assertThat(meta.find()).isTrue();
    Matcher csp =
        Pattern.compile("script-src ([^;]*);").matcher(meta.group(1).replace("&#39;", "'"));
    assertThat(csp.find()).isTrue();
    List<String> executable = new ArrayList<>();
    Matcher m = SCRIPT.matcher(html);
    while (m.find()) {
      if (!m.group(1).contains("application/json")) {
        executable.add(m.group(2));
      }
    }
    assertThat(executable).hasSize(2);
    for (String script : executable) {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      assertThat(csp.group(1))
          .contains("'sha256-" + Base64.getEncoder().encodeToString(digest) + "'");
    }
    assertThat(csp.group(1)).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
  }

  @Test
  void valuesFromTheResultsCannotBecomeMarkup() {
    assertThat(html)
        .doesNotContain(SampleRun.HOSTILE)
        .doesNotContain("<script>alert")
        .doesNotContain("<img src=x>")
        .doesNotContain("<b>run</b>")
        .contains("sample &lt;b&gt;run&lt;/b&gt;")
        .contains("&lt;/script&gt;&lt;script&gt;alert(&#39;owned&#39;)");
    // The JSON island holds no '<' at all, so nothing inside it can close the element.
    String data = dataIsland();
    assertThat(data).doesNotContain("<").doesNotContain(">");
  }

  @Test
  void embedsTheSeriesOfTheRun() throws Exception {
    JsonNode time = data().get("time");
    List<Series.Point> points = results.series().points();
    assertThat(time.get("t")).hasSize(points.size());
    double previous = 0;
    for (int i = 0; i < points.size(); i++) {
      Series.Point p = points.get(i);
      double seconds = p.t() - previous;
      previous = p.t();
      assertThat(time.get("t").get(i).asDouble()).isEqualTo(p.t());
      assertThat(time.get("okRate").get(i).asDouble()).isCloseTo(p.ok() / seconds, within(1e-3));
      assertThat(time.get("tokenRate").get(i).asDouble())
          .isCloseTo(p.tokens() / seconds, within(1e-3));
      assertThat(time.get("activeUsers").get(i).asInt()).isEqualTo(p.activeUsers());
      assertThat(time.get("ttft").get("p95").get(i).asDouble()).isEqualTo(p.ttft()[1]);
      assertThat(time.get("errors").get("http_5xx").get(i).asDouble())
          .isEqualTo(p.errors().get("http_5xx") / seconds);
    }
    assertThat(time.get("stages").get(0).asDouble()).isEqualTo(1.0);
    assertThat(time.get("open").asBoolean()).isFalse();
  }

  @Test
  void embedsPercentileCurvesDecodedFromTheHistograms() throws Exception {
    JsonNode ttft = data().get("percentiles").get("ttft");
    assertThat(ttft.get("labels").toString()).isEqualTo("[\"all\",\"simple\",\"tool_call\"]");
    var all = HistogramCodec.decode(results.histograms().get("ttft").get("all"));
    assertThat(ttft.get("counts").get(0).asLong()).isEqualTo(all.getTotalCount());
    JsonNode x = ttft.get("x");
    JsonNode curve = ttft.get("values").get(0);
    assertThat(x.get(0).asDouble()).isEqualTo(1.0);
    assertThat(x.get(x.size() - 1).asDouble()).isEqualTo(all.getTotalCount());
    assertThat(curve.get(0).asDouble()).isEqualTo(all.getMinValue() / 1000.0);
    assertThat(curve.get(curve.size() - 1).asDouble()).isEqualTo(all.getMaxValue() / 1000.0);
    assertThat(data().get("percentiles").fieldNames())
        .toIterable()
        .containsExactly("ttft", "itl", "tpot", "e2e");
  }

  @Test
  void tablesShowTheRunsNumbers() {
    var ttft = results.metrics().get("ttft");
    assertThat(html)
        .contains(">" + Format.ms(ttft.p95()) + "<")
        .contains(">" + Format.ms(ttft.p999()) + "<")
        .contains(">" + Format.count(results.messages().ok()) + "<")
        .contains("tool_call")
        .contains("simple#1")
        .contains("http_5xx")
        .contains("Bearer ${env:API_KEY}");
    assertThat(html).contains("✓ pass").contains("✗ FAIL").contains("e2e{conversation:simple}");
    assertThat(html).contains("✗ 1 of 2 thresholds failed");
  }

  @Test
  void rendersTheSamePageFromTheSameResults() {
    assertThat(HtmlReport.render(results)).isEqualTo(html);
  }

  @Test
  void rendersARunThatRecordedNothing() throws Exception {
    var empty =
        new dev.streamstorm.metrics.RunAccumulator(0, 0, 1.0)
            .build(results.run(), Map.of(), 1, List.of(), "test");
    String page = HtmlReport.render(empty);
    assertThat(page).contains("No message failed").endsWith("</html>\n");
    assertThat(page).contains("\"t\":[]").contains("\"percentiles\":{}");
  }

  private static String dataIsland() {
    Matcher m =
        Pattern.compile("<script type=\"application/json\" id=\"streamstorm-data\">(.*?)</script>")
            .matcher(html);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static JsonNode data() throws Exception {
    return new ObjectMapper().readTree(dataIsland());
  }
}
