package dev.streamstorm.scenario;

import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request: a message (SSE) or the session set-up call.
 *
 * @param method HTTP method, upper case
 * @param path path and query appended to the target URL; a template
 * @param headers extra headers for this request only; values are templates
 * @param body JSON body template; empty for none
 * @param history how the body carries the conversation so far, when the preset adds it (the chat
 *     presets, unless the scenario's body writes that key itself)
 */
public record RequestSpec(
    String method,
    Template path,
    Map<String, Template> headers,
    Optional<JsonTemplate> body,
    Optional<HistoryFormat> history) {

  /** A request that carries no history (a session call). */
  public RequestSpec(
      String method, Template path, Map<String, Template> headers, Optional<JsonTemplate> body) {
    this(method, path, headers, body, Optional.empty());
  }
}
