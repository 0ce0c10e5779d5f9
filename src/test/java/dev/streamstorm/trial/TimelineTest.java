package dev.streamstorm.trial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.TraceRecord;
import dev.streamstorm.scenario.Preset;
import dev.streamstorm.scenario.PresetRules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeline: what is shown, what is condensed, and that the end always shows. */
class TimelineTest {
  private static final TraceRecord.Message M = new TraceRecord.Message(1, 1, "c", 1);

  private static Seen event(double ms, String cls, String data) {
    return new Seen.Received(
        TraceRecord.received(M, ms, "event", "message", "", null, data, false, cls));
  }

  private static Seen token(double ms, String text) {
    return event(ms, "token", "{\"choices\":[{\"delta\":{\"content\":\"" + text + "\"}}]}");
  }

  private static List<String> render(List<Seen> seen, int maxEvents) {
    return new Timeline(PresetRules.stream(Preset.OPENAI_CHAT), Style.PLAIN, maxEvents)
        .render(seen);
  }

  private static List<Seen> openAiLike(int tokens) {
    List<Seen> seen = new ArrayList<>();
    seen.add(new Seen.Request("POST", "/v1/chat/completions"));
    seen.add(new Seen.Head(1.5, 200, "text/event-stream"));
    seen.add(event(2, "ignored", "{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}"));
    for (int i = 0; i < tokens; i++) {
      seen.add(token(10 + i, "t" + i));
    }
    seen.add(event(100, "usage", "{\"usage\":{\"completion_tokens\":" + tokens + "}}"));
    seen.add(event(100.5, "done", "[DONE]"));
    return seen;
  }

  @Test
  void aLongRunOfOneClassShowsItsFirstThreeAndItsLast() {
    List<String> lines = render(openAiLike(46), 20);
    assertThat(lines)
        .containsExactly(
            "  POST /v1/chat/completions",
            "      +1.5 ms  HTTP 200 text/event-stream",
            "      +2.0 ms  ignored    message  {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}",
            "     +10.0 ms  token      message  \"t0\"  {\"choices\":[{\"delta\":{\"content\":\"t0\"}}]}",
            "     +11.0 ms  token      message  \"t1\"  {\"choices\":[{\"delta\":{\"content\":\"t1\"}}]}",
            "     +12.0 ms  token      message  \"t2\"  {\"choices\":[{\"delta\":{\"content\":\"t2\"}}]}",
            "               … 42 more token events (+13.0 to +54.0 ms)",
            "     +55.0 ms  token      message  \"t45\"  {\"choices\":[{\"delta\":{\"content\":\"t45\"}}]}",
            "    +100.0 ms  usage      message  tokenCount 46  {\"usage\":{\"completion_tokens\":46}}",
            "    +100.5 ms  done       message  [DONE]");
  }

  @Test
  void shortRunsShowWhole() {
    assertThat(render(openAiLike(5), 20)).hasSize(2 + 1 + 5 + 2).noneMatch(l -> l.contains("…"));
  }

  @Test
  void pastTheBudgetTheMiddleIsCondensedAndTheEndStillShows() {
    List<Seen> seen = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      seen.add(i % 2 == 0 ? token(i, "a") : event(i, "tool", "{\"tool\":" + i + "}"));
    }
    seen.add(event(40, "done", "[DONE]"));
    List<String> lines = render(seen, 6);
    // Six events: the first four, then (after the condensed middle) the last two.
    assertThat(lines).hasSize(7);
    assertThat(lines.get(3)).contains("+3.0 ms");
    assertThat(lines.get(4)).contains("… 25 more events: 13 token, 12 tool (+4.0 to +28.0 ms)");
    assertThat(lines.get(5)).contains("+29.0 ms", "tool");
    assertThat(lines.get(6)).contains("+40.0 ms", "done", "[DONE]");
  }

  @Test
  void dataIsOneLineWithControlCharactersEscaped() {
    List<String> lines =
        render(List.of(event(1, "ignored", "a\nb\u001b[31mred\t" + "x".repeat(200))), 20);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .contains("a\\nb\\u001b[31mred\\t")
        .doesNotContain("\u001b")
        .endsWith("…");
  }

  @Test
  void commentsAreShownDimAndCondensedApart() {
    List<Seen> seen = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      seen.add(
          new Seen.Received(
              TraceRecord.received(M, i, "comment", null, null, null, " ping", false, "ignored")));
    }
    List<String> lines = render(seen, 20);
    assertThat(lines.get(0)).contains("ignored", "comment", ": ping");
    assertThat(lines).anyMatch(l -> l.contains("… 4 more comments"));
  }
}
