package dev.streamstorm.benchserver.http;

import io.vertx.core.json.JsonObject;

/** Error bodies in the shape each API family uses. */
enum ErrorStyle {
  /** OpenAI: {@code {"error":{"message":..,"type":..,"code":..}}}. */
  OPENAI {
    @Override
    JsonObject body(ErrorKind kind, String message) {
      return new JsonObject()
          .put(
              "error",
              new JsonObject()
                  .put("message", message)
                  .put("type", kind.type)
                  .put("code", kind.code));
    }
  },
  /** Anthropic: {@code {"type":"error","error":{"type":..,"message":..}}}. */
  ANTHROPIC {
    @Override
    JsonObject body(ErrorKind kind, String message) {
      return new JsonObject()
          .put("type", "error")
          .put("error", new JsonObject().put("type", kind.anthropicType).put("message", message));
    }
  },
  /** Google (Gemini): {@code {"error":{"code":429,"message":..,"status":"RESOURCE_EXHAUSTED"}}}. */
  GOOGLE {
    @Override
    JsonObject body(ErrorKind kind, String message) {
      return new JsonObject()
          .put(
              "error",
              new JsonObject()
                  .put("code", kind.status)
                  .put("message", message)
                  .put("status", kind.googleStatus));
    }
  },
  /** The session API and everything else: {@code {"error":{"type":..,"message":..}}}. */
  PLAIN {
    @Override
    JsonObject body(ErrorKind kind, String message) {
      return new JsonObject()
          .put("error", new JsonObject().put("type", kind.type).put("message", message));
    }
  };

  abstract JsonObject body(ErrorKind kind, String message);
}
