package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Overrides;
import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.model.PlanRequest;
import dev.streamstorm.benchserver.model.ToolIntent;
import dev.streamstorm.benchserver.stats.RequestRecord;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/** The agent-style session API: create, read, message (SSE or JSON) and WebSocket. */
final class SessionRoutes {

  static final String CREATE = "/api/sessions";
  static final String GET = "/api/sessions/{id}";
  static final String MESSAGES = "/api/sessions/{id}/messages";
  static final String SESSION_WS = "/api/sessions/{id}/ws";
  static final String WS = "/ws";

  private static final String[] USER_TEXT_FIELDS = {"content", "message", "text", "input"};

  private final Dispatcher dispatcher;
  private final ServerState state;

  SessionRoutes(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
    this.state = dispatcher.state();
  }

  void create(RoutingContext ctx) {
    RequestInfo info = unplanned(ctx, CREATE);
    JsonObject body;
    try {
      body = Requests.jsonBody(ctx, false);
      Requests.string(body, "user_id", null);
    } catch (BadRequest e) {
      fail(ctx, info, ErrorKind.BAD_REQUEST, e.getMessage());
      return;
    }
    Session s = state.sessions().create(body.getString("user_id"));
    if (s == null) {
      fail(ctx, info, ErrorKind.OVERLOADED, storeFull());
      return;
    }
    recordOk(info, 201);
    HttpReplies.json(
        ctx.response(),
        201,
        new JsonObject().put("session_id", s.id()).put("created_at", s.createdAt().toString()));
  }

  void get(RoutingContext ctx) {
    RequestInfo info = unplanned(ctx, GET);
    Session s = session(ctx, info);
    if (s != null) {
      recordOk(info, 200);
      HttpReplies.json(ctx.response(), 200, s.toJson());
    }
  }

  /**
   * A message to a session. An id never seen creates the session (agent servers commonly create one
   * on first use); only GET of an unknown id is a 404.
   */
  void message(RoutingContext ctx) {
    long acceptedNs = System.nanoTime();
    long epochMs = System.currentTimeMillis();
    String id = ctx.pathParam("id");
    Session session;
    String content;
    PlanRequest request;
    try {
      if (id.length() > SessionStore.MAX_ID_LENGTH) {
        throw new BadRequest(
            "session id longer than " + SessionStore.MAX_ID_LENGTH + " characters");
      }
      JsonObject body = Requests.jsonBody(ctx, true);
      content = userText(body);
      Overrides overrides = Requests.overrides(ctx);
      session = state.sessions().getOrCreate(id);
      if (session == null) {
        fail(
            ctx,
            Requests.info(ctx, state, MESSAGES, 0, acceptedNs, epochMs),
            ErrorKind.OVERLOADED,
            storeFull());
        return;
      }
      request = new PlanRequest(session.messageCount(), 0, ToolIntent.detect(content), overrides);
    } catch (BadRequest e) {
      fail(
          ctx,
          Requests.info(ctx, state, MESSAGES, 0, acceptedNs, epochMs),
          ErrorKind.BAD_REQUEST,
          e.getMessage());
      return;
    }
    long seq = state.nextSequence();
    RequestInfo info = Requests.info(ctx, state, MESSAGES, seq, acceptedNs, epochMs);
    Plan plan = state.plans().plan(state.random(seq), request);
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    Sink sink =
        accept != null && accept.contains("text/event-stream")
            ? new SessionSseSink(ctx, plan, session, content)
            : new SessionJsonSink(ctx, plan, session, content);
    dispatcher.dispatch(dispatcher.exchange(info, plan, sink));
  }

  /** {@code /ws} (a private conversation) and {@code /api/sessions/{id}/ws}. */
  void webSocket(RoutingContext ctx) {
    boolean perSession = ctx.pathParam("id") != null;
    String endpoint = perSession ? SESSION_WS : WS;
    Session session;
    if (perSession) {
      session = session(ctx, unplanned(ctx, endpoint));
      if (session == null) {
        return;
      }
    } else {
      session = new Session("ws", null, Instant.now());
    }
    String clientId = ctx.request().getHeader(Requests.REQUEST_ID);
    HttpConnection connection = ctx.request().connection();
    ctx.request()
        .toWebSocket()
        .onSuccess(
            ws ->
                new WebSocketConversation(dispatcher, ws, connection, session, endpoint, clientId)
                    .start())
        .onFailure(
            e ->
                fail(
                    ctx,
                    unplanned(ctx, endpoint),
                    ErrorKind.BAD_REQUEST,
                    "expected a WebSocket upgrade: " + e.getMessage()));
  }

  /**
   * The user's text: {@code content}, or the {@code message}, {@code text} or {@code input} field.
   */
  private static String userText(JsonObject body) {
    for (String field : USER_TEXT_FIELDS) {
      Object v = body.getValue(field);
      if (v != null) {
        if (v instanceof String text) {
          return text;
        }
        throw new BadRequest("field '" + field + "' must be a string, got " + v);
      }
    }
    throw new BadRequest("missing required field 'content' (a string)");
  }

  private static String storeFull() {
    return "session store full: " + SessionStore.MAX_SESSIONS + " sessions";
  }

  private RequestInfo unplanned(RoutingContext ctx, String endpoint) {
    return Requests.info(ctx, state, endpoint, 0, System.nanoTime(), System.currentTimeMillis());
  }

  private Session session(RoutingContext ctx, RequestInfo info) {
    String id = ctx.pathParam("id");
    Session s = state.sessions().get(id);
    if (s == null) {
      fail(ctx, info, ErrorKind.NOT_FOUND, "unknown session " + id);
    }
    return s;
  }

  private void fail(RoutingContext ctx, RequestInfo info, ErrorKind kind, String message) {
    Dispatcher.recordEarly(state, info, kind);
    HttpReplies.error(ctx.response(), ErrorStyle.PLAIN, kind, message, 0);
  }

  private void recordOk(RequestInfo info, int status) {
    state
        .collector()
        .record(
            RequestRecord.unstreamed(
                info.requestId(),
                info.endpoint(),
                status,
                "ok",
                info.startEpochMs(),
                info.acceptedNs(),
                System.nanoTime()));
  }
}
