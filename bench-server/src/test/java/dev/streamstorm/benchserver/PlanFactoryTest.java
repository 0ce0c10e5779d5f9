package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.benchserver.model.Fault;
import dev.streamstorm.benchserver.model.Overrides;
import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.model.PlanFactory;
import dev.streamstorm.benchserver.model.PlanRequest;
import dev.streamstorm.benchserver.model.RequestRandom;
import dev.streamstorm.benchserver.model.ToolIntent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanFactoryTest {

  private static final long MS = 1_000_000;

  private static Plan plan(BenchServerConfig c, long seq, PlanRequest r) {
    return new PlanFactory(c).plan(RequestRandom.forRequest(c.seed(), seq), r);
  }

  private static PlanRequest plain(Overrides o) {
    return new PlanRequest(0, 0, null, o);
  }

  private static List<Long> offsets(Plan p) {
    List<Long> out = new ArrayList<>();
    for (int e = 0; e < p.eventCount(); e++) {
      out.add(p.dueOffsetNanos(e));
    }
    return out;
  }

  @Test
  void tokensAreDueAtTtftPlusIGapsFromTheStart() {
    BenchServerConfig c =
        BenchServerConfig.fromMap(Map.of("ttft", "200ms", "itl", "10ms", "tokens", 4));

    Plan p = plan(c, 1, plain(Overrides.NONE));

    assertThat(offsets(p)).containsExactly(200 * MS, 210 * MS, 220 * MS, 230 * MS, 230 * MS);
    assertThat(p.kind(4)).isEqualTo(Plan.END);
    assertThat(p.completionTokens()).isEqualTo(4);
    assertThat(p.phases().llmCallNanos()).isEqualTo(230 * MS);
  }

  @Test
  void sameSeedAndSequenceDrawTheSameTimingsAndWords() {
    BenchServerConfig c =
        BenchServerConfig.fromMap(
            Map.of(
                "ttft",
                "lognormal:200ms:0.5",
                "itl",
                "exponential:20ms",
                "tokens",
                "uniform:5:50",
                "seed",
                42));

    Plan a = plan(c, 5, plain(Overrides.NONE));
    Plan b = plan(c, 5, plain(Overrides.NONE));
    Plan other = plan(c, 6, plain(Overrides.NONE));
    Plan otherSeed = plan(c.withSeed(43), 5, plain(Overrides.NONE));

    assertThat(offsets(a)).isEqualTo(offsets(b));
    assertThat(a.text()).isEqualTo(b.text());
    assertThat(offsets(other)).isNotEqualTo(offsets(a));
    assertThat(offsets(otherSeed)).isNotEqualTo(offsets(a));
  }

  @Test
  void overridesReplaceDrawsWithoutShiftingTheWords() {
    BenchServerConfig c =
        BenchServerConfig.fromMap(Map.of("ttft", "uniform:100ms:300ms", "tokens", 6));

    Plan drawn = plan(c, 1, plain(Overrides.NONE));
    Plan forced = plan(c, 1, plain(new Overrides(50 * MS, 5 * MS, null, null)));

    assertThat(forced.dueOffsetNanos(0)).isEqualTo(50 * MS);
    assertThat(forced.dueOffsetNanos(1)).isEqualTo(55 * MS);
    assertThat(forced.text()).isEqualTo(drawn.text());
  }

  @Test
  void maxTokensTruncates() {
    BenchServerConfig c = BenchServerConfig.fromMap(Map.of("tokens", 10));

    Plan p = plan(c, 1, new PlanRequest(0, 3, null, Overrides.NONE));

    assertThat(p.completionTokens()).isEqualTo(3);
    assertThat(p.truncated()).isTrue();
  }

  @Test
  void aToolCallAddsTheToolDelayAndASecondTtft() {
    BenchServerConfig c =
        BenchServerConfig.fromMap(
            Map.of("ttft", "100ms", "itl", "10ms", "tokens", 2, "toolDelay", "50ms"));

    Plan p =
        plan(
            c, 1, new PlanRequest(0, 0, ToolIntent.detect("where is order #991?"), Overrides.NONE));

    assertThat(p.kind(0)).isEqualTo(Plan.TOOL_CALL);
    assertThat(p.kind(1)).isEqualTo(Plan.TOOL_RESULT);
    assertThat(offsets(p)).containsExactly(100 * MS, 150 * MS, 250 * MS, 260 * MS, 260 * MS);
    assertThat(p.toolCall().arguments()).isEqualTo(Map.of("order_id", "991"));
    assertThat(p.llmCalls()).isEqualTo(2);
    assertThat(p.phases().toolExecutionNanos()).isEqualTo(50 * MS);
    assertThat(p.phases().llmCallNanos()).isEqualTo(210 * MS);
  }

  @Test
  void historyCostIsPaidPerPriorMessageBeforeTheFirstToken() {
    BenchServerConfig c =
        BenchServerConfig.fromMap(Map.of("ttft", "100ms", "historyCost", "5ms", "tokens", 1));

    Plan p = plan(c, 1, new PlanRequest(6, 0, null, Overrides.NONE));

    assertThat(p.dueOffsetNanos(0)).isEqualTo(130 * MS);
    assertThat(p.phases().contextLoadNanos()).isEqualTo(30 * MS);
  }

  @Test
  void faultsShapeTheTimeline() {
    BenchServerConfig c =
        BenchServerConfig.fromMap(
            Map.of("ttft", "100ms", "itl", "10ms", "tokens", 5, "stallDuration", "1s"));

    Plan stall = plan(c, 1, plain(new Overrides(null, null, null, Fault.STALL)));
    Plan drop = plan(c, 1, plain(new Overrides(null, null, null, Fault.DROP)));
    Plan malformed = plan(c, 1, plain(new Overrides(null, null, null, Fault.MALFORMED)));

    List<Long> gaps = new ArrayList<>();
    for (int e = 1; e < 5; e++) {
      gaps.add(stall.dueOffsetNanos(e) - stall.dueOffsetNanos(e - 1));
    }
    assertThat(gaps).containsOnlyOnce(1010 * MS).contains(10 * MS);
    assertThat(drop.kind(drop.eventCount() - 1)).isEqualTo(Plan.DROP);
    assertThat(drop.eventCount()).isBetween(2, 5);
    int malformedAt = -1;
    for (int e = 0; e < malformed.eventCount(); e++) {
      if (malformed.kind(e) == Plan.MALFORMED) {
        malformedAt = e;
      }
    }
    assertThat(malformedAt).isGreaterThanOrEqualTo(0);
    assertThat(malformed.kind(malformed.eventCount() - 1)).isEqualTo(Plan.END);
    assertThat(malformed.eventCount()).isEqualTo(7); // 5 tokens, the bad event, END
  }

  @Test
  void faultProbabilitiesHoldOverManyRequests() {
    BenchServerConfig c = BenchServerConfig.fromMap(Map.of("fault500", 0.2, "faultDrop", 0.1));
    int errors = 0;
    int drops = 0;
    for (long seq = 1; seq <= 5000; seq++) {
      Fault f = plan(c, seq, plain(Overrides.NONE)).fault();
      errors += f == Fault.HTTP_500 ? 1 : 0;
      drops += f == Fault.DROP ? 1 : 0;
    }
    assertThat(errors).isBetween(900, 1100);
    assertThat(drops).isBetween(420, 580);
  }
}
