package dev.streamstorm.benchserver.http;

import java.util.regex.Pattern;

/**
 * The route templates /stats counts requests by. Requests refused before routing (the gateway's
 * 429) are named by matching their path here, so that unknown paths share one name and cannot grow
 * the counters without bound.
 */
final class Endpoints {

  static final String CHAT = "/v1/chat/completions";
  static final String MESSAGES = "/v1/messages";
  static final String RESPONSES = "/v1/responses";
  static final String GEMINI = "/v1beta/models/{model}:streamGenerateContent";
  static final String TEXT = "/v1/text";
  static final String VERCEL = "/api/chat";
  static final String A2A = "/a2a";
  static final String REALTIME = "/v1/realtime";
  static final String SESSIONS = "/api/sessions";
  static final String SESSION = "/api/sessions/{id}";
  static final String SESSION_MESSAGES = "/api/sessions/{id}/messages";
  static final String SESSION_WS = "/api/sessions/{id}/ws";
  static final String WS = "/ws";

  /** What requests to no route are counted as. */
  static final String NO_ROUTE = "(no route)";

  private static final Pattern GEMINI_PATH =
      Pattern.compile("/v1beta/models/[^/]+:streamGenerateContent");
  private static final Pattern SESSION_PATH = Pattern.compile("/api/sessions/[^/]+");
  private static final Pattern SESSION_MESSAGES_PATH =
      Pattern.compile("/api/sessions/[^/]+/messages");
  private static final Pattern SESSION_WS_PATH = Pattern.compile("/api/sessions/[^/]+/ws");

  private Endpoints() {}

  static String templateOf(String path) {
    return switch (path) {
      case CHAT, MESSAGES, RESPONSES, TEXT, VERCEL, A2A, REALTIME, SESSIONS, WS -> path;
      default -> {
        if (GEMINI_PATH.matcher(path).matches()) {
          yield GEMINI;
        }
        if (SESSION_MESSAGES_PATH.matcher(path).matches()) {
          yield SESSION_MESSAGES;
        }
        if (SESSION_WS_PATH.matcher(path).matches()) {
          yield SESSION_WS;
        }
        if (SESSION_PATH.matcher(path).matches()) {
          yield SESSION;
        }
        yield NO_ROUTE;
      }
    };
  }
}
