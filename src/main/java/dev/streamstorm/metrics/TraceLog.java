package dev.streamstorm.metrics;

/**
 * Receives the lines of {@code --trace}. Called on the users' event loops: an implementation must
 * not block (hand the line to another thread).
 */
public interface TraceLog {

  void write(TraceRecord line);

  /**
   * A traced message's request went out (each attempt and reconnection; the path with secrets
   * masked). Not a line of the trace file, whose kinds are a contract; {@code streamstorm try}
   * shows it.
   */
  default void request(TraceRecord.Message message, String method, String path) {}

  /**
   * A traced message's response head: its status and Content-Type (null when none), {@code tMs}
   * from the send. Not a line of the trace file either; {@code streamstorm try} shows it.
   */
  default void head(TraceRecord.Message message, double tMs, int status, String contentType) {}

  TraceLog NONE = line -> {};
}
