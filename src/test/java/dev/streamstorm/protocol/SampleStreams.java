package dev.streamstorm.protocol;

import dev.streamstorm.scenario.Match;
import dev.streamstorm.scenario.StreamSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Wire-exact sample streams (bench-server's formats, which mirror the real APIs). */
public final class SampleStreams {

  private SampleStreams() {}

  /** The openai-chat preset's stream rules: token, done at [DONE], the usage token count. */
  public static final StreamSpec OPENAI_RULES =
      StreamSpec.builder()
          .token("/choices/0/delta/content")
          .done(Match.data("[DONE]"))
          .tokenCount("/usage/completion_tokens")
          .build();

  /** The content tokens of {@link #OPENAI_CHAT}, including multi-byte characters. */
  public static final List<String> OPENAI_TOKENS =
      List.of("Hello", " wörld", ",", " this", " is", " €5", " 😀", "!");

  public static final String OPENAI_ROLE_CHUNK =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
          + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";

  public static final String OPENAI_FINAL_CHUNK =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
          + "\"usage\":null}";

  public static final String OPENAI_USAGE_CHUNK =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":20,"
          + "\"total_tokens\":25}}";

  /** An OpenAI content chunk carrying {@code content} (already JSON-escaped). */
  public static String openAiContentChunk(String content) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
        + content
        + "\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";
  }

  /** The data of each event of {@link #OPENAI_CHAT}, in order. */
  public static final List<String> OPENAI_DATA = openAiData();

  /** A whole OpenAI chat completions stream: role chunk, tokens, finish, usage, [DONE]. */
  public static final String OPENAI_CHAT = sse(OPENAI_DATA);

  public static final String ANTHROPIC_MESSAGE_START =
      "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
          + "\"role\":\"assistant\",\"content\":[],\"model\":\"m\",\"stop_reason\":null,"
          + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}";

  public static final String ANTHROPIC_MESSAGE_DELTA =
      "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
          + "\"usage\":{\"output_tokens\":15}}";

  public static final List<String> ANTHROPIC_TOKENS = List.of("Hi", " there", " – naïve", "!");

  /** Type and data of each event of {@link #ANTHROPIC_MESSAGES}, in order. */
  public static final List<String[]> ANTHROPIC_EVENTS = anthropicEvents();

  /** A whole Anthropic messages stream. */
  public static final String ANTHROPIC_MESSAGES = anthropicStream();

  /**
   * A stream that exercises the awkward rules at once: a BOM, CR, LF and CRLF line ends, comments,
   * retry, an id persisting across events, multi-line data, a field without a colon, multi-byte
   * characters, and an unterminated last event.
   */
  public static final String MIXED_RULES =
      "\uFEFF: hello\r\nretry: 1500\r\nid: 7\revent: update\ndata: line1\r\ndata:line2\n\n"
          + "data: é€😀\r\n\r\n"
          + "id\ndata\n\n"
          + ":c\ndata: tail";

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> openAiData() {
    var data = new java.util.ArrayList<String>();
    data.add(OPENAI_ROLE_CHUNK);
    for (String token : OPENAI_TOKENS) {
      data.add(openAiContentChunk(token));
    }
    data.add(OPENAI_FINAL_CHUNK);
    data.add(OPENAI_USAGE_CHUNK);
    data.add("[DONE]");
    return List.copyOf(data);
  }

  private static String sse(List<String> data) {
    StringBuilder s = new StringBuilder();
    for (String d : data) {
      s.append("data: ").append(d).append("\n\n");
    }
    return s.toString();
  }

  private static List<String[]> anthropicEvents() {
    var events = new java.util.ArrayList<String[]>();
    events.add(new String[] {"message_start", ANTHROPIC_MESSAGE_START});
    events.add(
        new String[] {
          "content_block_start",
          "{\"type\":\"content_block_start\",\"index\":0,"
              + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"
        });
    events.add(new String[] {"ping", "{\"type\": \"ping\"}"});
    for (String token : ANTHROPIC_TOKENS) {
      events.add(
          new String[] {
            "content_block_delta",
            "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\""
                + token
                + "\"}}"
          });
    }
    events.add(
        new String[] {"content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"});
    events.add(new String[] {"message_delta", ANTHROPIC_MESSAGE_DELTA});
    events.add(new String[] {"message_stop", "{\"type\":\"message_stop\"}"});
    return List.copyOf(events);
  }

  private static String anthropicStream() {
    StringBuilder s = new StringBuilder();
    for (String[] e : ANTHROPIC_EVENTS) {
      s.append("event: ").append(e[0]).append("\ndata: ").append(e[1]).append("\n\n");
    }
    return s.toString();
  }
}
