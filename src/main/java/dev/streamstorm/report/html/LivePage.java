package dev.streamstorm.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live dashboard's page: the HTML report's look, stylesheet and chart code (uPlot and
 * report.js, whose charts live.js feeds interval by interval from the run's event stream), with the
 * thresholds as they stand, and at the end a link to the final report. Everything it shows arrives
 * as JSON and reaches the page as text only; a Content-Security-Policy allows its own three scripts
 * (by hash) and connections back to where it came from, nothing else.
 */
public final class LivePage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT_POLICY =
      "default-src 'none'; script-src "
          + HtmlReport.hash(HtmlReport.UPLOT_SCRIPT)
          + " "
          + HtmlReport.hash(Assets.REPORT_JS)
          + " "
          + HtmlReport.hash(Assets.LIVE_JS)
          + "; connect-src 'self'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
          + " form-action 'none'";

  /**
   * What the page shows before the first interval.
   *
   * @param scenario the scenario's name
   * @param target the target, redacted
   * @param protocol sse or websocket
   * @param preset the wire format
   * @param load the load as the results describe it
   * @param open arrival-rate load
   * @param stageEnds planned stage ends, seconds from the start
   * @param warmupSeconds the warm-up (0 without)
   * @param thresholds the thresholds as written
   * @param control true when the page may stop the run
   * @param token what a stop request must carry (null without control)
   * @param version streamstorm's version
   */
  public record Setup(
      String scenario,
      String target,
      String protocol,
      String preset,
      Map<String, Object> load,
      boolean open,
      List<Double> stageEnds,
      double warmupSeconds,
      List<String> thresholds,
      boolean control,
      String token,
      String version) {}

  private LivePage() {}

  public static String render(Setup s) {
    Html h = new Html(192 * 1024);
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.openWith("meta", "http-equiv", "Content-Security-Policy", "content", CONTENT_POLICY).nl();
    h.element("title", "streamstorm · live · " + s.scenario()).nl();
    h.raw("<style>\n").raw(Assets.UPLOT_CSS).raw("\n</style>\n");
    h.raw("<style>\n")
        .raw(Assets.REPORT_CSS)
        .raw(Assets.LIVE_CSS)
        .raw("</style>\n</head>\n<body>\n");
    banner(h, s);
    h.open("main").nl();
    ended(h);
    kpis(h);
    thresholds(h, s);
    ChartsSection.timeSeries(h, s.open(), true);
    h.close("main").nl();
    h.open("footer")
        .text("streamstorm " + s.version() + " · live dashboard, one point per interval")
        .text(" · charts drawn with uPlot " + Assets.UPLOT_VERSION + " (MIT licence)")
        .close("footer")
        .nl();
    h.raw("<script type=\"application/json\" id=\"streamstorm-data\">")
        .raw(HtmlReport.inScript(json(chartData(s))))
        .raw("</script>\n");
    h.raw("<script type=\"application/json\" id=\"streamstorm-live\">")
        .raw(HtmlReport.inScript(json(liveData(s))))
        .raw("</script>\n");
    h.raw("<script>").raw(HtmlReport.UPLOT_SCRIPT).raw("</script>\n");
    h.raw("<script>").raw(Assets.REPORT_JS).raw("</script>\n");
    h.raw("<script>").raw(Assets.LIVE_JS).raw("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void banner(Html h, Setup s) {
    h.open("header", "top").open("div", "top-inner");
    h.open("div", "brand").text("streamstorm " + s.version() + " · live dashboard").close("div");
    h.element("h1", s.scenario());
    h.element("div", "sub", s.target() + " · " + s.protocol() + " · " + s.preset());
    h.element("div", "sub", RunSection.describeLoad(s.load()));
    h.open("div", "badges");
    h.openWith("span", "class", "badge neutral", "id", "live-state").text("connecting…");
    h.close("span");
    h.openWith("span", "class", "badge neutral", "id", "live-elapsed").close("span");
    h.openWith("span", "class", "badge neutral", "id", "live-verdict")
        .text(s.thresholds().isEmpty() ? "no thresholds" : "thresholds: waiting")
        .close("span");
    h.openWith("span", "class", "badge neutral", "id", "live-generator").close("span");
    if (s.control()) {
      h.openWith("button", "type", "button", "class", "stop", "id", "live-stop")
          .text("Stop the run")
          .close("button");
    }
    h.close("div").close("div").close("header").nl();
  }

  private static void ended(Html h) {
    h.openWith("section", "class", "callout done", "id", "live-end", "hidden", "hidden");
    h.openWith("strong", "id", "live-end-text").text("The run has ended.").close("strong");
    h.text(" ");
    h.openWith(
            "a", "id", "live-report", "href", "report.html", "target", "_blank", "rel", "noopener")
        .text("Open the final HTML report")
        .close("a");
    h.text(" · ");
    h.openWith("a", "id", "live-download", "href", "report.html?download=1", "download", "")
        .text("download it")
        .close("a");
    h.close("section").nl();
  }

  private static void kpis(Html h) {
    h.openWith("section", "class", "kpis", "id", "live-kpis");
    tile(h, "ok", "messages ok");
    tile(h, "errors", "error rate");
    tile(h, "throughput", "throughput (last interval)");
    tile(h, "ttft", "ttft p50 (run so far)");
    tile(h, "e2e", "e2e p50 (run so far)");
    tile(h, "load", "users · in flight");
    h.close("section").nl();
  }

  private static void tile(Html h, String id, String label) {
    h.openWith("div", "class", "kpi", "id", "kpi-" + id);
    h.element("div", "kpi-label", label);
    h.openWith("div", "class", "kpi-value").text("–").close("div");
    h.openWith("div", "class", "kpi-detail").text(" ").close("div");
    h.close("div");
  }

  private static void thresholds(Html h, Setup s) {
    if (s.thresholds().isEmpty()) {
      return;
    }
    h.open("section", "card").element("h2", "Thresholds, as they stand");
    h.element(
        "p",
        "hint",
        "Each threshold judged on the whole run so far, every interval; the verdict that counts"
            + " is the one at the end.");
    h.openWith("table", "class", "data", "id", "live-thresholds");
    h.raw("<thead><tr><th>now</th><th>threshold</th><th class=\"num\">measured</th></tr></thead>");
    h.open("tbody");
    for (String rule : s.thresholds()) {
      h.open("tr");
      h.element("td", "muted", "waiting");
      h.element("td", "mono", rule);
      h.element("td", "num", "–");
      h.close("tr");
    }
    h.raw("</tbody></table></section>").nl();
  }

  /** report.js's data with no interval yet: the same columns, empty. */
  private static Map<String, Object> chartData(Setup s) {
    Map<String, Object> time = new LinkedHashMap<>();
    time.put("t", List.of());
    time.put("open", s.open());
    time.put("stages", s.stageEnds());
    time.put("warmupEnd", s.warmupSeconds() > 0 ? s.warmupSeconds() : null);
    for (String column :
        List.of(
            "activeUsers",
            "inFlight",
            "okRate",
            "failedRate",
            "tokenRate",
            "loopLagP99",
            "cpuPercent")) {
      time.put(column, List.of());
    }
    if (s.open()) {
      time.put("targetRate", List.of());
      time.put("arrivalRate", List.of());
      time.put("droppedRate", List.of());
    }
    time.put("errors", Map.of());
    for (String m : List.of("ttft", "e2e", "itl")) {
      time.put(m, Map.of("p50", List.of(), "p95", List.of(), "p99", List.of()));
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("live", true);
    data.put("time", time);
    data.put("percentiles", Map.of());
    return data;
  }

  private static Map<String, Object> liveData(Setup s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("control", s.control());
    m.put("token", s.token());
    m.put("thresholds", s.thresholds());
    return m;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
