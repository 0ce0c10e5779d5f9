package dev.streamstorm.benchserver.http;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every session created since the server started (kept until it stops), at most {@link
 * #MAX_SESSIONS}: clients create them, so their number is bounded like any buffer a client fills.
 */
final class SessionStore {

  static final int MAX_SESSIONS = 100_000;

  /** Longest session id a client may name (ids it names create sessions). */
  static final int MAX_ID_LENGTH = 128;

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** A new session with a generated id, or null when the store is full. */
  Session create(String userId) {
    if (sessions.size() >= MAX_SESSIONS) {
      return null;
    }
    String id = "sess_" + UUID.randomUUID().toString().replace("-", "");
    Session s = new Session(id, userId, Instant.now());
    sessions.put(id, s);
    return s;
  }

  /**
   * The session, created under the client's id on first use as agent servers commonly do, or null
   * when the store is full.
   */
  Session getOrCreate(String id) {
    Session s = sessions.get(id);
    if (s != null || sessions.size() >= MAX_SESSIONS) {
      return s;
    }
    return sessions.computeIfAbsent(id, k -> new Session(k, null, Instant.now()));
  }

  /** The session, or null. */
  Session get(String id) {
    return sessions.get(id);
  }
}
