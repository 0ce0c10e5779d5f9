package dev.streamstorm.trial;

import dev.streamstorm.engine.ResultsFactory;
import dev.streamstorm.engine.Run;
import dev.streamstorm.engine.RunOutcome;
import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.Redactor;
import dev.streamstorm.metrics.Tag;
import dev.streamstorm.metrics.results.ErrorSampleResult;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.metrics.results.Summary;
import dev.streamstorm.scenario.ConversationSpec;
import dev.streamstorm.scenario.LoadSpec;
import dev.streamstorm.scenario.Scenario;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Sends the first message of a conversation through the real engine: one short run per
 * conversation, with one user, one iteration, and the scenario's conversations replaced by that one
 * conversation cut to its first turn, traced in memory. Every message of {@code try} goes through
 * the same code as a load test's (session set-up, request templates, clients, decoder, interpreter,
 * token counts), so what it shows is what a run would measure. One run per conversation rather than
 * an engine option to take conversations in order: the engine picks conversations by weight at
 * random, and a run of one conversation needs no change to it.
 *
 * <p>For each run the scenario also loses its retry policy (a retried message would mix two
 * responses into one timeline: {@code try} shows what one request got), its thresholds (the verdict
 * is {@code try}'s own, and an abortOnFail rule would cut the message) and its warm-up. The run
 * ends when the message has, at the latest {@link #SLACK} past the scenario's connect and message
 * timeouts (a session call that never answers), or as soon as the session set-up fails (the engine
 * would retry it every second).
 */
public final class TrialRunner {
  /** Beyond the connect and message timeouts: room for the session set-up. */
  static final Duration SLACK = Duration.ofSeconds(10);

  /** Intervals of a tried run: only a failed session set-up is watched for. */
  private static final Duration INTERVAL = Duration.ofMillis(200);

  static final String SESSION_FAILED = "session set-up failed";

  private final Vertx vertx;
  private final Scenario scenario;
  private final URI target;
  private final Function<String, String> env;
  private final Redactor redactor;

  /**
   * @param vertx shared by the runs (one event loop is enough for one user)
   * @param target the scenario's URL, or the embedded server's
   */
  public TrialRunner(
      Vertx vertx, Scenario scenario, URI target, Function<String, String> env, Redactor redactor) {
    this.vertx = vertx;
    this.scenario = scenario;
    this.target = target;
    this.env = env;
    this.redactor = redactor;
  }

  /** Sends the first message of {@code conversation} and returns what it saw. */
  public TrialMessage send(ConversationSpec conversation) throws Exception {
    Scenario one = oneMessage(scenario, conversation);
    Capture capture = new Capture();
    Run run =
        Run.start(
            vertx,
            one,
            target,
            new Run.Config(1, INTERVAL, env, List.of(), capture).withTrace(capture, 1));
    run.addListener(
        (interval, status) -> {
          if (interval.counter(Tag.ALL, Counter.SESSIONS_FAILED) > 0) {
            run.stop(SESSION_FAILED);
          }
        });
    RunOutcome outcome;
    try {
      outcome = run.completion().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
    RunResults results = ResultsFactory.build(one, target, outcome, "try");
    return new TrialMessage(
        conversation,
        capture.seen(),
        capture.outcome(),
        one.session().isPresent() ? session(results) : null,
        millis(results, "connect"),
        outcome.endReason());
  }

  /** {@code s} with one user sending the first turn of {@code c}, once. */
  static Scenario oneMessage(Scenario s, ConversationSpec c) {
    Duration cap = s.timeouts().connect().plus(s.timeouts().message()).plus(SLACK);
    LoadSpec.Limits limits =
        new LoadSpec.Limits(
            Optional.of(cap),
            Optional.of(1L),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Duration.ZERO);
    return s.toBuilder()
        .load(new LoadSpec.Closed(1, List.of(), s.timeouts().message(), limits))
        .conversations(List.of(new ConversationSpec(c.name(), 1, List.of(c.turns().get(0)))))
        .retry(Optional.empty())
        .thresholds(List.of())
        .build();
  }

  private TrialMessage.Session session(RunResults results) {
    Double ok = millis(results, "session");
    if (ok != null) {
      return new TrialMessage.Session(ok, null);
    }
    String failure =
        results.errorSamples() == null
            ? null
            : results.errorSamples().stream()
                .filter(e -> e.errorClass().startsWith("session"))
                .map(ErrorSampleResult::message)
                .findFirst()
                .orElse(null);
    return new TrialMessage.Session(
        0, redactor.redact(failure != null ? failure : "it did not complete"));
  }

  private static Double millis(RunResults results, String metric) {
    Summary s = results.metrics() == null ? null : results.metrics().get(metric);
    return s == null || s.count() == 0 ? null : s.max();
  }
}
