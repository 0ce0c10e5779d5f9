package dev.streamstorm.trial;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamstorm.metrics.TraceRecord;

/**
 * A received event or frame, parsed for looking at after the run (off the hot path, so a whole
 * Jackson tree is fine here).
 *
 * @param type the SSE event type; null for a WebSocket frame, which has none
 * @param data the event's data or the frame's text, secrets masked
 * @param json the data parsed as one JSON document; null when it is not JSON
 * @param cls what the stream rules made of it during the run
 */
record EventData(String type, String data, JsonNode json, String cls) {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static EventData of(TraceRecord.Received line) {
    String data = line.data() == null ? "" : line.data();
    return new EventData(
        "event".equals(line.kind()) ? line.type() : null, data, parse(data), line.cls());
  }

  static JsonNode parse(String data) {
    if (data.isBlank()) {
      return null;
    }
    try {
      JsonNode n = MAPPER.readTree(data);
      return n == null || n.isMissingNode() ? null : n;
    } catch (JsonProcessingException notJson) {
      return null;
    }
  }

  /** "message {...}" or "frame {...}": the event as one line. */
  String describe() {
    return (type == null ? "frame" : type) + " " + Excerpt.of(data, Excerpt.DATA_CHARS);
  }
}
