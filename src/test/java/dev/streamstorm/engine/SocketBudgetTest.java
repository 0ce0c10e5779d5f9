package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.scenario.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The check before a run that this process can hold its connections. */
class SocketBudgetTest {

  private static final int LOOPS = 2;

  private static Scenario scenario(String load, String connection) {
    try {
      return RunHarness.scenario(
          "target: ${BASE}\npreset: openai-chat\nload: " + load + "\n" + connection,
          "http://127.0.0.1:9");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static SocketBudget.Limits limits(long files, int ports) {
    return new SocketBudget.Limits(files, 40, ports, "32768 60999");
  }

  @Test
  void aRunWithinTheLimitsPasses() {
    Scenario s = scenario("{ vus: 1000, duration: 10s }", "");
    assertThat(SocketBudget.problem(s, LOOPS, false, limits(1_048_576, 28_232))).isEmpty();
  }

  @Test
  void tooFewFilesSaysWhatToRaise() {
    Scenario s = scenario("{ vus: 5000, duration: 10s }", "");
    assertThat(SocketBudget.problem(s, LOOPS, false, limits(4096, 28_232)))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("5,000 connections")
                    .contains("may open 4,096 files")
                    .contains("ulimit -n 5168"));
    // The embedded server holds the other end of each connection in this JVM.
    assertThat(
            SocketBudget.problem(
                scenario("{ vus: 3000, duration: 10s }", ""), LOOPS, true, limits(4096, 28_232)))
        .hasValueSatisfying(m -> assertThat(m).contains("and the embedded server as many"));
  }

  @Test
  void moreConnectionsThanEphemeralPortsAskForSourceAddresses() {
    Scenario s = scenario("{ vus: 50000, duration: 10s }", "");
    assertThat(SocketBudget.problem(s, LOOPS, false, limits(1_048_576, 28_232)))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("connection.localAddresses (at least 2")
                    .contains("32768 60999"));
    Scenario spread =
        scenario(
            "{ vus: 50000, duration: 10s }", "connection: { localAddresses: [127.0.0.1-2] }\n");
    assertThat(SocketBudget.problem(spread, LOOPS, false, limits(1_048_576, 28_232))).isEmpty();
  }

  @Test
  void theConnectionLimitCapsThePeak() {
    Scenario s =
        scenario("{ vus: 50000, duration: 10s }", "connection: { maxConnections: 1000 }\n");
    assertThat(SocketBudget.peakConnections(s, LOOPS)).isEqualTo(1000);
    assertThat(SocketBudget.problem(s, LOOPS, false, limits(4096, 28_232))).isEmpty();
  }

  @Test
  void http2StreamsShareTheirLoopsConnections() {
    Scenario h2c = scenario("{ vus: 50000, duration: 10s }", "connection: { protocol: h2c }\n");
    // 25,000 users a loop, 100 streams a connection (the default): 250 connections a loop.
    assertThat(SocketBudget.peakConnections(h2c, LOOPS)).isEqualTo(500);
    assertThat(SocketBudget.problem(h2c, LOOPS, false, limits(20_000, 28_232))).isEmpty();
    Scenario fewer =
        scenario(
            "{ vus: 50001, duration: 10s }",
            "connection: { protocol: h2c, streamsPerConnection: 10 }\n");
    // 25,001 users on one loop: 2,501 connections there, 2,501 on the other.
    assertThat(SocketBudget.peakConnections(fewer, LOOPS)).isEqualTo(5_002);
    assertThat(
            SocketBudget.peakConnections(
                scenario("{ vus: 3, duration: 10s }", "connection: { protocol: h2c }\n"), 8))
        .isEqualTo(3);
  }

  @Test
  void http2WithoutReuseHoldsAConnectionPerStream() {
    Scenario own =
        scenario("{ vus: 50000, duration: 10s }", "connection: { protocol: h2c, reuse: false }\n");
    assertThat(SocketBudget.peakConnections(own, LOOPS)).isEqualTo(50_000);
    assertThat(SocketBudget.problem(own, LOOPS, false, limits(20_000, 28_232)))
        .hasValueSatisfying(m -> assertThat(m).contains("50,000 connections"));
  }

  @Test
  void thisProcessLimitsAreRead() {
    SocketBudget.Limits l = SocketBudget.Limits.ofThisProcess();
    System.out.println("this process: " + l);
    if (Path.of("/proc/self/limits").toFile().exists()) {
      assertThat(l.openFiles()).isPositive();
      assertThat(l.openNow()).isPositive();
    }
  }
}
