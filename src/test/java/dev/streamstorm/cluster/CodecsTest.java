package dev.streamstorm.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.CountSource;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.ErrorSample;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.scenario.ScenarioOverrides;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodecsTest {

  @Test
  void overridesSurviveTheTrip() {
    ScenarioOverrides o =
        new ScenarioOverrides(
            Optional.of("http://10.0.0.5:8080/v1/chat/completions"),
            Optional.of("openai-chat"),
            Optional.of("sse"),
            Optional.of(40),
            Optional.of(Duration.ofMillis(90_500)),
            Optional.of("20/s"),
            Optional.of("poisson"),
            Optional.of(12),
            Optional.of(2.5),
            Optional.of(3L),
            Optional.of(1_000L),
            Optional.of(50_000L),
            Optional.of(-7L),
            Optional.of("hi there"),
            List.of("ttft p95 < 2s", "errors rate < 1%"));

    ScenarioOverrides back =
        OverridesCodec.decode(new JsonObject(OverridesCodec.encode(o).encode()));

    assertThat(back).isEqualTo(o);
    assertThat(OverridesCodec.decode(OverridesCodec.encode(ScenarioOverrides.none())))
        .isEqualTo(ScenarioOverrides.none());
  }

  @Test
  void aMessageTravelsAsOffsetsAndItsUserNumberBecomesUniqueAcrossAgents() {
    long agentStart = 9_000_000_000L;
    MessageOutcome m =
        MessageOutcome.builder()
            .message(3, "tools", 2, 0)
            .starts(agentStart + 10, agentStart + 12, agentStart + 13)
            .firstByteNs(MessageOutcome.NONE)
            .firstTokenNs(agentStart + 500)
            .endNs(agentStart + 900)
            .chunks(7)
            .tokens(42, CountSource.USAGE)
            .error(ErrorClass.STREAM_BROKEN, "closed early")
            .attempts(2, 55)
            .reconnects(1)
            .usage(Map.of("llm_calls", 2.0))
            .build();
    JsonArray wire = new JsonArray(OutcomeCodec.encode(m, agentStart).encode());

    MessageOutcome back = OutcomeCodec.decode(wire, 100L, 1, 3);

    assertThat(back.vu()).isEqualTo((3 - 1) * 3 + 1 + 1);
    assertThat(back.intendedStartNs()).isEqualTo(110);
    assertThat(back.lastAttemptStartNs()).isEqualTo(113);
    assertThat(back.firstByteNs()).isEqualTo(MessageOutcome.NONE);
    assertThat(back.endNs()).isEqualTo(1_000);
    assertThat(back)
        .usingRecursiveComparison()
        .ignoringFields(
            "vu", "intendedStartNs", "sendStartNs", "lastAttemptStartNs", "firstTokenNs", "endNs")
        .isEqualTo(m);
    assertThat(back.e2eNs()).isEqualTo(m.e2eNs());
  }

  @Test
  void userNumbersOfDifferentAgentsNeverCollide() {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int agent = 0; agent < 4; agent++) {
      for (int vu = 1; vu <= 50; vu++) {
        MessageOutcome m =
            MessageOutcome.builder()
                .message(vu, "c", 1, 0)
                .starts(0, 0, 0)
                .firstByteNs(0)
                .firstTokenNs(0)
                .endNs(1)
                .chunks(1)
                .tokens(1, CountSource.CHUNKS)
                .error(null, null)
                .attempts(1, 0)
                .reconnects(0)
                .usage(Map.of())
                .build();
        assertThat(seen.add(OutcomeCodec.decode(OutcomeCodec.encode(m, 0), 0, agent, 4).vu()))
            .isTrue();
      }
    }
  }

  @Test
  void aTestPlanAndItsRowsSurviveTheTrip() {
    TestPlan p =
        new TestPlan(
            "t1",
            "node",
            "10.0.0.1",
            "1.2.3",
            1,
            3,
            "s.yaml",
            "name: x\n",
            OverridesCodec.encode(ScenarioOverrides.none()),
            List.of(Map.of("q", "a"), Map.of("q", "{\"x\":1}")),
            1_000,
            true,
            90_000);

    TestPlan back = TestPlan.fromJson(new JsonObject(p.toJson().encode()));

    assertThat(back).isEqualTo(p);
  }

  @Test
  void errorSamplesSurviveTheTrip() {
    ErrorSample e = new ErrorSample("http_5xx", "HTTP 500", "simple", 2);
    assertThat(OutcomeCodec.decodeSample(OutcomeCodec.encode(e))).isEqualTo(e);
  }
}
