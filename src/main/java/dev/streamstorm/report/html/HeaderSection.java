package dev.streamstorm.report.html;

import dev.streamstorm.metrics.results.Goodput;
import dev.streamstorm.metrics.results.MessageCounts;
import dev.streamstorm.metrics.results.RunInfo;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.metrics.results.Summary;
import dev.streamstorm.metrics.results.ThresholdResult;
import dev.streamstorm.report.Format;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The top of the report: what ran, the verdict, the key numbers, and whether to trust them. */
final class HeaderSection {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private HeaderSection() {}

  static void banner(Html h, RunResults r) {
    RunInfo run = r.run();
    h.open("header", "top").open("div", "top-inner");
    h.open("div", "brand").text("streamstorm " + r.tool().version() + " · load test report");
    h.close("div");
    h.element("h1", run.scenario());
    h.open("div", "sub")
        .text(run.target() + " · " + run.protocol() + " · " + run.preset())
        .text(" · started " + when(run.startedAt()) + " · " + Format.seconds(run.durationSeconds()))
        .close("div");
    h.element("div", "sub", RunSection.describeLoad(run.load()));
    h.open("div", "badges");
    List<ThresholdResult> th = r.thresholds() == null ? List.of() : r.thresholds();
    if (th.isEmpty()) {
      h.element("span", "badge neutral", "no thresholds");
    } else {
      long failed = th.stream().filter(t -> !t.pass()).count();
      h.element(
          "span",
          failed == 0 ? "badge pass" : "badge fail",
          failed == 0
              ? "✓ thresholds pass (" + th.size() + ")"
              : "✗ " + failed + " of " + th.size() + " thresholds failed");
    }
    if (r.generator() != null) {
      h.element(
          "span",
          r.generator().healthy() ? "badge pass" : "badge warn",
          r.generator().healthy() ? "generator healthy" : "⚠ generator saturated");
    }
    h.element("span", "badge neutral", "ended by " + run.endReason());
    if (run.partial()) {
      h.element("span", "badge warn", "partial results");
    }
    h.close("div").close("div").close("header").nl();
  }

  static void keyNumbers(Html h, RunResults r) {
    MessageCounts m = r.messages();
    h.open("section", "kpis");
    String extra =
        Format.count(m.failed())
            + " failed"
            + (m.interrupted() > 0 ? " · " + Format.count(m.interrupted()) + " interrupted" : "")
            + (m.retried() > 0 ? " · " + Format.count(m.retried()) + " retried" : "");
    tile(h, "messages ok", Format.count(m.ok()), extra, null);
    double errorRate = m.total() == 0 ? 0 : (double) m.failed() / m.total();
    tile(
        h,
        "error rate",
        Format.percent(errorRate),
        "of " + Format.count(m.total()) + " messages",
        m.failed() > 0 ? "bad" : null);
    tile(
        h,
        "throughput",
        Format.rate(r.throughput().messagesPerSecond()) + " msg/s",
        Format.rate(r.throughput().tokensPerSecond()) + " tokens/s",
        null);
    latencyTile(h, r, "ttft");
    latencyTile(h, r, "e2e");
    latencyTile(h, r, "tpot");
    Goodput g = r.goodput();
    if (g != null) {
      tile(
          h,
          "goodput",
          Format.percent(g.ratio()),
          Format.rate(g.perSecond()) + " good msg/s",
          g.ratio() < 1 ? "warn" : null);
    }
    h.close("section").nl();
  }

  private static void latencyTile(Html h, RunResults r, String metric) {
    Summary s = r.metrics().get(metric);
    if (s == null || s.count() == 0) {
      return;
    }
    tile(
        h,
        metric + " p50",
        Format.ms(s.p50()) + " ms",
        "p95 "
            + Format.ms(s.p95())
            + " · p99 "
            + Format.ms(s.p99())
            + " · max "
            + Format.ms(s.max())
            + " ms",
        null);
  }

  private static void tile(Html h, String label, String value, String detail, String tone) {
    h.open("div", tone == null ? "kpi" : "kpi " + tone);
    h.element("div", "kpi-label", label);
    h.element("div", "kpi-value", value);
    h.element("div", "kpi-detail", detail);
    h.close("div");
  }

  static String when(String iso) {
    try {
      return WHEN.format(Instant.parse(iso));
    } catch (DateTimeParseException | NullPointerException e) {
      return iso == null ? "-" : iso;
    }
  }
}
