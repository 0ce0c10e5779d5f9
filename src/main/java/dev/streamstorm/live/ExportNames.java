package dev.streamstorm.live;

import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names and labels of every exported series, shared by the Prometheus and OpenTelemetry exporters
 * so that both say the same thing. Derived from {@link dev.streamstorm.metrics.Metric}, {@link
 * Counter} and {@link ErrorClass} rather than listed, so that a metric, counter or error class
 * added to the run appears in both exporters without a change here (docs/metrics.md lists the
 * names).
 */
public final class ExportNames {
  public static final String CONVERSATION = "conversation";
  public static final String TURN = "turn";
  public static final String OUTCOME = "outcome";
  public static final String ERROR_CLASS = "error_class";

  private ExportNames() {}

  /** The family of a histogram metric, by its id and whether it is a time. */
  public static Family histogram(String metricId, boolean time) {
    return time
        ? new Family(metricId, Family.Unit.SECONDS, metricId + " of each message (docs/metrics.md)")
        : new Family(metricId, Family.Unit.PER_MESSAGE, metricId + " of each message");
  }

  /**
   * A counter's family and the one label it adds beyond the slice's (null when none).
   *
   * @param labelName outcome or error_class, or null
   */
  public record CounterName(Family family, String labelName, String labelValue) {}

  public static CounterName counter(int index) {
    if (index >= Counter.RETRIED_ERROR_BASE) {
      ErrorClass c = ErrorClass.values()[index - Counter.RETRIED_ERROR_BASE];
      return new CounterName(
          new Family(
              "retried_errors",
              Family.Unit.NONE,
              "Failed attempts that a retry then replaced, by error class"),
          ERROR_CLASS,
          c.id());
    }
    if (index >= Counter.ERROR_BASE) {
      ErrorClass c = ErrorClass.values()[index - Counter.ERROR_BASE];
      return new CounterName(
          new Family("errors", Family.Unit.NONE, "Failed messages by error class"),
          ERROR_CLASS,
          c.id());
    }
    Counter c = Counter.values()[index];
    Family messages = new Family("messages", Family.Unit.NONE, "Messages that ended, by outcome");
    Family sessions = new Family("sessions", Family.Unit.NONE, "Session set-up calls, by outcome");
    return switch (c) {
      case OK -> new CounterName(messages, OUTCOME, "ok");
      case FAILED -> new CounterName(messages, OUTCOME, "failed");
      case INTERRUPTED -> new CounterName(messages, OUTCOME, "interrupted");
      case TOKENS ->
          new CounterName(
              new Family("output_tokens", Family.Unit.NONE, "Output tokens of successful messages"),
              null,
              null);
      case GOOD ->
          new CounterName(
              new Family("good_messages", Family.Unit.NONE, "Successful messages within every SLO"),
              null,
              null);
      case RETRIED ->
          new CounterName(
              new Family(
                  "retried_messages", Family.Unit.NONE, "Messages that needed at least one retry"),
              null,
              null);
      case SESSIONS_OK -> new CounterName(sessions, OUTCOME, "ok");
      case SESSIONS_FAILED -> new CounterName(sessions, OUTCOME, "failed");
      default ->
          new CounterName(
              new Family(
                  c.name().toLowerCase(Locale.ROOT),
                  Family.Unit.NONE,
                  c.name().toLowerCase(Locale.ROOT).replace('_', ' ')),
              null,
              null);
    };
  }

  /** The slice's labels as name, value pairs: conversation and turn where the slice has them. */
  public static List<String> sliceLabels(Tag tag) {
    List<String> kv = new ArrayList<>(4);
    if (!tag.isAll()) {
      kv.add(CONVERSATION);
      kv.add(tag.conversation());
      if (tag.isTurn()) {
        kv.add(TURN);
        kv.add(Integer.toString(tag.turn()));
      }
    }
    return kv;
  }

  // Gauges and run-level series.
  public static final Family USERS =
      new Family(
          "users",
          Family.Unit.NONE,
          "Virtual users alive (closed model) or conversations in flight (open model)");
  public static final Family IN_FLIGHT =
      new Family("messages_in_flight", Family.Unit.NONE, "Messages streaming right now");
  public static final Family TARGET_RATE =
      new Family(
          "target_arrivals_per_second",
          Family.Unit.NONE,
          "Arrivals per second the schedule asks for (open model)");
  public static final Family ARRIVALS =
      new Family("arrivals", Family.Unit.NONE, "Arrivals started (open model)");
  public static final Family ARRIVALS_DROPPED =
      new Family("arrivals_dropped", Family.Unit.NONE, "Arrivals refused by maxInFlight");
  public static final Family STAGE =
      new Family("stage", Family.Unit.NONE, "The load's current stage, from 1");
  public static final Family CPU =
      new Family(
          "generator_cpu",
          Family.Unit.RATIO,
          "The generator process's CPU over the last interval, 1 = every core busy");
  public static final Family LOOP_CPU =
      new Family(
          "generator_busiest_loop_cpu",
          Family.Unit.RATIO,
          "The busiest event loop's CPU over the last interval, 1 = one core busy");
  public static final Family ELAPSED =
      new Family("run_elapsed", Family.Unit.SECONDS, "Time since the load started");
  public static final Family THRESHOLD =
      new Family(
          "threshold_passing",
          Family.Unit.NONE,
          "1 while a threshold holds on the run so far, 0 while it fails");
  public static final Family AGENTS_HEALTHY =
      new Family(
          "agents_healthy", Family.Unit.NONE, "Agents of a distributed run reporting in time");
  public static final Family RUN =
      new Family("run", Family.Unit.NONE, "The run: test, scenario file, run id, target");
}
