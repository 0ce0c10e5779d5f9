package dev.streamstorm.protocol.stream;

import static dev.streamstorm.protocol.SampleStreams.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.protocol.SampleStreams;
import dev.streamstorm.protocol.sse.SseDecoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each preset's rules against exact sample streams of the API it stands for. */
class PresetStreamsTest {

  private final RecordingSink sink = new RecordingSink();

  private List<String> interpretSse(StreamInterpreter interpreter, String stream) {
    SseDecoder decoder = new SseDecoder(event -> interpreter.onSseEvent(event, 0L, sink));
    byte[] bytes = utf8(stream);
    decoder.feed(bytes, 0, bytes.length);
    decoder.end();
    return sink.calls;
  }

  @Test
  void openAiChatYieldsContentTokensThenTheUsageCountThenDone() {
    List<String> expected = new ArrayList<>(RecordingSink.tokens(SampleStreams.OPENAI_TOKENS));
    expected.add("count:20");
    expected.add("done");
    // The role-only chunk, the finish chunk and the usage chunk carry no token; [DONE] is not JSON
    // and would be reported malformed if it were parsed.
    assertThat(
            interpretSse(StreamInterpreter.compile(Specs.OPENAI_CHAT), SampleStreams.OPENAI_CHAT))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void openAiFinalChunkCarryingUsageYieldsTheCount() {
    String last =
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"end\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12}}";
    StreamInterpreter.compile(Specs.OPENAI_CHAT).onTextFrame(last, 0L, sink);
    assertThat(sink.calls).containsExactly("token:end", "count:7");
  }

  @Test
  void anthropicMessagesYieldsDeltaTextTokensTheMessageDeltaCountThenDone() {
    // message_start's usage sits at /message/usage: its input_tokens are the input count, its
    // output_tokens are not the count.
    List<String> expected = new ArrayList<>();
    expected.add("inputCount:10");
    expected.addAll(RecordingSink.tokens(SampleStreams.ANTHROPIC_TOKENS));
    expected.add("count:15");
    expected.add("done");
    assertThat(
            interpretSse(
                StreamInterpreter.compile(Specs.ANTHROPIC_MESSAGES),
                SampleStreams.ANTHROPIC_MESSAGES))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void anthropicErrorEventIsAStreamError() {
    String data =
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
    assertThat(
            interpretSse(
                StreamInterpreter.compile(Specs.ANTHROPIC_MESSAGES),
                "event: ping\ndata: {\"type\": \"ping\"}\n\nevent: error\ndata: " + data + "\n\n"))
        .containsExactly("error:" + data);
  }

  @Test
  void genericSessionApiYieldsTokensThenCountAndUsageBeforeDone() {
    String stream =
        "event: token\ndata: {\"type\":\"token\",\"content\":\"Your\"}\n\n"
            + "event: tool_call\ndata: {\"type\":\"tool_call\",\"id\":\"c1\",\"name\":\"lookup_order\","
            + "\"arguments\":{\"order_id\":\"12345\"}}\n\n"
            + "event: token\ndata: {\"type\":\"token\",\"content\":\" order\"}\n\n"
            + "event: token\ndata: {\"type\":\"token\",\"content\":\" shipped\"}\n\n"
            + "event: done\ndata: {\"type\":\"done\",\"usage\":{\"llm_calls\":2,\"tool_calls\":1,"
            + "\"tokens\":42},\"phases_ms\":{\"llm\":[120,80],\"tool\":[35]}}\n\n";
    assertThat(interpretSse(StreamInterpreter.compile(Specs.GENERIC_SESSION_API), stream))
        .containsExactly(
            "token:Your",
            "token: order",
            "token: shipped",
            "count:42",
            "usage0=2.0",
            "usage1=1.0",
            "done");
  }

  @Test
  void websocketJsonFramesYieldTheSameAsSseEvents() {
    StreamInterpreter interpreter = StreamInterpreter.compile(Specs.WEBSOCKET_JSON);
    interpreter.onTextFrame("{\"type\":\"token\",\"content\":\"x\"}", 0L, sink);
    byte[] padded = utf8("##{\"type\":\"token\",\"content\":\"ÿ\"}##");
    interpreter.onTextFrame(padded, 2, padded.length - 4, 0L, sink);
    interpreter.onTextFrame(
        "{\"type\":\"tool_call\",\"id\":\"c1\",\"name\":\"lookup_order\","
            + "\"arguments\":{\"order_id\":\"12345\"}}",
        0L,
        sink);
    interpreter.onTextFrame(
        "{\"type\":\"done\",\"usage\":{\"llm_calls\":2,\"tool_calls\":1,\"tokens\":42}}", 0L, sink);
    assertThat(sink.calls).containsExactly("token:x", "token:ÿ", "tool", "count:42", "done");
  }

  @Test
  void websocketJsonErrorFrameIsAStreamError() {
    String frame = "{\"type\":\"error\",\"message\":\"backend unavailable\"}";
    StreamInterpreter.compile(Specs.WEBSOCKET_JSON).onTextFrame(frame, 0L, sink);
    assertThat(sink.calls).containsExactly("error:" + frame);
  }
}
