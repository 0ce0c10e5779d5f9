package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.results.RunResults;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each error class arises from the matching bench-server behaviour, fails only its message (the run
 * goes on), is sampled with a message, and stays out of the latency histograms.
 */
class ErrorClassesTest {
  private static RunHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness = new RunHarness(Map.of("ttft", "20ms", "itl", "5ms", "tokens", 5, "seed", 3));
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("http_429", "${BASE}", "/v1/chat/completions?fault=429", "HTTP 429"),
        Arguments.of("http_4xx", "${BASE}", "/v1/no-such-endpoint", "HTTP 404"),
        Arguments.of("http_5xx", "${BASE}", "/v1/chat/completions?fault=500", "HTTP 500"),
        Arguments.of("connect", "http://127.0.0.1:1", "/v1/chat/completions", "refused"),
        Arguments.of(
            "timeout_first_token",
            "${BASE}",
            "/v1/chat/completions?ttft_ms=3000",
            "nothing on any channel"),
        Arguments.of(
            "timeout", "${BASE}", "/v1/chat/completions?itl_ms=300&tokens=20", "did not end"),
        Arguments.of("stream_broken", "${BASE}", "/v1/chat/completions?fault=drop", "closed"),
        Arguments.of("protocol", "${BASE}", "/v1/chat/completions?fault=malformed", "malformed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void faultFailsItsMessageWithItsClass(String errorClass, String target, String path, String text)
      throws Exception {
    RunResults r =
        harness.run(
            """
            target: %s
            preset: openai-chat
            request: { path: "%s" }
            load: { vus: 2, iterations: 2 }
            timeouts: { connect: 1s, firstToken: 500ms, message: 1500ms }
            """
                .formatted(target, path));
    assertThat(r.messages().failed()).as("failed").isEqualTo(4);
    assertThat(r.messages().ok()).isZero();
    assertThat(r.errors()).containsEntry(errorClass, 4L);
    assertThat(r.errors().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
    assertThat(r.metrics().get("ttft").count()).isZero();
    assertThat(r.metrics().get("e2e").count()).isZero();
    assertThat(r.errorSamples())
        .anySatisfy(
            s -> {
              assertThat(s.errorClass()).isEqualTo(errorClass);
              assertThat(s.message()).containsIgnoringCase(text);
            });
  }

  @org.junit.jupiter.api.Test
  void theRunGoesOnAroundFailures() throws Exception {
    try (RunHarness flaky =
        new RunHarness(
            Map.of(
                "ttft",
                "20ms",
                "itl",
                "5ms",
                "tokens",
                5,
                "seed",
                5,
                "fault500",
                0.2,
                "faultDrop",
                0.2,
                "faultMalformed",
                0.2))) {
      RunResults r =
          flaky.run(
              """
              target: ${BASE}
              preset: openai-chat
              load: { vus: 4, iterations: 25 }
              """);
      assertThat(r.messages().total()).isEqualTo(100);
      assertThat(r.messages().ok()).isBetween(20L, 70L);
      assertThat(r.errors().get("http_5xx")).isPositive();
      assertThat(r.errors().get("stream_broken")).isPositive();
      assertThat(r.errors().get("protocol")).isPositive();
      assertThat(r.metrics().get("ttft").count()).isEqualTo(r.messages().ok());
    }
  }
}
