package dev.streamstorm.protocol.stream;

/**
 * What a {@link StreamInterpreter} finds in one event or frame. Callbacks for one event come in
 * this order: reasoning, answer token, tool call, usage, stream error, done; or only {@link
 * #onMalformed}. Each callback that marks a moment carries {@code arrivalNs}, the {@code
 * System.nanoTime()} at which the bytes holding the event arrived, taken before any parsing. Called
 * on the thread that handed the event over; a sink must not feed an interpreter from a callback.
 */
public interface StreamSink {

  /** No per-message values (a spec whose rules have no placeholders). */
  String[] NO_VALUES = new String[0];

  /**
   * One answer token (a chunk with non-empty text). The array is reused: valid only during this
   * call.
   */
  void onToken(char[] text, int offset, int length, long arrivalNs);

  /** One reasoning token (non-empty text of the reasoning channel); the array is reused. */
  default void onReasoning(char[] text, int offset, int length, long arrivalNs) {}

  /** A tool call started (the spec's {@code toolCall.start} matched). */
  default void onToolCall(long arrivalNs) {}

  /**
   * A number the server reported, by slot of the interpreter: {@link
   * StreamInterpreter#TOKEN_COUNT}, {@link StreamInterpreter#REASONING_COUNT}, {@link
   * StreamInterpreter#INPUT_COUNT}, then the usage names from {@link StreamInterpreter#USAGE_BASE}.
   */
  void onUsage(int slot, double value);

  /** The spec's done rule matched: the message is complete. */
  void onDone(long arrivalNs);

  /** The spec's error rule matched: the server reported an error in the stream. */
  void onStreamError(String message, long arrivalNs);

  /** The data should have been JSON but is not; {@code reason} is short and human-readable. */
  void onMalformed(String reason, long arrivalNs);

  /**
   * This message's values of the spec's per-message rule values (its {@code equals} templates,
   * rendered when the message was sent), by slot; see {@link StreamInterpreter#renderMatchValues}.
   */
  default String[] matchValues() {
    return NO_VALUES;
  }
}
