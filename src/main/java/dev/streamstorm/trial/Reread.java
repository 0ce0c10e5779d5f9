package dev.streamstorm.trial;

import dev.streamstorm.protocol.sse.SseDecoder;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.protocol.stream.StreamSink;
import dev.streamstorm.scenario.Protocol;
import dev.streamstorm.scenario.StreamSpec;
import dev.streamstorm.scenario.TemplateContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a spec's rules make of recorded events, read again offline through the real decoder and
 * interpreter: how many events carried answer or reasoning text, tool calls started, whether the
 * done rule matched, events it could not parse or took for errors, and events that carried a
 * number. SSE events are rebuilt as an event stream from their type and data, which is all the
 * rules look at; frames are read as they are.
 *
 * <p>There is no message to render a rule's per-message placeholders for ({@code a2a}'s JSON-RPC
 * id): offline such a value matches nothing a server sends.
 *
 * @param tokens events with answer text
 * @param reasoning events with reasoning text
 * @param toolCalls tool calls started
 * @param done whether the done rule matched
 * @param malformed events that should have been JSON and were not
 * @param errors events the error rule matched
 * @param usageEvents events that carried at least one number the spec reads
 */
record Reread(
    int tokens,
    int reasoning,
    int toolCalls,
    boolean done,
    int malformed,
    int errors,
    int usageEvents) {

  static Reread of(StreamSpec spec, Protocol protocol, List<EventData> events) {
    StreamInterpreter interpreter = StreamInterpreter.compile(spec);
    Counting sink = new Counting(interpreter.renderMatchValues(UNKNOWN_MESSAGE));
    if (protocol == Protocol.WEBSOCKET) {
      for (EventData e : events) {
        sink.next();
        interpreter.onTextFrame(e.data(), 0L, sink);
      }
    } else {
      SseDecoder decoder =
          new SseDecoder(
              event -> {
                sink.next();
                interpreter.onSseEvent(event, 0L, sink);
              });
      for (EventData e : events) {
        byte[] bytes = asEventStream(e).getBytes(StandardCharsets.UTF_8);
        decoder.feed(bytes, 0, bytes.length);
      }
      decoder.end();
    }
    return new Reread(
        sink.tokens,
        sink.reasoning,
        sink.toolCalls,
        sink.done,
        sink.malformed,
        sink.errors,
        sink.usageEvents);
  }

  /** The event as the wire had it, as far as rules can tell: its type and its data lines. */
  private static String asEventStream(EventData e) {
    StringBuilder s = new StringBuilder(e.data().length() + 32);
    s.append("event: ").append(e.type() == null ? "message" : e.type()).append('\n');
    for (String line : e.data().split("\n", -1)) {
      s.append("data: ").append(line).append('\n');
    }
    return s.append('\n').toString();
  }

  /** Renders per-message placeholders to values no server sends back. */
  private static final TemplateContext UNKNOWN_MESSAGE =
      new TemplateContext() {
        @Override
        public String variable(String name) {
          return "\u0000" + name;
        }

        @Override
        public String env(String name) {
          return "";
        }

        @Override
        public String uuid() {
          return "\u0000uuid";
        }

        @Override
        public long randomInt(long min, long max) {
          return min;
        }
      };

  /** Counts what the rules find. */
  private static final class Counting implements StreamSink {
    private final String[] values;
    int tokens;
    int reasoning;
    int toolCalls;
    int malformed;
    int errors;
    int usageEvents;
    boolean done;
    private boolean usageInEvent;

    Counting(String[] values) {
      this.values = values;
    }

    /** The next event begins. */
    void next() {
      usageInEvent = false;
    }

    @Override
    public void onToken(char[] text, int offset, int length, long arrivalNs) {
      tokens++;
    }

    @Override
    public void onReasoning(char[] text, int offset, int length, long arrivalNs) {
      reasoning++;
    }

    @Override
    public void onToolCall(long arrivalNs) {
      toolCalls++;
    }

    @Override
    public void onUsage(int slot, double value) {
      if (!usageInEvent) {
        usageInEvent = true;
        usageEvents++;
      }
    }

    @Override
    public void onDone(long arrivalNs) {
      done = true;
    }

    @Override
    public void onStreamError(String message, long arrivalNs) {
      errors++;
    }

    @Override
    public void onMalformed(String reason, long arrivalNs) {
      malformed++;
    }

    @Override
    public String[] matchValues() {
      return values;
    }
  }
}
