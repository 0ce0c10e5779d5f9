package dev.streamstorm.benchserver.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** Server-Sent Events text. */
final class Sse {

  private Sse() {}

  static Buffer data(JsonObject json) {
    return Buffer.buffer("data: ").appendBuffer(json.toBuffer()).appendString("\n\n");
  }

  static Buffer data(String raw) {
    return Buffer.buffer("data: " + raw + "\n\n");
  }

  static Buffer event(String name, JsonObject json) {
    return Buffer.buffer("event: " + name + "\ndata: ")
        .appendBuffer(json.toBuffer())
        .appendString("\n\n");
  }

  static Buffer event(String name, String rawData) {
    return Buffer.buffer("event: " + name + "\ndata: " + rawData + "\n\n");
  }
}
