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

  /** A builder holding this scenario's values, to derive a variant (an agent's share, a trial). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.source = source;
    b.target = target;
    b.protocol = protocol;
    b.preset = preset;
    b.headers = headers;
    b.request = request;
    b.websocket = websocket;
    b.stream = stream;
    b.session = session;
    b.load = load;
    b.conversations = conversations;
    b.thinkTime = thinkTime;
    b.pacing = pacing;
    b.data = data;
    b.retry = retry;
    b.timeouts = timeouts;
    b.connection = connection;
    b.thresholds = thresholds;
    b.slo = slo;
    b.seed = seed;
    b.embeddedServer = embeddedServer;
    b.exitOnErrors = exitOnErrors;
    return b;
  }

  /** Sets some of a scenario's values; {@link #build} checks nothing the loader did not. */
  public static final class Builder {
    private String name;
    private String source;
    private Target target;
    private Protocol protocol;
    private Preset preset;
    private Map<String, Template> headers;
    private RequestSpec request;
    private WebSocketSpec websocket;
    private StreamSpec stream;
    private Optional<SessionSpec> session;
    private LoadSpec load;
    private List<ConversationSpec> conversations;
    private Delay thinkTime;
    private Delay pacing;
    private Optional<DataSpec> data;
    private Optional<RetrySpec> retry;
    private Timeouts timeouts;
    private ConnectionSpec connection;
    private List<ThresholdSpec> thresholds;
    private SloSpec slo;
    private long seed;
    private Map<String, Object> embeddedServer;
    private double exitOnErrors;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder source(String source) {
      this.source = source;
      return this;
    }

    public Builder target(Target target) {
      this.target = target;
      return this;
    }

    public Builder protocol(Protocol protocol) {
      this.protocol = protocol;
      return this;
    }

    public Builder preset(Preset preset) {
      this.preset = preset;
      return this;
    }

    public Builder headers(Map<String, Template> headers) {
      this.headers = headers;
      return this;
    }

    public Builder request(RequestSpec request) {
      this.request = request;
      return this;
    }

    public Builder websocket(WebSocketSpec websocket) {
      this.websocket = websocket;
      return this;
    }

    public Builder stream(StreamSpec stream) {
      this.stream = stream;
      return this;
    }

    public Builder session(Optional<SessionSpec> session) {
      this.session = session;
      return this;
    }

    public Builder load(LoadSpec load) {
      this.load = load;
      return this;
    }

    public Builder conversations(List<ConversationSpec> conversations) {
      this.conversations = conversations;
      return this;
    }

    public Builder thinkTime(Delay thinkTime) {
      this.thinkTime = thinkTime;
      return this;
    }

    public Builder pacing(Delay pacing) {
      this.pacing = pacing;
      return this;
    }

    public Builder data(Optional<DataSpec> data) {
      this.data = data;
      return this;
    }

    public Builder retry(Optional<RetrySpec> retry) {
      this.retry = retry;
      return this;
    }

    public Builder timeouts(Timeouts timeouts) {
      this.timeouts = timeouts;
      return this;
    }

    public Builder connection(ConnectionSpec connection) {
      this.connection = connection;
      return this;
    }

    public Builder thresholds(List<ThresholdSpec> thresholds) {
      this.thresholds = thresholds;
      return this;
    }

    public Builder slo(SloSpec slo) {
      this.slo = slo;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder embeddedServer(Map<String, Object> embeddedServer) {
      this.embeddedServer = embeddedServer;
      return this;
    }

    public Builder exitOnErrors(double exitOnErrors) {
      this.exitOnErrors = exitOnErrors;
      return this;
    }

    public Scenario build() {
      return new Scenario(
          name,
          source,
          target,
          protocol,
          preset,
          headers,
          request,
          websocket,
          stream,
          session,
          load,
          conversations,
          thinkTime,
          pacing,
          data,
          retry,
          timeouts,
          connection,
          thresholds,
          slo,
          seed,
          embeddedServer,
          exitOnErrors);
    }
  }
}
