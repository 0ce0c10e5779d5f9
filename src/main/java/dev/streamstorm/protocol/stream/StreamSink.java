package dev.streamstorm.protocol.stream;

/**
 * What a {@link StreamInterpreter} finds in one event or frame. Callbacks for one event come in
 * this order: token, token count, usage, stream error, done; or only {@link #onMalformed}. Called
 * on the thread that handed the event over; a sink must not feed an interpreter from a callback.
 */
public interface StreamSink {

  /**
   * One content token (a chunk with non-empty text). The array is reused: valid only during this
   * call.
   */
  void onToken(char[] text, int offset, int length);

  /** The server's count of output tokens, from the spec's {@code tokenCount} pointer. */
  void onTokenCount(long serverReportedTokens);

  /** A number found at one of the spec's {@code usage} pointers, under its scenario name. */
  void onUsage(String name, double value);

  /** The spec's done rule matched: the message is complete. */
  void onDone();

  /** The spec's error rule matched: the server reported an error in the stream. */
  void onStreamError(String message);

  /** The data should have been JSON but is not; {@code reason} is short and human-readable. */
  void onMalformed(String reason);
}
