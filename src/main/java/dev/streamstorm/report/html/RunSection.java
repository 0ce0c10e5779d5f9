package dev.streamstorm.report.html;

import dev.streamstorm.metrics.results.GeneratorHealth;
import dev.streamstorm.metrics.results.RunInfo;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.metrics.results.ThresholdResult;
import dev.streamstorm.report.Format;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How the run was set up and ended, its thresholds, and the generator's own health. */
final class RunSection {
  private RunSection() {}

  /** A callout at the top when the numbers include the generator's own delay. */
  static void generatorWarning(Html h, RunResults r) {
    GeneratorHealth g = r.generator();
    if (g == null || g.healthy()) {
      return;
    }
    h.open("section", "callout warn");
    h.element("strong", "The load generator itself was a bottleneck. ");
    h.text("Latencies below include some of its own delay; read them as upper bounds.");
    h.open("ul");
    g.warnings().forEach(w -> h.element("li", w));
    h.close("ul").close("section").nl();
  }

  static void facts(Html h, RunResults r) {
    RunInfo run = r.run();
    h.open("section", "card").element("h2", "Run");
    h.open("dl", "facts");
    fact(h, "scenario", run.scenario() + " (" + run.source() + ")");
    fact(h, "target", run.target());
    fact(h, "protocol", run.protocol() + ", preset " + run.preset());
    fact(h, "load", describeLoad(run.load()));
    fact(h, "started", HeaderSection.when(run.startedAt()));
    fact(
        h,
        "duration",
        Format.seconds(run.durationSeconds())
            + (run.measuredSeconds() < run.durationSeconds()
                ? " (" + Format.seconds(run.measuredSeconds()) + " measured after warm-up)"
                : ""));
    fact(h, "ended", endReason(run.endReason()));
    fact(h, "seed", Long.toString(run.seed()));
    if (run.headers() != null && !run.headers().isEmpty()) {
      fact(
          h,
          "headers",
          run.headers().entrySet().stream()
              .map(e -> e.getKey() + ": " + e.getValue())
              .collect(Collectors.joining("; ")));
    }
    GeneratorHealth g = r.generator();
    if (g != null) {
      fact(
          h,
          "generator",
          Format.eventLoops(g)
              + " · loop lag p50 "
              + Format.ms(g.loopLag().p50())
              + " ms, p99 "
              + Format.ms(g.loopLag().p99())
              + " ms, max "
              + Format.ms(g.loopLag().max())
              + " ms"
              + Format.gcPauses(g.gcPauses())
              + " · CPU "
              + Format.num(g.cpuMeanPercent())
              + "% mean, "
              + Format.num(g.cpuMaxPercent())
              + "% max · busiest loop "
              + Format.num(g.busiestLoopMaxPercent())
              + "% · "
              + (g.healthy() ? "healthy" : "unhealthy"));
    }
    h.close("dl").close("section").nl();
  }

  static void thresholds(Html h, RunResults r) {
    List<ThresholdResult> th = r.thresholds();
    if (th == null || th.isEmpty()) {
      return;
    }
    h.open("section", "card").element("h2", "Thresholds");
    h.open("table", "data");
    h.raw("<thead><tr><th>result</th><th>metric</th><th>expression</th>")
        .raw("<th class=\"num\">measured</th><th></th></tr></thead><tbody>");
    for (ThresholdResult t : th) {
      h.open("tr", t.pass() ? null : "failed-row");
      h.element("td", t.pass() ? "pass-text" : "fail-text", t.pass() ? "✓ pass" : "✗ FAIL");
      h.element("td", "mono", t.metric() + tags(t.tags()));
      h.element("td", "mono", t.expression());
      h.element(
          "td", "num", Double.isNaN(t.actual()) ? "nothing measured" : Format.num(t.actual()));
      h.element("td", t.aborted() ? "stopped the run" : "");
      h.close("tr");
    }
    h.raw("</tbody></table></section>").nl();
  }

  static String describeLoad(Map<String, Object> load) {
    if (load == null) {
      return "-";
    }
    return load.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .map(
            e ->
                e.getValue() instanceof List<?> list
                    ? e.getKey()
                        + " "
                        + list.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    : e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(" · "));
  }

  static String endReason(String reason) {
    String words =
        switch (reason == null ? "" : reason) {
          case "duration" -> "its planned duration ran out";
          case "iterations" -> "every user finished its iterations";
          case "completed" -> "every user finished";
          case "maxMessages" -> "the message limit (maxMessages) was reached";
          case "maxTokens" -> "the token budget (maxTokens) was reached";
          case "data" -> "the data file ran out of rows";
          case "interrupted" -> "it was interrupted (Ctrl-C): results are partial";
          case "aborted" -> "a failing threshold aborted it";
          default -> null;
        };
    return words == null ? String.valueOf(reason) : reason + ": " + words;
  }

  private static String tags(Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) {
      return "";
    }
    return tags.entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static void fact(Html h, String name, String value) {
    h.element("dt", name).element("dd", value);
  }
}
