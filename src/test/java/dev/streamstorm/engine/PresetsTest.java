package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamstorm.metrics.results.RunResults;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each preset against bench-server's matching endpoint: tokens, the end, usage and history. */
class PresetsTest {

  /**
   * How far the step between two turns' median first tokens may be from the 200 ms the history adds
   * (medians of 4 to 8 messages): twice the worst seen in 8 runs on this 2-core machine with a
   * parallel {@code mvn -B verify} running (load average 12-17), where the steps were 177-214 ms
   * (OpenAI) and 162-206 ms (Anthropic). Without the history the step would be 0.
   */
  private static final double HISTORY_STEP_MS = 80.0;

  private static RunHarness harness;

  @BeforeAll
  static void start() throws Exception {
    // Every earlier message of a conversation adds 100 ms to the first token: the history shows.
    harness =
        new RunHarness(
            Map.of("ttft", "50ms", "itl", "5ms", "tokens", 12, "historyCost", "100ms", "seed", 4));
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @Test
  @Tag("timing")
  void openAiChatSendsTheConversationSoFarWithEachTurn() throws Exception {
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            preset: openai-chat
            load: { vus: 2, iterations: 4 }
            conversations:
              - name: chat
                turns: ["one", "two", "three"]
            """);
    assertThat(r.messages().ok()).isEqualTo(24);
    // Turn n carries 2(n-1) earlier messages (user and assistant): each turn's first token comes
    // 200 ms later than the one before.
    double t1 = r.byTurn().get("chat#1").metrics().get("ttft").p50();
    double t2 = r.byTurn().get("chat#2").metrics().get("ttft").p50();
    double t3 = r.byTurn().get("chat#3").metrics().get("ttft").p50();
    System.out.printf("noise openai: turn step %.2f, %.2f ms%n", t2 - t1, t3 - t2);
    assertThat(t2 - t1).isCloseTo(200, within(HISTORY_STEP_MS));
    assertThat(t3 - t2).isCloseTo(200, within(HISTORY_STEP_MS));
    assertThat(r.metrics().get("tokens").p50()).isEqualTo(12);
  }

  @Test
  @Tag("timing")
  void anthropicMessagesCountsTextDeltasAndEndsOnMessageStop() throws Exception {
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            preset: anthropic-messages
            load: { vus: 2, iterations: 2 }
            conversations:
              - name: chat
                turns: ["one", "two"]
            """);
    assertThat(r.messages().ok()).isEqualTo(8);
    assertThat(r.metrics().get("tokens").max()).isEqualTo(12);
    assertThat(r.metrics().get("chunks").min()).isEqualTo(12);
    double t1 = r.byTurn().get("chat#1").metrics().get("ttft").p50();
    double step = r.byTurn().get("chat#2").metrics().get("ttft").p50() - t1;
    System.out.printf("noise anthropic: turn step %.2f ms%n", step);
    assertThat(step).isCloseTo(200, within(HISTORY_STEP_MS));
  }

  @Test
  void genericRulesDriveASessionApiWithUsage() throws Exception {
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            preset: generic
            session:
              request: { method: POST, path: /api/sessions, body: { user_id: "u-${vu}" } }
              extract: { session_id: /session_id }
            request:
              method: POST
              path: /api/sessions/${session_id}/messages
              body: { content: "${message}" }
            stream:
              token: /content
              tokenWhen: { json: /type, equals: token }
              done: { json: /type, equals: done }
              toolCall: { start: { json: /type, equals: tool_call } }
              tokenCount: /usage/tokens
              usage:
                llm_calls: /usage/llm_calls
                agent_tool_calls: /usage/tool_calls
                summed_tokens: { json: /output_tokens, aggregate: sum }
            load: { vus: 2, iterations: 1 }
            conversations:
              - name: tool
                turns: ["Look up order #12345"]
            """);
    assertThat(r.messages().ok()).isEqualTo(2);
    assertThat(r.usage().get("agent_tool_calls").mean()).isEqualTo(1.0);
    // The tool-call channel saw the same call the agent reports, before the answer.
    assertThat(r.metrics().get("tool_calls").mean()).isEqualTo(1.0);
    assertThat(r.metrics().get("ttfc").p50()).isLessThan(r.metrics().get("ttft").p50());
    assertThat(r.usage().get("llm_calls").mean()).isEqualTo(2.0);
    assertThat(r.metrics().get("tokens").p50()).isEqualTo(12);
    // The agent reports each LLM call's tokens (a usage event per call): summed, they are the
    // message's.
    assertThat(r.usage().get("summed_tokens").mean()).isEqualTo(12.0);
    assertThat(r.metrics().get("session").count()).isEqualTo(2);
  }

  @Test
  void webSocketJsonKeepsTheSessionsHistoryOnOneSocket() throws Exception {
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            protocol: websocket
            session:
              request: { method: POST, path: /api/sessions }
              extract: { session_id: /session_id }
            websocket: { path: "/api/sessions/${session_id}/ws" }
            load: { vus: 1, iterations: 1 }
            conversations:
              - name: chat
                turns: ["one", "two"]
            """);
    assertThat(r.messages().ok()).isEqualTo(2);
    // One HTTP connection for the session call, one socket for both turns.
    assertThat(r.metrics().get("connect").count()).isEqualTo(2);
    assertThat(r.byTurn().get("chat#2").metrics().get("ttft").p50()).isGreaterThan(200);
  }
}
