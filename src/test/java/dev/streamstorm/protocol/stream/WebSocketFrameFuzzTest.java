package dev.streamstorm.protocol.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.streamstorm.protocol.stream.StreamInterpreter.EventClass;
import dev.streamstorm.scenario.Preset;
import dev.streamstorm.scenario.PresetRules;
import dev.streamstorm.scenario.StreamSpec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Any bytes as a WebSocket text frame, through the interpreter of the WebSocket presets
 * (websocket-json, openai-realtime): nothing is thrown; the callbacks come in the documented order
 * (reasoning, token, tool call, usage, error, done; or malformed alone) and agree with the class
 * returned; a frame that is not JSON is malformed, and one that is gets exactly the calls {@link
 * FrameRulesReference} derives from the preset's rules and Jackson's tree.
 *
 * <p>Input layout: the frame, then one byte that picks the preset.
 */
class WebSocketFrameFuzzTest {

  private static final List<Preset> PRESETS =
      List.of(Preset.WEBSOCKET_JSON, Preset.OPENAI_REALTIME);
  private static final List<StreamSpec> SPECS = PRESETS.stream().map(PresetRules::stream).toList();
  private static final List<StreamInterpreter> INTERPRETERS =
      SPECS.stream().map(StreamInterpreter::compile).toList();

  /** Bytes around the frame that would change its reading if the interpreter read past it. */
  private static final byte[] BEFORE = "{\"type\":\"token\",".getBytes(StandardCharsets.UTF_8);

  private static final byte[] AFTER = "\"done\"}".getBytes(StandardCharsets.UTF_8);

  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({
    "\"type\"",
    "\"token\"",
    "\"content\"",
    "\"done\"",
    "\"error\"",
    "\"usage\"",
    "\"tokens\"",
    "\"tool_call\"",
    "\"tool_result\"",
    "\"delta\"",
    "\"response\"",
    "\"status\"",
    "\"failed\"",
    "\"item\"",
    "\"function_call\"",
    "\"output_tokens\"",
    "\"input_tokens\"",
    "\"response.text.delta\"",
    "\"response.output_text.delta\"",
    "\"response.done\"",
    "\"response.output_item.added\"",
    "\"response.function_call_arguments.delta\""
  })
  void interpretsAnyFrame(FuzzedDataProvider input) {
    int preset = input.consumeInt(0, PRESETS.size() - 1);
    interpretsAsThePresetSays(PRESETS.get(preset), input.consumeRemainingAsBytes());
  }

  static void interpretsAsThePresetSays(Preset preset, byte[] frame) {
    int i = PRESETS.indexOf(preset);
    byte[] framed = new byte[BEFORE.length + frame.length + AFTER.length];
    System.arraycopy(BEFORE, 0, framed, 0, BEFORE.length);
    System.arraycopy(frame, 0, framed, BEFORE.length, frame.length);
    System.arraycopy(AFTER, 0, framed, BEFORE.length + frame.length, AFTER.length);
    RecordingSink sink = new RecordingSink();

    EventClass cls = INTERPRETERS.get(i).onTextFrame(framed, BEFORE.length, frame.length, 0L, sink);

    String shown = new String(frame, StandardCharsets.UTF_8);
    assertWellFormed(sink.calls, cls, shown);
    // The interpreter let go of its scanner: it reads the next frame.
    INTERPRETERS.get(i).onTextFrame(framed, BEFORE.length, frame.length, 0L, new RecordingSink());
    JacksonDocument doc = JacksonDocument.read(frame);
    boolean malformed = cls == EventClass.ERROR && sink.calls.get(0).startsWith("malformed:");
    if (!doc.valid()) {
      assertThat(malformed)
          .as("%s is not JSON (%s): %s", shown, doc.malformedReason(), sink.calls)
          .isTrue();
    } else if (malformed) {
      // Jackson lets some bytes that are never UTF-8 through (0xFF in a field name); the scanner
      // refuses them, and only them.
      assertThat(sink.calls.get(0)).contains("UTF-8");
      assertThat(isUtf8(frame)).as("refused as UTF-8: %s", shown).isFalse();
    } else if (!doc.repeatedKeys()) {
      FrameRulesReference.Outcome expected =
          new FrameRulesReference(SPECS.get(i)).interpret(doc.root(), frame);
      assertThat(sink.calls).as("calls for %s", shown).isEqualTo(expected.calls());
      assertThat(cls).as("class of %s", shown).isEqualTo(expected.cls());
    }
  }

  /** The order StreamSink documents, and a class that says what the calls did. */
  private static void assertWellFormed(List<String> calls, EventClass cls, String shown) {
    if (calls.stream().anyMatch(c -> c.startsWith("malformed:"))) {
      assertThat(calls).as("malformed alone: %s", shown).hasSize(1);
      assertThat(cls).isEqualTo(EventClass.ERROR);
      assertThat(calls.get(0)).isNotEqualTo("malformed:");
      return;
    }
    List<String> order =
        List.of(
            "reasoning:", "token:", "tool", "count:", "reasoningCount:", "inputCount:", "usage");
    int last = -1;
    for (String call : calls) {
      if (call.startsWith("error:") || call.equals("done")) {
        assertThat(call).as("the last call: %s", shown).isEqualTo(calls.get(calls.size() - 1));
        continue;
      }
      int rank = -1;
      for (int r = 0; r < order.size(); r++) {
        if (call.startsWith(order.get(r))) {
          rank = r;
          break;
        }
      }
      assertThat(rank).as("a known call: %s", call).isNotNegative();
      assertThat(rank).as("in order: %s", calls).isGreaterThan(last);
      last = rank;
    }
    String end = calls.isEmpty() ? "" : calls.get(calls.size() - 1);
    EventClass implied =
        end.startsWith("error:")
            ? EventClass.ERROR
            : end.equals("done")
                ? EventClass.DONE
                : calls.stream().anyMatch(c -> c.startsWith("token:"))
                    ? EventClass.TOKEN
                    : calls.stream().anyMatch(c -> c.startsWith("reasoning:"))
                        ? EventClass.REASONING
                        : calls.contains("tool") ? EventClass.TOOL : null;
    if (implied != null) {
      assertThat(cls).as("class of %s", calls).isEqualTo(implied);
    } else {
      // No token, end or tool start: usage, or a tool event without a start, or nothing.
      if (calls.isEmpty()) {
        assertThat(cls).isIn(EventClass.TOOL, EventClass.IGNORED);
      } else {
        assertThat(cls).isIn(EventClass.USAGE, EventClass.TOOL);
      }
    }
    assertThat(calls).noneMatch(c -> c.equals("token:") || c.equals("reasoning:"));
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
