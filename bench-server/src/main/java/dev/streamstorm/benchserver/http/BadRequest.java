package dev.streamstorm.benchserver.http;

/** A request bench-server refuses with 400; the message names the offending field. */
final class BadRequest extends RuntimeException {
  BadRequest(String message) {
    super(message, null, false, false);
  }
}
