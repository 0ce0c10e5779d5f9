package dev.streamstorm.metrics;

/**
 * Receives the lines of {@code --trace}. Called on the users' event loops: an implementation must
 * not block (hand the line to another thread).
 */
public interface TraceLog {

  void write(TraceRecord line);

  TraceLog NONE = line -> {};
}
