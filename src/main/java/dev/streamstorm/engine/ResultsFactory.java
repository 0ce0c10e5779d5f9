package dev.streamstorm.engine;

import dev.streamstorm.metrics.results.GeneratorHealth;
import dev.streamstorm.metrics.results.RunInfo;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.scenario.LoadSpec;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.SloSpec;
import dev.streamstorm.scenario.Template;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a finished run into the results document: the scenario described with secrets removed, and
 * every threshold evaluated on the whole run.
 */
public final class ResultsFactory {

  private static final Pattern SENSITIVE =
      Pattern.compile("(?i).*(authorization|api[-_]?key|token|secret|cookie|password|session).*");

  private ResultsFactory() {}

  public static RunResults build(Scenario s, URI target, RunOutcome o, String version) {
    return build(s, target, o, version, System::getenv);
  }

  /**
   * The results document; {@code env} is the environment the run read (its proxy variables), for
   * the description of how the target was reached.
   */
  public static RunResults build(
      Scenario s, URI target, RunOutcome o, String version, Function<String, String> env) {
    List<Double> stages = new ArrayList<>();
    for (long b : o.stageBoundariesNs()) {
      stages.add(b / 1e9);
    }
    RunInfo info =
        new RunInfo(
            s.name(),
            s.source(),
            redactUrl(target),
            s.protocol().name().toLowerCase(),
            s.preset().id(),
            describeLoad(s.load()),
            redactHeaders(s.headers()),
            o.startedAt().toString(),
            round(o.durationNs() / 1e9),
            round(o.measuredNs() / 1e9),
            o.endReason(),
            s.seed(),
            stages.isEmpty() ? null : stages,
            "interrupted".equals(o.endReason()));
    if (!o.lost().isEmpty()) {
      info = info.withLost(o.lost());
    }
    info = info.withNetwork(NetworkRoute.describe(s, target, env));
    RunResults results =
        o.accumulator()
            .build(
                info,
                sloMillis(s.slo()),
                o.eventLoops(),
                o.errorSamples(),
                version,
                Math.max(1, o.agents().size()));
    GeneratorHealth generator = results.generator();
    if (!o.agents().isEmpty()) {
      generator = generator.withAgents(o.agents());
    }
    if (o.transport() != null) {
      // Known only for a run in this JVM, whose collector is ours.
      generator = generator.withRuntime(o.transport(), GcPauses.collectorName());
    }
    return results.completedWith(
        info,
        ThresholdCheck.evaluate(s.thresholds(), o.accumulator(), o.abortedBy()),
        o.sweep(),
        generator);
  }

  /** The URL without user info or query, which may hold credentials. */
  public static String redactUrl(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
    return uri.getScheme() + "://" + uri.getHost() + port + path;
  }

  /**
   * Headers as written in the scenario: a template such as {@code Bearer ${env:API_KEY}} is shown
   * as is (it holds no secret); a literal value of a sensitive header is replaced by {@code ***}.
   */
  public static Map<String, String> redactHeaders(Map<String, Template> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    headers.forEach(
        (name, t) -> {
          boolean literal = t.parts().stream().allMatch(p -> p instanceof Template.Literal);
          boolean sensitive = SENSITIVE.matcher(name).matches();
          out.put(name, sensitive && literal ? "***" : t.source());
        });
    return out;
  }

  /** The load as {@code run.load} shows it: model, users or rate, stages, limits. */
  public static Map<String, Object> describeLoad(LoadSpec load) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (load instanceof LoadSpec.Closed c) {
      m.put("model", "closed");
      if (c.stages().isEmpty()) {
        m.put("vus", c.vus());
      } else {
        m.put("stages", stages(c.stages(), false));
      }
    } else {
      LoadSpec.Open o = (LoadSpec.Open) load;
      m.put("model", "open");
      m.put("rate", rate(o.rate()));
      m.put("distribution", o.distribution().name().toLowerCase());
      if (!o.stages().isEmpty()) {
        m.put("stages", stages(o.stages(), true));
      }
      m.put("maxInFlight", o.maxInFlight());
    }
    LoadSpec.Limits l = load.limits();
    l.duration().ifPresent(d -> m.put("duration", duration(d)));
    l.iterationsPerUser().ifPresent(v -> m.put("iterations", v));
    l.iterationsTotal().ifPresent(v -> m.put("totalIterations", v));
    l.maxMessages().ifPresent(v -> m.put("maxMessages", v));
    l.maxTokens().ifPresent(v -> m.put("maxTokens", v));
    if (!l.warmup().isZero()) {
      m.put("warmup", duration(l.warmup()));
    }
    return m;
  }

  private static List<String> stages(List<LoadSpec.Stage> stages, boolean rates) {
    return stages.stream()
        .map(st -> duration(st.duration()) + "→" + (rates ? rate(st.target()) : (long) st.target()))
        .toList();
  }

  private static String rate(double perSecond) {
    return (perSecond == Math.rint(perSecond)
            ? Long.toString((long) perSecond)
            : Double.toString(perSecond))
        + "/s";
  }

  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  private static Map<String, Double> sloMillis(SloSpec slo) {
    Map<String, Double> m = new LinkedHashMap<>();
    slo.ttft().ifPresent(d -> m.put("ttft", d.toNanos() / 1e6));
    slo.tpot().ifPresent(d -> m.put("tpot", d.toNanos() / 1e6));
    slo.e2e().ifPresent(d -> m.put("e2e", d.toNanos() / 1e6));
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
