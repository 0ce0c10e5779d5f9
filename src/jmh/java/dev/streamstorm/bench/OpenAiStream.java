package dev.streamstorm.bench;

import dev.streamstorm.scenario.Match;
import dev.streamstorm.scenario.StreamSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An OpenAI chat completions stream as bench-server writes it, for the benchmarks. */
final class OpenAiStream {

  private OpenAiStream() {}

  static final StreamSpec SPEC =
      StreamSpec.builder()
          .token("/choices/0/delta/content")
          .done(Match.data("[DONE]"))
          .tokenCount("/usage/completion_tokens")
          .build();

  static String contentChunk(String content) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
        + content
        + "\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";
  }

  /** The data of every event: role chunk, {@code tokens} content chunks, finish, usage, [DONE]. */
  static List<String> eventData(int tokens) {
    List<String> data = new ArrayList<>();
    data.add(
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
    String[] words = {" hello", " wörld", " token", " stream", "s", " of", " text", " €"};
    for (int i = 0; i < tokens; i++) {
      data.add(contentChunk(words[i % words.length]));
    }
    data.add(
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + "\"usage\":null}");
    data.add(
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":"
            + tokens
            + ",\"total_tokens\":"
            + (tokens + 5)
            + "}}");
    data.add("[DONE]");
    return data;
  }

  /** Each event's wire bytes ({@code data: ...\n\n}), one array per event. */
  static byte[][] eventBytes(int tokens) {
    List<String> data = eventData(tokens);
    byte[][] events = new byte[data.size()][];
    for (int i = 0; i < events.length; i++) {
      events[i] = ("data: " + data.get(i) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
    return events;
  }
}
