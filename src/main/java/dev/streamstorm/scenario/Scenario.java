package dev.streamstorm.scenario;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole test definition, immutable once loaded. Built by {@link ScenarioLoader} from YAML/JSON
 * and command-line overrides; the engine turns it into running state and never changes it.
 *
 * @param name shown in outputs
 * @param source the file it came from ("-" for a flag-only run), for messages
 * @param target where traffic goes
 * @param protocol transport used for messages
 * @param preset the wire format preset that supplies request and stream defaults
 * @param headers sent with every request (session set-up included); values are templates
 * @param request what one message sends (SSE); presets fill what the file leaves out
 * @param websocket what one message sends over WebSocket
 * @param stream how tokens, usage and the end of a message are found in the stream
 * @param session optional once-per-user set-up before the first message
 * @param load the load model and limits
 * @param conversations the weighted conversation mix; never empty
 * @param thinkTime pause between turns of one conversation
 * @param pacing pause between conversations of one user
 * @param data optional feeder of per-conversation variables
 * @param retry optional retry policy for failed messages
 * @param timeouts per message
 * @param connection connection reuse and reconnection policy
 * @param thresholds pass/fail rules evaluated on the results
 * @param slo per-message service level objectives used for goodput; may be empty
 * @param seed seeds every random choice of the run (weights, think times, arrivals)
 * @param embeddedServer options for the in-process bench-server when target is embedded
 */
public record Scenario(
    String name,
    String source,
    Target target,
    Protocol protocol,
    Preset preset,
    Map<String, Template> headers,
    RequestSpec request,
    WebSocketSpec websocket,
    StreamSpec stream,
    Optional<SessionSpec> session,
    LoadSpec load,
    List<ConversationSpec> conversations,
    Delay thinkTime,
    Delay pacing,
    Optional<DataSpec> data,
    Optional<RetrySpec> retry,
    Timeouts timeouts,
    ConnectionSpec connection,
    List<ThresholdSpec> thresholds,
    SloSpec slo,
    long seed,
    Map<String, Object> embeddedServer,
    double exitOnErrors) {

  /** {@code exitOnErrors} by default: only a run in which every message failed exits 1. */
  public static final double EXIT_ON_ALL_ERRORS = 1.0;

  /** {@code exitOnErrors: off}: no share of failures fails the run by itself. */
  public static final double NEVER = Double.POSITIVE_INFINITY;
}
