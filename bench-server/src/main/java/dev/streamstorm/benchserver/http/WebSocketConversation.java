package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Overrides;
import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.model.PlanRequest;
import dev.streamstorm.benchserver.model.ToolIntent;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * One WebSocket connection: several messages, one at a time, against one session (a registered one
 * on {@code /api/sessions/{id}/ws}, a private one on {@code /ws}). Confined to its event loop.
 */
final class WebSocketConversation extends OneAtATimeSocket {

  private final Session session;
  private final String endpoint;
  private final String idPrefix;
  private int messages;

  WebSocketConversation(
      Dispatcher dispatcher,
      ServerWebSocket ws,
      HttpConnection connection,
      Session session,
      String endpoint,
      String clientRequestId) {
    super(dispatcher, ws, connection);
    this.session = session;
    this.endpoint = endpoint;
    this.idPrefix =
        clientRequestId == null || clientRequestId.isBlank()
            ? dispatcher.state().nextUnplannedId("ws-")
            : clientRequestId;
  }

  Session session() {
    return session;
  }

  void sendError(ErrorKind kind, String message, long retryAfterSeconds) {
    send(WebSocketSink.errorFrame(kind, message, retryAfterSeconds).encode());
  }

  @Override
  protected void onText(String text) {
    long acceptedNs = System.nanoTime();
    long epochMs = System.currentTimeMillis();
    ServerState state = dispatcher.state();
    JsonObject frame;
    String content;
    Overrides overrides;
    try {
      frame = new JsonObject(text);
      if (!"message".equals(frame.getValue("type"))) {
        throw new BadRequest("frame field 'type' must be \"message\"");
      }
      if (!(frame.getValue("content") instanceof String c)) {
        throw new BadRequest("missing required field 'content' (a string)");
      }
      content = c;
      overrides =
          Overrides.from(k -> frame.containsKey(k) ? String.valueOf(frame.getValue(k)) : null);
    } catch (DecodeException e) {
      rejectEarly(acceptedNs, epochMs, ErrorKind.BAD_REQUEST, "invalid JSON frame");
      return;
    } catch (BadRequest | IllegalArgumentException e) {
      rejectEarly(acceptedNs, epochMs, ErrorKind.BAD_REQUEST, e.getMessage());
      return;
    }
    if (busy()) {
      rejectEarly(
          acceptedNs,
          epochMs,
          ErrorKind.BUSY,
          "a message is still streaming on this connection; send the next one after done");
      return;
    }
    messageStarts();
    long seq = state.nextSequence();
    String id = nextMessageId();
    if (frame.getValue("request_id") instanceof String given && !given.isBlank()) {
      id = given;
    }
    RequestInfo info = new RequestInfo(id, endpoint, seq, acceptedNs, epochMs);
    Plan plan =
        state
            .plans()
            .plan(
                state.random(seq),
                new PlanRequest(session.messageCount(), 0, ToolIntent.detect(content), overrides));
    WebSocketSink sink = new WebSocketSink(this, plan, content);
    dispatcher.dispatch(dispatcher.exchange(info, plan, sink));
  }

  /**
   * Message ids: the upgrade request's X-Request-Id (or a "ws-N" connection id), "-1", "-2"...; a
   * frame's own {@code request_id} replaces it.
   */
  private String nextMessageId() {
    return idPrefix + "-" + (++messages);
  }

  private void rejectEarly(long acceptedNs, long epochMs, ErrorKind kind, String message) {
    Dispatcher.recordEarly(
        dispatcher.state(),
        new RequestInfo(nextMessageId(), endpoint, 0, acceptedNs, epochMs),
        kind);
    sendError(kind, message, 0);
  }
}
