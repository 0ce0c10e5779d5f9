package dev.streamstorm.bench;

import dev.streamstorm.protocol.stream.StreamSink;
import org.openjdk.jmh.infra.Blackhole;

/** Hands everything an interpreter finds to a Blackhole, so that nothing is optimised away. */
final class BlackholeSink implements StreamSink {

  private final Blackhole blackhole;

  BlackholeSink(Blackhole blackhole) {
    this.blackhole = blackhole;
  }

  @Override
  public void onToken(char[] text, int offset, int length, long arrivalNs) {
    blackhole.consume(text[offset]);
    blackhole.consume(length);
  }

  @Override
  public void onReasoning(char[] text, int offset, int length, long arrivalNs) {
    blackhole.consume(text[offset]);
  }

  @Override
  public void onToolCall(long arrivalNs) {
    blackhole.consume(false);
  }

  @Override
  public void onUsage(int slot, double value) {
    blackhole.consume(value);
  }

  @Override
  public void onDone(long arrivalNs) {
    blackhole.consume(true);
  }

  @Override
  public void onStreamError(String message, long arrivalNs) {
    blackhole.consume(message);
  }

  @Override
  public void onMalformed(String reason, long arrivalNs) {
    blackhole.consume(reason);
  }
}
