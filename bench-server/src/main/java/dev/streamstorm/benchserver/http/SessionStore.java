package dev.streamstorm.benchserver.http;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Every session created since the server started (kept until it stops). */
final class SessionStore {

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  Session create(String userId) {
    String id = "sess_" + UUID.randomUUID().toString().replace("-", "");
    Session s = new Session(id, userId, Instant.now());
    sessions.put(id, s);
    return s;
  }

  /** The session, or null. */
  Session get(String id) {
    return sessions.get(id);
  }
}
