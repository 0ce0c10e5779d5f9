package dev.streamstorm.protocol.stream;

import java.util.ArrayList;
import java.util.List;

/** Writes every callback down as a short line, for assertions on content and order. */
class RecordingSink implements StreamSink {

  final List<String> calls = new ArrayList<>();

  @Override
  public void onToken(char[] text, int offset, int length) {
    calls.add("token:" + new String(text, offset, length));
  }

  @Override
  public void onTokenCount(long serverReportedTokens) {
    calls.add("count:" + serverReportedTokens);
  }

  @Override
  public void onUsage(String name, double value) {
    calls.add("usage:" + name + "=" + value);
  }

  @Override
  public void onDone() {
    calls.add("done");
  }

  @Override
  public void onStreamError(String message) {
    calls.add("error:" + message);
  }

  @Override
  public void onMalformed(String reason) {
    calls.add("malformed:" + reason);
  }

  static List<String> tokens(List<String> values) {
    return values.stream().map(v -> "token:" + v).toList();
  }
}
