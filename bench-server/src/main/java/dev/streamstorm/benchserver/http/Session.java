package dev.streamstorm.benchserver.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * A conversation's history. Thread-safe: a session may be used from several connections (and so
 * event loops) at once. Keeps the newest {@link #KEPT_MESSAGES} messages' text; the count (which
 * feeds the history cost) covers all.
 */
final class Session {

  static final int KEPT_MESSAGES = 200;

  private final String id;
  private final String userId;
  private final Instant createdAt;
  private final ArrayDeque<JsonObject> kept = new ArrayDeque<>();
  private int messageCount;

  Session(String id, String userId, Instant createdAt) {
    this.id = id;
    this.userId = userId;
    this.createdAt = createdAt;
  }

  String id() {
    return id;
  }

  Instant createdAt() {
    return createdAt;
  }

  synchronized int messageCount() {
    return messageCount;
  }

  synchronized void add(String role, String content) {
    messageCount++;
    if (kept.size() == KEPT_MESSAGES) {
      kept.removeFirst();
    }
    kept.addLast(
        new JsonObject()
            .put("role", role)
            .put("content", content)
            .put("at", Instant.now().toString()));
  }

  synchronized JsonObject toJson() {
    JsonArray messages = new JsonArray();
    kept.forEach(m -> messages.add(m.copy()));
    return new JsonObject()
        .put("session_id", id)
        .put("user_id", userId)
        .put("created_at", createdAt.toString())
        .put("message_count", messageCount)
        .put("messages", messages);
  }
}
