package dev.streamstorm.protocol.stream;

import java.util.ArrayList;
import java.util.List;

/** Writes every callback down as a short line, for assertions on content and order. */
class RecordingSink implements StreamSink {

  final List<String> calls = new ArrayList<>();
  private final String[] matchValues;

  RecordingSink() {
    this(NO_VALUES);
  }

  /** A sink for a message whose rules' placeholders rendered to {@code matchValues}. */
  RecordingSink(String... matchValues) {
    this.matchValues = matchValues;
  }

  @Override
  public void onToken(char[] text, int offset, int length, long arrivalNs) {
    calls.add("token:" + new String(text, offset, length));
  }

  @Override
  public void onReasoning(char[] text, int offset, int length, long arrivalNs) {
    calls.add("reasoning:" + new String(text, offset, length));
  }

  @Override
  public void onToolCall(long arrivalNs) {
    calls.add("tool");
  }

  @Override
  public void onUsage(int slot, double value) {
    String name =
        switch (slot) {
          case StreamInterpreter.TOKEN_COUNT -> "count";
          case StreamInterpreter.REASONING_COUNT -> "reasoningCount";
          case StreamInterpreter.INPUT_COUNT -> "inputCount";
          default -> "usage" + (slot - StreamInterpreter.USAGE_BASE);
        };
    calls.add(name + (slot < StreamInterpreter.USAGE_BASE ? ":" + (long) value : "=" + value));
  }

  @Override
  public void onDone(long arrivalNs) {
    calls.add("done");
  }

  @Override
  public void onStreamError(String message, long arrivalNs) {
    calls.add("error:" + message);
  }

  @Override
  public void onMalformed(String reason, long arrivalNs) {
    calls.add("malformed:" + reason);
  }

  @Override
  public String[] matchValues() {
    return matchValues;
  }

  static List<String> tokens(List<String> values) {
    return values.stream().map(v -> "token:" + v).toList();
  }
}
