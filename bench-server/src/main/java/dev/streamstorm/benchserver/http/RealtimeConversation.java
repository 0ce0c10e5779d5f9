package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Overrides;
import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.model.PlanRequest;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One OpenAI Realtime connection ({@code GET /v1/realtime}, text modality): {@code session.created}
 * on connect; {@code conversation.item.create} is answered with {@code conversation.item.created};
 * {@code response.create} (optionally with {@code response.input} items) streams one response, one
 * at a time ({@link RealtimeSink}); {@code session.update} is answered with {@code
 * session.updated}. Per-response overrides ({@code ttft_ms}, {@code tokens}, {@code fault}, ...)
 * are fields of the response.create frame. Confined to its event loop.
 */
final class RealtimeConversation extends OneAtATimeSocket {

  private final String model;
  private final String sessionId;
  private final String idPrefix;
  private final Session history;
  private long eventNumber;
  private int items;
  private int responses;
  private int conversationWords;
  private String lastItemId;

  RealtimeConversation(
      Dispatcher dispatcher,
      ServerWebSocket ws,
      HttpConnection connection,
      String model,
      String clientRequestId) {
    super(dispatcher, ws, connection);
    this.model = model;
    String connectionId = dispatcher.state().nextUnplannedId("");
    this.sessionId = "sess_bench" + connectionId;
    this.idPrefix =
        clientRequestId == null || clientRequestId.isBlank()
            ? "rt-" + connectionId
            : clientRequestId;
    this.history = new Session(sessionId, null, Instant.now());
  }

  @Override
  void start() {
    super.start();
    send(event("session.created").put("session", session()).encode());
  }

  /** The next {@code event_id} number of this connection. */
  long nextEventNumber() {
    return ++eventNumber;
  }

  JsonObject event(String type) {
    return new JsonObject().put("type", type).put("event_id", "event_" + nextEventNumber());
  }

  Session history() {
    return history;
  }

  String lastItemId() {
    return lastItemId;
  }

  @Override
  protected void onText(String text) {
    long acceptedNs = System.nanoTime();
    long epochMs = System.currentTimeMillis();
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException e) {
      sendError("invalid_request_error", "invalid_json", "the event is not valid JSON", null);
      return;
    }
    Object clientEventId = frame.getValue("event_id");
    switch (String.valueOf(frame.getValue("type"))) {
      case "session.update" -> send(event("session.updated").put("session", session()).encode());
      case "conversation.item.create" -> createItem(frame, clientEventId);
      case "response.create" -> createResponse(frame, clientEventId, acceptedNs, epochMs);
      default ->
          sendError(
              "invalid_request_error",
              "unknown_event",
              "bench-server's realtime endpoint takes session.update, conversation.item.create and"
                  + " response.create, not "
                  + frame.getValue("type"),
              clientEventId);
    }
  }

  private void createItem(JsonObject frame, Object clientEventId) {
    if (!(frame.getValue("item") instanceof JsonObject item)) {
      sendError(
          "invalid_request_error", "missing_item", "missing required field 'item'", clientEventId);
      return;
    }
    String id = "item_bench" + (++items);
    JsonObject created =
        item.copy().put("id", id).put("object", "realtime.item").put("status", "completed");
    conversationWords += Requests.countWords(item.getValue("content"));
    history.add(String.valueOf(item.getValue("role")), String.valueOf(item.getValue("content")));
    send(
        event("conversation.item.created")
            .put("previous_item_id", lastItemId)
            .put("item", created)
            .encode());
    lastItemId = id;
  }

  private void createResponse(
      JsonObject frame, Object clientEventId, long acceptedNs, long epochMs) {
    ServerState state = dispatcher.state();
    JsonObject options = frame.getValue("response") instanceof JsonObject r ? r : new JsonObject();
    Overrides overrides;
    int maxTokens;
    try {
      overrides =
          Overrides.from(k -> frame.containsKey(k) ? String.valueOf(frame.getValue(k)) : null);
      maxTokens = Requests.positiveInt(options, "max_output_tokens", false);
    } catch (BadRequest | IllegalArgumentException e) {
      rejectEarly(acceptedNs, epochMs, ErrorKind.BAD_REQUEST, e.getMessage(), clientEventId);
      return;
    }
    if (busy()) {
      Dispatcher.recordEarly(
          state,
          new RequestInfo(nextId(), Endpoints.REALTIME, 0, acceptedNs, epochMs),
          ErrorKind.BUSY);
      sendError(
          "invalid_request_error",
          "conversation_already_has_active_response",
          "Conversation already has an active response in progress",
          clientEventId);
      return;
    }
    messageStarts();
    int inputTokens = conversationWords + Requests.countWords(options.getValue("input"));
    long seq = state.nextSequence();
    String id = nextId();
    if (frame.getValue("request_id") instanceof String given && !given.isBlank()) {
      id = given;
    }
    RequestInfo info = new RequestInfo(id, Endpoints.REALTIME, seq, acceptedNs, epochMs);
    Plan plan =
        state
            .plans()
            .plan(
                state.random(seq),
                new PlanRequest(history.messageCount(), maxTokens, null, overrides));
    RealtimeSink sink = new RealtimeSink(this, "resp_bench" + seq, inputTokens, plan);
    dispatcher.dispatch(dispatcher.exchange(info, plan, sink));
  }

  private String nextId() {
    return idPrefix + "-" + (++responses);
  }

  private void rejectEarly(
      long acceptedNs, long epochMs, ErrorKind kind, String message, Object clientEventId) {
    Dispatcher.recordEarly(
        dispatcher.state(),
        new RequestInfo(nextId(), Endpoints.REALTIME, 0, acceptedNs, epochMs),
        kind);
    sendError(kind.type, kind.code, message, clientEventId);
  }

  /** The API's error event: {@code {"type":"error","error":{"type","code","message",..}}}. */
  void sendError(String type, String code, String message, Object clientEventId) {
    send(
        event("error")
            .put(
                "error",
                new JsonObject()
                    .put("type", type)
                    .put("code", code)
                    .put("message", message)
                    .put("param", null)
                    .put("event_id", clientEventId))
            .encode());
  }

  private JsonObject session() {
    return new JsonObject()
        .put("id", sessionId)
        .put("object", "realtime.session")
        .put("model", model)
        .put("modalities", new JsonArray().add("text"))
        .put("instructions", "")
        .put("tools", new JsonArray())
        .put("max_response_output_tokens", "inf");
  }
}
