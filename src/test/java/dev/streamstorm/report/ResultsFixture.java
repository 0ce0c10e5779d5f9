package dev.streamstorm.report;

import dev.streamstorm.metrics.results.ErrorCounts;
import dev.streamstorm.metrics.results.GeneratorHealth;
import dev.streamstorm.metrics.results.Goodput;
import dev.streamstorm.metrics.results.MessageCounts;
import dev.streamstorm.metrics.results.RunInfo;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.metrics.results.SliceResults;
import dev.streamstorm.metrics.results.Summary;
import dev.streamstorm.metrics.results.ThresholdResult;
import dev.streamstorm.metrics.results.Throughput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Hand-built results documents for report tests: set what a test reads, the rest is plain. */
public final class ResultsFixture {
  private String scenario = "checkout";
  private String startedAt = "2026-11-30T18:00:00.250Z";
  private double seconds = 20;
  private long ok = 1000;
  private long failed;
  private final Map<String, Long> errors = new LinkedHashMap<>();
  private final Map<String, Summary> metrics = new LinkedHashMap<>();
  private final Map<String, Summary> usage = new TreeMap<>();
  private double messagesPerSecond = 50;
  private double tokensPerSecond = 1000;
  private Goodput goodput;
  private final Map<String, SliceResults> byConversation = new TreeMap<>();
  private final List<ThresholdResult> thresholds = new ArrayList<>();
  private GeneratorHealth generator = health(true);

  public ResultsFixture scenario(String name) {
    scenario = name;
    return this;
  }

  public ResultsFixture startedAt(String instant) {
    startedAt = instant;
    return this;
  }

  public ResultsFixture messages(long ok, long failed) {
    this.ok = ok;
    this.failed = failed;
    return this;
  }

  public ResultsFixture error(String errorClass, long n) {
    errors.put(errorClass, n);
    return this;
  }

  /** A latency (ms) whose percentiles are all {@code p50..p99} as given, with n samples. */
  public ResultsFixture latency(String metric, long n, double p50, double p95, double p99) {
    metrics.put(metric, summary("ms", n, p50, p95, p99));
    return this;
  }

  public ResultsFixture usage(String name, double mean) {
    usage.put(name, new Summary("count", ok, 1, mean, mean, mean, mean, mean, mean, mean));
    return this;
  }

  public ResultsFixture throughput(double messagesPerSecond, double tokensPerSecond) {
    this.messagesPerSecond = messagesPerSecond;
    this.tokensPerSecond = tokensPerSecond;
    return this;
  }

  public ResultsFixture goodput(double ratio, double perSecond) {
    goodput = new Goodput(Map.of("ttft", 1000.0), Math.round(ratio * ok), ratio, perSecond);
    return this;
  }

  public ResultsFixture conversation(String name, double ttftP95) {
    byConversation.put(
        name,
        new SliceResults(
            name,
            null,
            new MessageCounts(ok, ok, 0, 0, 0, 0, 0),
            new ErrorCounts(Map.of(), 0),
            new Throughput(1, 10),
            Map.of("ttft", summary("ms", ok, ttftP95 / 2, ttftP95, ttftP95)),
            Map.of(),
            null));
    return this;
  }

  public ResultsFixture threshold(String metric, String expression, double actual, boolean pass) {
    return threshold(metric, Map.of(), expression, actual, pass, false);
  }

  public ResultsFixture threshold(
      String metric,
      Map<String, String> tags,
      String expression,
      double actual,
      boolean pass,
      boolean aborted) {
    thresholds.add(new ThresholdResult(metric, tags, expression, actual, pass, aborted));
    return this;
  }

  public ResultsFixture saturated() {
    generator = health(false);
    return this;
  }

  public RunResults build() {
    Map<String, Long> allErrors = new LinkedHashMap<>();
    for (String c :
        List.of(
            "http_429",
            "http_4xx",
            "http_5xx",
            "connect",
            "timeout_first_token",
            "timeout",
            "stream_broken",
            "protocol",
            "generator")) {
      allErrors.put(c, errors.getOrDefault(c, 0L));
    }
    RunInfo info =
        new RunInfo(
            scenario,
            "scenarios/" + scenario + ".yaml",
            "http://127.0.0.1:8080/v1/chat/completions",
            "sse",
            "openai-chat",
            Map.of("model", "closed", "vus", 20),
            Map.of(),
            startedAt,
            seconds,
            seconds,
            "duration",
            42,
            null,
            false);
    return new RunResults(
        RunResults.SCHEMA,
        new RunResults.ToolInfo("streamstorm", "test"),
        info,
        new MessageCounts(ok + failed, ok, failed, 0, 0, 0, 0),
        null,
        null,
        ErrorCounts.of(allErrors, failed, ok + failed),
        Map.of(),
        new Throughput(messagesPerSecond, tokensPerSecond),
        null,
        metrics,
        usage,
        goodput,
        byConversation,
        Map.of(),
        thresholds,
        null,
        generator,
        List.of(),
        null,
        Map.of());
  }

  static Summary summary(String unit, long n, double p50, double p95, double p99) {
    if (n == 0) {
      return new Summary(unit, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    return new Summary(unit, n, p50 / 2, p50, p50, p95, p95, p99, p99, p99);
  }

  private static GeneratorHealth health(boolean healthy) {
    Summary lag = new Summary("ms", 20, 0.1, 0.2, 0.2, 0.3, 0.3, healthy ? 0.4 : 250, 300, 300);
    Summary gc = new Summary("ms", 3, 4, 6, 5, 9, 9, 9, 9, 9);
    return new GeneratorHealth(
        2,
        lag,
        gc,
        30,
        40,
        45,
        healthy,
        healthy
            ? List.of()
            : List.of("event-loop lag p99 was 250.0 ms (max 300.0 ms): the generator lagged"));
  }
}
