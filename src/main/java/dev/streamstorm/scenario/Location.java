package dev.streamstorm.scenario;

/** Where a value is found in a response: a JSON Pointer into its data, or a response header. */
public sealed interface Location permits Location.Json, Location.Header {

  /** In the JSON data (an SSE event's, or a whole JSON body). */
  record Json(String pointer) implements Location {}

  /** In the response headers, named case-insensitively. */
  record Header(String name) implements Location {}
}
