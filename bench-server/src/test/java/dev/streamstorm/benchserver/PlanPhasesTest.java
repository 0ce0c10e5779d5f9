package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.benchserver.config.Dist;
import dev.streamstorm.benchserver.model.Channels;
import dev.streamstorm.benchserver.model.LlmToolCall;
import dev.streamstorm.benchserver.model.Overrides;
import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.model.PlanFactory;
import dev.streamstorm.benchserver.model.PlanRequest;
import dev.streamstorm.benchserver.model.RequestRandom;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reasoning and tool-call phases of a plan, and that they leave answer-only plans alone. */
class PlanPhasesTest {

  private static final long MS = 1_000_000;

  private static Plan plan(BenchServerConfig c, long seq, Overrides o, Channels channels) {
    return new PlanFactory(c)
        .plan(RequestRandom.forRequest(c.seed(), seq), new PlanRequest(0, 0, null, o, channels));
  }

  private static List<String> timeline(Plan p) {
    List<String> out = new ArrayList<>();
    for (int e = 0; e < p.eventCount(); e++) {
      String kind =
          switch (p.kind(e)) {
            case Plan.REASONING -> "R";
            case Plan.CALL_START -> "C" + p.toolCall(e);
            case Plan.CALL_ARGS -> "A" + p.toolCall(e) + "." + p.argumentChunk(e);
            case Plan.TOKEN -> "T";
            case Plan.END -> "END";
            default -> "?" + p.kind(e);
          };
      out.add(kind + "@" + p.dueOffsetNanos(e) / MS);
    }
    return out;
  }

  @Test
  void reasoningThenToolCallsThenTheAnswerEachAfterItsGapsAndThePhaseDelay() {
    BenchServerConfig c =
        BenchServerConfig.fromMap(
            Map.of(
                "ttft", "100ms",
                "itl", "10ms",
                "reasoningItl", "5ms",
                "tokens", 2,
                "reasoningTokens", 3,
                "toolCalls", 1,
                "phaseDelay", "50ms"));

    Plan p = plan(c, 1, Overrides.NONE, Channels.ALL);

    // reasoning at ttft and 5 ms apart; the tool call after itl + phase delay, its three argument
    // chunks one itl apart; the answer after the phase delay and one itl, then one itl apart
    assertThat(timeline(p))
        .containsExactly(
            "R@100",
            "R@105",
            "R@110",
            "C0@170",
            "A0.0@180",
            "A0.1@190",
            "A0.2@200",
            "T@260",
            "T@270",
            "END@270");
    assertThat(p.reasoningTokens()).isEqualTo(3);
    assertThat(p.completionTokens()).isEqualTo(2);
    assertThat(p.outputTokens()).isEqualTo(5);
    assertThat(p.toolCalls()).isEqualTo(1);
    assertThat(p.reasoningText()).matches("( [A-Za-z]+){3}");
  }

  @Test
  void toolArgumentChunksConcatenateToTheArgumentsJson() {
    BenchServerConfig c = BenchServerConfig.fromMap(Map.of("toolCalls", 5, "tokens", 0));
    long seed = new SplittableRandom().nextLong();
    System.out.println("toolArgumentChunksConcatenateToTheArgumentsJson seed " + seed);

    Plan p = plan(c.withSeed(seed), 1, Overrides.NONE, Channels.ALL);

    assertThat(p.llmToolCalls()).hasSize(5);
    for (LlmToolCall call : p.llmToolCalls()) {
      assertThat(call.id()).matches("call_[0-9a-z]+");
      assertThat(call.name()).isIn("get_weather", "lookup_order", "search_docs");
      assertThat(call.argumentChunks()).hasSize(3).allMatch(s -> !s.isEmpty());
      assertThat(String.join("", call.argumentChunks())).isEqualTo(call.argumentsJson());
      assertThat(new JsonObject(call.argumentsJson()).isEmpty()).isFalse();
    }
    assertThat(p.kind(p.eventCount() - 1)).isEqualTo(Plan.END);
  }

  @Test
  void answerOnlyPlansAreWhatTheyWereBeforeThePhasesExisted() {
    BenchServerConfig base =
        BenchServerConfig.fromMap(
            Map.of("ttft", "uniform:50ms:150ms", "itl", "exponential:10ms", "tokens", 6));
    BenchServerConfig withPhases =
        base.withReasoningTokens(Dist.fixed(4)).withToolCalls(Dist.fixed(2));

    for (long seq = 1; seq <= 20; seq++) {
      Plan plain = plan(base, seq, Overrides.NONE, Channels.ALL);
      Plan answerOnly = plan(withPhases, seq, Overrides.NONE, Channels.ANSWER_ONLY);
      assertThat(timeline(answerOnly)).isEqualTo(timeline(plain));
      assertThat(answerOnly.text()).isEqualTo(plain.text());
      assertThat(answerOnly.reasoningTokens()).isZero();
      assertThat(answerOnly.llmToolCalls()).isEmpty();
    }
  }

  @Test
  void countOverridesReplaceTheDrawsWithoutShiftingWhatFollows() {
    BenchServerConfig c =
        BenchServerConfig.fromMap(
            Map.of("reasoningTokens", 3, "toolCalls", 1, "tokens", 4, "itl", "exponential:10ms"));

    Plan drawn = plan(c, 7, Overrides.NONE, Channels.ALL);
    Plan forced = plan(c, 7, new Overrides(null, null, 4, null, null, 3, 1), Channels.ALL);
    Plan none = plan(c, 7, new Overrides(null, null, null, null, null, 0, 0), Channels.ALL);

    assertThat(timeline(forced)).isEqualTo(timeline(drawn));
    assertThat(forced.text()).isEqualTo(drawn.text());
    assertThat(none.reasoningTokens()).isZero();
    assertThat(none.llmToolCalls()).isEmpty();
    assertThat(none.text()).isEqualTo(drawn.text());
  }

  @Test
  void aToolOnlyReplyEndsAtItsLastArgumentChunk() {
    BenchServerConfig c =
        BenchServerConfig.fromMap(Map.of("ttft", "100ms", "itl", "10ms", "tokens", 0));

    Plan p = plan(c, 1, new Overrides(null, null, null, null, null, null, 2), Channels.ALL);

    assertThat(timeline(p))
        .containsExactly(
            "C0@100",
            "A0.0@110",
            "A0.1@120",
            "A0.2@130",
            "C1@140",
            "A1.0@150",
            "A1.1@160",
            "A1.2@170",
            "END@170");
  }

  @Test
  void reasoningItlOverrideAppliesToReasoningOnly() {
    BenchServerConfig c =
        BenchServerConfig.fromMap(
            Map.of("ttft", "10ms", "itl", "10ms", "tokens", 2, "reasoningTokens", 2));

    Plan p = plan(c, 1, new Overrides(null, null, null, null, 1 * MS, null, null), Channels.ALL);

    assertThat(timeline(p)).containsExactly("R@10", "R@11", "T@21", "T@31", "END@31");
  }
}
