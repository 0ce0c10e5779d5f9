package dev.streamstorm.report.html;

import dev.streamstorm.metrics.results.RunResults;

/**
 * The places where report.js draws the charts, each with a title and a line on how to read it. The
 * chart itself comes from the embedded data, so the page still reads (tables, numbers) where
 * scripts are blocked.
 */
final class ChartsSection {
  private ChartsSection() {}

  static void timeSeries(Html h, RunResults r) {
    boolean open = r.run().load() != null && "open".equals(r.run().load().get("model"));
    timeSeries(h, open, false);
  }

  /**
   * @param open arrival-rate load (the load chart shows arrivals)
   * @param live the live dashboard's charts: inter-token latency per interval as well
   */
  static void timeSeries(Html h, boolean open, boolean live) {
    h.open("section", "card").element("h2", "Over time");
    h.element(
        "p",
        "hint",
        "One point per interval, on one time axis; dashed lines mark stage boundaries. Drag across"
            + " a chart to zoom every chart, double-click to zoom out.");
    h.raw("<noscript><p class=\"hint\">Charts need JavaScript; the tables below hold the numbers.")
        .raw("</p></noscript>");
    h.open("div", "charts");
    chart(
        h,
        "load",
        open ? "Arrival rate and streams in flight" : "Active users and streams in flight",
        open
            ? "Target and achieved arrivals per second; arrivals refused by maxInFlight; messages"
                + " streaming at the interval's end."
            : "Virtual users alive and messages streaming at each interval's end.");
    chart(h, "throughput", "Messages per second", "Messages that ended per second, ok and failed.");
    chart(h, "tokens", "Tokens per second", "Answer tokens of successful messages per second.");
    chart(
        h,
        "ttft",
        "Time to first token",
        "p50, p95 and p99 of the messages that ended in each interval (ms).");
    chart(
        h,
        "e2e",
        "End-to-end latency",
        "p50, p95 and p99 of the messages that ended in each interval (ms).");
    if (live) {
      chart(
          h,
          "itl",
          "Inter-token latency",
          "p50, p95 and p99 of the gaps between tokens of the messages that ended in each interval"
              + " (ms).");
    }
    chart(h, "errors", "Errors", "Failed messages per second, by error class.");
    chart(
        h,
        "generator",
        "Generator health",
        "The load generator's own event-loop lag p99 (ms) and process CPU (%, right axis). Lag"
            + " above 10 ms delays messages: latencies then include the generator's delay.");
    h.close("div").close("section").nl();
  }

  static void distributions(Html h, RunResults r) {
    h.open("section", "card").element("h2", "Latency distributions");
    h.element(
        "p",
        "hint",
        "Percentile plots in the HdrHistogram style: the x axis spreads the tail (90%, 99%, 99.9%,"
            + " ...) evenly, both axes are logarithmic, one curve per conversation. A curve ends"
            + " at its slowest message.");
    h.open("div", "charts grid2");
    chart(h, "pct-ttft", "ttft · time to first answer token", null);
    // The other channels' plots only when the run saw them: most streams have neither.
    if (recorded(r, "ttfr")) {
      chart(h, "pct-ttfr", "ttfr · time to first reasoning token", null);
    }
    if (recorded(r, "ttfc")) {
      chart(h, "pct-ttfc", "ttfc · time to first tool call", null);
    }
    chart(h, "pct-e2e", "e2e · end to end", null);
    chart(h, "pct-itl", "itl · inter-token latency", null);
    chart(h, "pct-tpot", "tpot · time per output token", null);
    h.close("div").close("section").nl();
  }

  private static boolean recorded(RunResults r, String metric) {
    return r.metrics() != null
        && r.metrics().get(metric) != null
        && r.metrics().get(metric).count() > 0;
  }

  private static void chart(Html h, String id, String title, String caption) {
    h.open("figure", "chart-card");
    h.open("figcaption").element("h3", title);
    if (caption != null) {
      h.element("p", "hint", caption);
    }
    h.close("figcaption");
    h.openWith("div", "class", "chart", "data-chart", id).close("div");
    h.close("figure");
  }
}
