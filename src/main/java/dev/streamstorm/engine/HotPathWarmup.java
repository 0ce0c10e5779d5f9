package dev.streamstorm.engine;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamstorm.metrics.LoopRecorder;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.metrics.Slo;
import dev.streamstorm.protocol.sse.SseDecoder;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.protocol.stream.StreamSink;
import dev.streamstorm.scenario.ConversationSpec;
import dev.streamstorm.scenario.Protocol;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.StreamSpec;
import dev.streamstorm.scenario.TemplateContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Warms the per-message code paths for the JIT: runs template rendering, the SSE decoder, the
 * stream interpreter and histogram recording {@value #ROUNDS} times on synthetic data before the
 * clock starts, off the event loops, so that they are loaded and compiled rather than interpreted
 * when the first measured messages arrive. Without it, the first second of a run spends hundreds of
 * milliseconds of event-loop time loading classes and interpreting cold code, and the first
 * messages' latencies carry that delay. {@link ClientWarmup} warms the network side.
 */
final class HotPathWarmup {
  private static final int ROUNDS = 2_000;

  private HotPathWarmup() {}

  static void run(Scenario scenario, StreamInterpreter interpreter) {
    byte[] stream = syntheticStream(scenario.stream());
    StreamSink discard = new DiscardingSink();
    for (int i = 0; i < ROUNDS; i++) {
      SseDecoder decoder = new SseDecoder(event -> interpreter.onSseEvent(event, discard));
      decoder.feed(stream, 0, stream.length);
      decoder.end();
    }
    TemplateContext ctx = FixedTemplateContext.PLAIN;
    MessageRequests requests = new MessageRequests(scenario);
    for (ConversationSpec c : scenario.conversations()) {
      for (ConversationSpec.Turn t : c.turns()) {
        String message = t.message().render(ctx);
        if (scenario.protocol() == Protocol.WEBSOCKET) {
          requests.webSocketFrame(ctx);
        } else {
          requests.message(ctx, requests.sendsHistory() ? new History() : null, message);
        }
      }
    }
    LoopRecorder recorder = new LoopRecorder(Slo.NONE, 0);
    long[] gaps = {1_000_000, 2_000_000};
    for (int i = 0; i < ROUNDS; i++) {
      recorder.record(
          new MessageOutcome(
              0, "warm-up", 1, 0, 0, 0, 1_000, 2_000, 3_000, 2, -1, null, null, 1, 0, 0, Map.of()),
          gaps,
          2);
    }
  }

  /** An SSE stream whose events have a token, the token count and the end where the spec looks. */
  static byte[] syntheticStream(StreamSpec spec) {
    StringBuilder sb = new StringBuilder();
    String event = spec.tokenWhen().flatMap(StreamSpec.Match::event).orElse(null);
    for (String doc : syntheticFrames(spec)) {
      if (doc.equals(DONE_FRAME_PLACEHOLDER)) {
        spec.done().event().ifPresent(e -> sb.append("event: ").append(e).append('\n'));
        sb.append("data: ").append(spec.done().data().orElse("{}")).append("\n\n");
        continue;
      }
      if (event != null && doc.contains("word")) {
        sb.append("event: ").append(event).append('\n');
      }
      sb.append("data: ").append(doc).append("\n\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Marks where the end of message goes in {@link #syntheticFrames}, when it is not JSON. */
  static final String DONE_FRAME_PLACEHOLDER = "<done>";

  /**
   * JSON documents (SSE data or WebSocket text frames): tokens where the spec looks for them, a
   * token count and usage, and the end of message (as JSON when the done rule is JSON, else the
   * placeholder).
   */
  static List<String> syntheticFrames(StreamSpec spec) {
    List<String> frames = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ObjectNode doc = JsonNodeFactory.instance.objectNode();
      if (spec.token() != null) {
        put(doc, spec.token(), " word");
      }
      spec.tokenWhen()
          .ifPresent(w -> w.json().ifPresent(p -> put(doc, p, w.equalsValue().orElse("x"))));
      frames.add(doc.toString());
    }
    ObjectNode last = JsonNodeFactory.instance.objectNode();
    spec.tokenCount().ifPresent(p -> put(last, p, 8));
    spec.usage().values().forEach(p -> put(last, p, 1));
    StreamSpec.Match done = spec.done();
    if (done.json().isPresent()) {
      put(last, done.json().get(), done.equalsValue().orElse("done"));
      frames.add(last.toString());
    } else {
      frames.add(last.toString());
      frames.add(DONE_FRAME_PLACEHOLDER);
    }
    return frames;
  }

  /** Puts a value at a pointer of object keys (array indexes become keys: enough for a warm-up). */
  private static void put(ObjectNode root, String pointer, Object value) {
    JsonPointer p = JsonPointer.compile(pointer);
    ObjectNode node = root;
    while (!p.tail().matches()) {
      JsonNode child = node.get(p.getMatchingProperty());
      node = child instanceof ObjectNode o ? o : node.putObject(p.getMatchingProperty());
      p = p.tail();
    }
    if (p.matches()) {
      return;
    }
    if (value instanceof Number n) {
      node.put(p.getMatchingProperty(), n.longValue());
    } else {
      node.put(p.getMatchingProperty(), value.toString());
    }
  }

  private static final class DiscardingSink implements StreamSink {
    @Override
    public void onToken(char[] text, int offset, int length) {}

    @Override
    public void onTokenCount(long serverReportedTokens) {}

    @Override
    public void onUsage(String name, double value) {}

    @Override
    public void onDone() {}

    @Override
    public void onStreamError(String message) {}

    @Override
    public void onMalformed(String reason) {}
  }
}
