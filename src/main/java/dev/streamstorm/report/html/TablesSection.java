package dev.streamstorm.report.html;

import dev.streamstorm.metrics.results.Goodput;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.metrics.results.SliceResults;
import dev.streamstorm.metrics.results.Summary;
import dev.streamstorm.report.Format;
import java.util.Map;
import java.util.stream.Collectors;

/** The report's tables: every metric's distribution, then per conversation and per turn. */
final class TablesSection {
  private static final Map<String, String> MEANINGS =
      Map.ofEntries(
          Map.entry("ttfb", "start → response headers (SSE) or first frame (WebSocket)"),
          Map.entry("ttft", "start → first answer token"),
          Map.entry("ttfr", "start → first reasoning token"),
          Map.entry("ttfc", "start → first tool call"),
          Map.entry("itl", "gap between consecutive answer tokens"),
          Map.entry("tpot", "(e2e − ttft) / (tokens − 1)"),
          Map.entry("e2e", "start → end of message"),
          Map.entry("ttft_service", "actual send → first answer token"),
          Map.entry("e2e_service", "actual send → end of message"),
          Map.entry("send_delay", "how late the send was after the intended start"),
          Map.entry("session", "session set-up call"),
          Map.entry("connect", "opening a connection"),
          Map.entry("think_time", "think time waited before a turn"),
          Map.entry("retry_wait", "waiting between attempts of retried messages"),
          Map.entry("generator_lag", "streamstorm's own event-loop lag"),
          Map.entry("tokens", "answer tokens per message"),
          Map.entry("reasoning_tokens", "reasoning tokens per message"),
          Map.entry("tool_calls", "tool calls started per message"),
          Map.entry("input_tokens", "input tokens per request"),
          Map.entry("chunks", "answer chunks per message"));

  private TablesSection() {}

  static void latencySummary(Html h, RunResults r) {
    h.open("section", "card").element("h2", "Metrics");
    h.element(
        "p",
        "hint",
        "Successful messages only; failed ones are counted under Errors. Times in ms, counted"
            + " from each message's intended start (ttft_service and e2e_service from the actual"
            + " send). See docs/metrics.md for the definitions.");
    h.open("table", "data");
    h.raw("<thead><tr><th>metric</th>");
    for (String c : new String[] {"count", "min", "mean", "p50", "p90", "p95", "p99", "p99.9"}) {
      h.raw("<th class=\"num\">").text(c).raw("</th>");
    }
    h.raw("<th class=\"num\">max</th><th>what it measures</th></tr></thead><tbody>");
    r.metrics()
        .forEach(
            (name, s) -> {
              if (s.count() > 0) {
                row(h, name + ("ms".equals(s.unit()) ? " (ms)" : ""), s);
              }
            });
    if (r.usage() != null) {
      r.usage().forEach((name, s) -> row(h, "usage: " + name, s));
    }
    h.raw("</tbody></table></section>").nl();
  }

  private static void row(Html h, String label, Summary s) {
    boolean time = "ms".equals(s.unit());
    h.open("tr").element("th", "mono", label);
    h.element("td", "num", Format.count(s.count()));
    for (double v :
        new double[] {s.min(), s.mean(), s.p50(), s.p90(), s.p95(), s.p99(), s.p999()}) {
      h.element("td", "num", time ? Format.ms(v) : Format.num(v));
    }
    h.element("td", "num", time ? Format.ms(s.max()) : Format.num(s.max()));
    h.element("td", "what", MEANINGS.getOrDefault(label.replace(" (ms)", ""), ""));
    h.close("tr");
  }

  static void slices(Html h, RunResults r) {
    if (r.byConversation() == null || r.byConversation().isEmpty()) {
      return;
    }
    h.open("section", "card").element("h2", "By conversation");
    sliceTable(h, "conversation", r.byConversation());
    usageTable(h, r);
    if (r.byTurn() != null && !r.byTurn().isEmpty()) {
      h.element("h3", "By turn");
      sliceTable(h, "turn", r.byTurn());
    }
    h.close("section").nl();
  }

  private static void sliceTable(Html h, String title, Map<String, SliceResults> slices) {
    boolean goodput = slices.values().stream().anyMatch(s -> s.goodput() != null);
    h.open("div", "scroll").open("table", "data");
    h.raw("<thead><tr><th>").text(title).raw("</th>");
    for (String c :
        new String[] {
          "ok",
          "failed",
          "msg/s",
          "ttft p50",
          "ttft p95",
          "ttft p99",
          "e2e p50",
          "e2e p95",
          "e2e p99",
          "tpot p50",
          "tokens/msg"
        }) {
      h.raw("<th class=\"num\">").text(c).raw("</th>");
    }
    h.raw(goodput ? "<th class=\"num\">goodput</th>" : "").raw("<th>errors</th></tr></thead>");
    h.raw("<tbody>");
    slices.forEach(
        (label, s) -> {
          h.open("tr").element("th", "mono", label);
          h.element("td", "num", Format.count(s.messages().ok()));
          h.element(
              "td",
              s.messages().failed() > 0 ? "num bad" : "num",
              Format.count(s.messages().failed()));
          h.element("td", "num", Format.rate(s.throughput().messagesPerSecond()));
          ms(h, s, "ttft", Summary::p50);
          ms(h, s, "ttft", Summary::p95);
          ms(h, s, "ttft", Summary::p99);
          ms(h, s, "e2e", Summary::p50);
          ms(h, s, "e2e", Summary::p95);
          ms(h, s, "e2e", Summary::p99);
          ms(h, s, "tpot", Summary::p50);
          Summary tokens = s.metrics().get("tokens");
          h.element("td", "num", tokens == null ? "-" : Format.num(tokens.mean()));
          if (goodput) {
            Goodput g = s.goodput();
            h.element("td", "num", g == null ? "-" : Format.percent(g.ratio()));
          }
          String errors = errors(s.errors());
          h.element("td", "mono", errors.isEmpty() ? "–" : errors);
          h.close("tr");
        });
    h.raw("</tbody></table></div>");
  }

  /** What the server reported, mean per message, by conversation: where each spends its time. */
  private static void usageTable(Html h, RunResults r) {
    if (r.usage() == null || r.usage().isEmpty()) {
      return;
    }
    h.element("h3", "Usage the server reported, mean per message");
    h.open("div", "scroll").open("table", "data");
    h.raw("<thead><tr><th>conversation</th>");
    r.usage()
        .forEach(
            (name, s) ->
                h.raw("<th class=\"num\">")
                    .text(name + ("ms".equals(s.unit()) ? " (ms)" : ""))
                    .raw("</th>"));
    h.raw("</tr></thead><tbody>");
    r.byConversation()
        .forEach(
            (label, slice) -> {
              h.open("tr").element("th", "mono", label);
              r.usage()
                  .keySet()
                  .forEach(
                      name -> {
                        Summary s = slice.usage() == null ? null : slice.usage().get(name);
                        h.element(
                            "td",
                            "num",
                            s == null || s.count() == 0
                                ? "-"
                                : "ms".equals(s.unit())
                                    ? Format.ms(s.mean())
                                    : Format.num(s.mean()));
                      });
              h.close("tr");
            });
    h.raw("</tbody></table></div>");
  }

  private static void ms(
      Html h, SliceResults s, String metric, java.util.function.ToDoubleFunction<Summary> f) {
    Summary m = s.metrics().get(metric);
    h.element("td", "num", m == null || m.count() == 0 ? "-" : Format.ms(f.applyAsDouble(m)));
  }

  static String errors(Map<String, Long> errors) {
    if (errors == null) {
      return "";
    }
    return errors.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .map(e -> e.getKey() + " " + Format.count(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  static void goodput(Html h, RunResults r) {
    Goodput g = r.goodput();
    if (g == null) {
      return;
    }
    h.open("section", "card").element("h2", "Goodput");
    h.open("p")
        .text(Format.count(g.good()) + " messages (" + Format.percent(g.ratio()) + ") ")
        .text("succeeded and met every objective: ")
        .text(
            g.slo().entrySet().stream()
                .map(e -> e.getKey() + " ≤ " + Format.ms(e.getValue()) + " ms")
                .collect(Collectors.joining(", ")))
        .text(" · " + Format.rate(g.perSecond()) + " good messages per second.")
        .close("p");
    h.close("section").nl();
  }
}
