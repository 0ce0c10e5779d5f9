package dev.streamstorm.report;

import dev.streamstorm.metrics.results.GeneratorHealth;
import dev.streamstorm.metrics.results.Goodput;
import dev.streamstorm.metrics.results.MessageCounts;
import dev.streamstorm.metrics.results.RunInfo;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.metrics.results.SessionCounts;
import dev.streamstorm.metrics.results.Summary;
import dev.streamstorm.metrics.results.ThresholdResult;
import dev.streamstorm.metrics.results.TokenTotals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The end-of-run summary printed to the terminal: a pure function of the results. */
public final class ConsoleSummary {
  private static final List<String> LATENCIES =
      List.of("ttfb", "ttfr", "ttfc", "ttft", "itl", "tpot", "e2e");

  /** Per-message counts shown under the latencies: metric and row label. */
  private static final List<List<String>> COUNTS =
      List.of(
          List.of("tokens", "tokens/msg"),
          List.of("reasoning_tokens", "reasoning/msg"),
          List.of("tool_calls", "tool calls/msg"),
          List.of("input_tokens", "input/msg"));

  private static final String NL = System.lineSeparator();

  private ConsoleSummary() {}

  /**
   * Where the answer counts came from, and the other channels' totals; empty when every count was
   * the server's and nothing but answers streamed.
   */
  static String tokenLine(TokenTotals tokens) {
    if (tokens == null) {
      return "";
    }
    long messages = tokens.sources().values().stream().mapToLong(Long::longValue).sum();
    long fromUsage = tokens.sources().getOrDefault("usage", 0L);
    if (messages == 0
        || (fromUsage == messages && tokens.reasoning() == 0 && tokens.toolCalls() == 0)) {
      return "";
    }
    List<String> parts = new java.util.ArrayList<>();
    List<String> sources = new java.util.ArrayList<>();
    tokens
        .sources()
        .forEach(
            (source, n) -> {
              if (n > 0) {
                sources.add(source + " " + Format.count(n));
              }
            });
    parts.add(
        Format.count(tokens.answer()) + " answer (counted by " + String.join(", ", sources) + ")");
    if (tokens.reasoning() > 0) {
      parts.add(Format.count(tokens.reasoning()) + " reasoning");
    }
    if (tokens.toolCalls() > 0) {
      parts.add(Format.count(tokens.toolCalls()) + " tool calls");
    }
    return String.join(" · ", parts);
  }

  /**
   * HTTP version, TLS trust and proxy, when any of them is not the plain default (HTTP/1.1, the
   * JVM's trust, no proxy); null otherwise. Insecure TLS is shouted: its numbers came over a
   * connection nobody checked.
   */
  static String networkLine(RunInfo.Network n) {
    if (n == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (!"http1".equals(n.http())) {
      parts.add(n.http());
    }
    if (n.insecure()) {
      parts.add("TLS " + n.tls() + " (connection.tls.insecure)");
    } else if (n.tls() != null && !n.tls().startsWith("the JVM's default")) {
      parts.add("TLS trusts " + n.tls());
    }
    if (Boolean.TRUE.equals(n.clientCertificate())) {
      parts.add("client certificate");
    }
    if (n.proxy() != null) {
      parts.add("proxy " + n.proxy());
    }
    return parts.isEmpty() ? null : String.join(" · ", parts);
  }

  public static String render(RunResults r) {
    StringBuilder sb = new StringBuilder();
    var run = r.run();
    sb.append("streamstorm ")
        .append(r.tool().version())
        .append(" · ")
        .append(run.scenario())
        .append(" · ")
        .append(run.target())
        .append(NL);
    sb.append("  ")
        .append(describeLoad(run.load()))
        .append(" · ")
        .append(Format.seconds(run.durationSeconds()))
        .append(" · ended by ")
        .append(run.endReason())
        .append(run.partial() ? " (partial results)" : "")
        .append(NL);
    String network = networkLine(run.network());
    if (network != null) {
      sb.append("  network   ").append(network).append(NL);
    }
    sb.append(NL);

    MessageCounts m = r.messages();
    sb.append("  messages  ")
        .append(Format.count(m.ok()))
        .append(" ok · ")
        .append(Format.count(m.failed()))
        .append(" failed");
    if (m.failed() > 0 && r.errors() != null) {
      sb.append(" (").append(Format.percent(r.errors().rate())).append(")");
    }
    if (m.interrupted() > 0) {
      sb.append(" · ").append(Format.count(m.interrupted())).append(" interrupted");
    }
    if (m.retried() > 0) {
      sb.append(" · ").append(Format.count(m.retried())).append(" needed retries");
    }
    sb.append("   ")
        .append(Format.rate(r.throughput().messagesPerSecond()))
        .append(" msg/s · ")
        .append(Format.rate(r.throughput().tokensPerSecond()))
        .append(" tokens/s");
    if (r.throughput().inputTokensPerSecond() > 0) {
      sb.append(" · ")
          .append(Format.rate(r.throughput().inputTokensPerSecond()))
          .append(" input tokens/s");
    }
    sb.append(NL);
    String tokenLine = tokenLine(r.tokens());
    if (!tokenLine.isEmpty()) {
      sb.append("  tokens    ").append(tokenLine).append(NL);
    }
    if (r.arrivals() != null) {
      sb.append("  arrivals  ")
          .append(Format.count(r.arrivals().started()))
          .append(" started (")
          .append(Format.rate(r.arrivals().achievedPerSecond()))
          .append("/s achieved)");
      if (r.arrivals().dropped() > 0) {
        sb.append(" · ")
            .append(Format.count(r.arrivals().dropped()))
            .append(" dropped by maxInFlight");
      }
      sb.append(NL);
    }
    SessionCounts sessions = r.sessions();
    if (sessions != null) {
      sb.append("  sessions  ")
          .append(Format.count(sessions.ok()))
          .append(" set up · ")
          .append(Format.count(sessions.failed()))
          .append(" failed");
      if (!sessions.errors().isEmpty()) {
        sb.append(" (").append(nonZero(sessions.errors())).append(")");
      }
      sb.append(NL);
    }
    String errors = nonZero(r.errors());
    if (!errors.isEmpty()) {
      sb.append("  errors    ").append(errors).append(NL);
    }
    if (r.retriedErrors() != null && !r.retriedErrors().isEmpty()) {
      Summary wait = r.metrics().get("retry_wait");
      sb.append("  retried   ")
          .append(nonZero(r.retriedErrors()))
          .append(" (attempts that a retry replaced");
      if (wait != null && wait.count() > 0) {
        sb.append("; waiting added p50 ")
            .append(Format.ms(wait.p50()))
            .append(" ms, max ")
            .append(Format.ms(wait.max()))
            .append(" ms");
      }
      sb.append(")").append(NL);
    }
    Goodput g = r.goodput();
    if (g != null) {
      sb.append("  goodput   ")
          .append(Format.percent(g.ratio()))
          .append(" of messages met the SLO (")
          .append(describeSlo(g.slo()))
          .append(") · ")
          .append(Format.rate(g.perSecond()))
          .append(" good msg/s")
          .append(NL);
    }
    sb.append(NL);

    TextTable t = new TextTable().row("", "count", "p50", "p90", "p95", "p99", "max");
    for (String name : LATENCIES) {
      Summary s = r.metrics().get(name);
      if (s != null) {
        t.row(
            name + " (ms)",
            Format.count(s.count()),
            Format.ms(s.p50()),
            Format.ms(s.p90()),
            Format.ms(s.p95()),
            Format.ms(s.p99()),
            Format.ms(s.max()));
      }
    }
    for (List<String> count : COUNTS) {
      Summary c = r.metrics().get(count.get(0));
      if (c != null && (c.count() > 0 || count.get(0).equals("tokens"))) {
        t.row(
            count.get(1),
            Format.count(c.count()),
            Format.num(c.p50()),
            Format.num(c.p90()),
            Format.num(c.p95()),
            Format.num(c.p99()),
            Format.num(c.max()));
      }
    }
    sb.append(t.render("  "));
    Summary send = r.metrics().get("send_delay");
    if (send != null && send.p99() >= 1.0) {
      sb.append("  sends were late by up to ")
          .append(Format.ms(send.max()))
          .append(" ms (p99 ")
          .append(Format.ms(send.p99()))
          .append(
              "); ttft and e2e count from the intended start, ttft_service and e2e_service"
                  + " from the actual send")
          .append(NL);
    }

    if (r.byConversation() != null && !r.byConversation().isEmpty()) {
      sb.append(NL).append(SummaryBreakdowns.slices("by conversation", r.byConversation()));
    }
    if (r.byTurn() != null && r.byTurn().size() > r.byConversation().size()) {
      sb.append(NL).append(SummaryBreakdowns.slices("by turn", r.byTurn()));
    }
    if (r.usage() != null && !r.usage().isEmpty()) {
      sb.append(NL).append(SummaryBreakdowns.usage(r));
    }
    if (r.thresholds() != null && !r.thresholds().isEmpty()) {
      sb.append(NL).append("  thresholds").append(NL);
      for (ThresholdResult th : r.thresholds()) {
        sb.append("    ")
            .append(th.pass() ? "✓ pass  " : "✗ FAIL  ")
            .append(th.metric())
            .append(tags(th.tags()))
            .append(" ")
            .append(th.expression())
            .append("   (measured ")
            .append(ThresholdText.measured(th))
            .append(th.aborted() ? "; aborted the run" : "")
            .append(")")
            .append(NL);
      }
    }
    if (r.sweep() != null) {
      sb.append(NL).append(SummaryBreakdowns.sweep(r.sweep()));
    }
    sb.append(NL).append(generator(r.generator()));
    sb.append(warnings(r));
    return sb.toString();
  }

  /** What the run's figures cannot show by themselves: a rule that found nothing, no user. */
  private static String warnings(RunResults r) {
    StringBuilder sb = new StringBuilder();
    MessageCounts m = r.messages();
    if (m.empty() > 0) {
      sb.append("  warning: ")
          .append(Format.count(m.empty()))
          .append(" of ")
          .append(Format.count(m.ok()))
          .append(
              " ok messages had no answer token and no tool call: the stream rules found"
                  + " nothing in them; `streamstorm try` shows what the stream held")
          .append(NL);
    }
    if (m.overlapped() > 0) {
      sb.append("  note: ")
          .append(Format.count(m.overlapped()))
          .append(
              " requests went out while the previous response was still open after its done"
                  + " marker; each took another connection rather than wait behind it")
          .append(NL);
    }
    if (r.sessions() != null && r.sessions().noneStarted()) {
      sb.append("  warning: no user could start: every session set-up failed (")
          .append(nonZero(r.sessions().errors()))
          .append("); the errors' samples say why")
          .append(NL);
    }
    return sb.toString();
  }

  private static String generator(GeneratorHealth g) {
    if (g == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder("  generator ");
    sb.append(Format.eventLoops(g))
        .append(" · loop lag p99 ")
        .append(Format.ms(g.loopLag().p99()))
        .append(" ms")
        .append(Format.gcPauses(g.gcPauses()))
        .append(" · CPU ")
        .append(Format.num(g.cpuMeanPercent()))
        .append("% mean · ")
        .append(g.healthy() ? "healthy" : "UNHEALTHY")
        .append(NL);
    for (String w : g.warnings()) {
      sb.append("  warning: ").append(w).append(NL);
    }
    return sb.toString();
  }

  static String describeLoad(Map<String, Object> load) {
    if (load == null) {
      return "";
    }
    return load.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String describeSlo(Map<String, Double> slo) {
    return slo.entrySet().stream()
        .map(e -> e.getKey() + " ≤ " + Format.ms(e.getValue()) + " ms")
        .collect(Collectors.joining(", "));
  }

  private static String nonZero(Map<String, Long> errors) {
    return errors.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .map(e -> e.getKey() + " " + Format.count(e.getValue()))
        .collect(Collectors.joining(" · "));
  }

  static String tags(Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) {
      return "";
    }
    return tags.entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }
}
