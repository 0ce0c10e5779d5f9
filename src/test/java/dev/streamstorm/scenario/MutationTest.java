package dev.streamstorm.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never a stack trace: hundreds of damaged variants of a real scenario either load or fail with a
 * ScenarioException that has a position; no other exception escapes.
 */
class MutationTest {
  static final String[] JUNK = {
    "",
    "x",
    "0",
    "-1",
    "[",
    "]",
    "{",
    "}",
    ":",
    "${",
    "}}",
    "\"",
    "'",
    "~",
    "null",
    "1e999",
    "99999999999999999999",
    "- a",
    "&a",
    "*a",
    "\t",
    "%",
    "10s",
    "1/s",
    "[]",
    "{}",
    "true"
  };

  static final String RICH =
      """
      target: https://example.test/base
      protocol: sse
      preset: generic
      request: { method: POST, path: "/chat/${vu}", headers: { X-Id: "${uuid}" }, body: { q: "${message}", n: 1.5 } }
      stream:
        token: /t
        tokenWhen: { event: delta }
        done: { json: /type, equals: done }
        error: { json: /error }
        usage: { llm_calls: /u/llm }
      load:
        arrival: { rate: 20/s, distribution: poisson }
        stages: [ { duration: 1m, target: 50/s } ]
        maxInFlight: 100
        duration: 2m
        warmup: 10s
        maxTokens: 100000
      conversations:
        - { name: a, weight: 2, turns: ["hi ${random:1:9}", { message: "more", thinkTime: { mean: 2s } }] }
      thinkTime: { min: 1s, max: 2s }
      pacing: 1s
      retry: { on: [429], max: 2, backoff: 100ms }
      timeouts: { connect: 1s, firstToken: 5s, message: 10s }
      connection: { reuse: false }
      thresholds:
        ttft: ["p95 < 2s"]
        "ttft{conversation:a,turn:2}": [{ threshold: "p99 < 4s", abortOnFail: true, delayAbortEval: 5s }]
        errors: ["rate < 1%"]
        goodput: ["ratio > 0.9"]
      slo: { ttft: 2s }
      seed: 3
      embeddedServer: { ttft: 10ms }
      """;

  @TempDir Path dir;

  @Test
  void damagedIssueScenariosFailCleanly() {
    damageAndLoad(IssueExampleTest.ISSUE_3, 20240607);
  }

  @Test
  void damagedRichScenariosFailCleanly() {
    assertThat(new Fixture(dir).yaml(RICH).load()).isInstanceOf(LoadSpec.Open.class);
    damageAndLoad(RICH, 42);
  }

  private void damageAndLoad(String original, long seed) {
    Random random = new Random(seed);
    Fixture f = new Fixture(dir);
    int loaded = 0;
    int rejected = 0;
    for (int i = 0; i < 400; i++) {
      String damaged = damage(original, random);
      try {
        f.yaml(damaged);
        loaded++;
      } catch (ScenarioException e) {
        rejected++;
        assertThat(e.line()).as("line of: %s%n%s", e.getMessage(), damaged).isPositive();
        assertThat(e.column()).isPositive();
      } catch (RuntimeException e) {
        throw new AssertionError("escaped " + e + " for:\n" + damaged, e);
      }
    }
    assertThat(rejected).isGreaterThan(100);
    assertThat(loaded).isGreaterThan(10);
  }

  private static String damage(String text, Random random) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n")));
    int at = random.nextInt(lines.size());
    String line = lines.get(at);
    String junk = JUNK[random.nextInt(JUNK.length)];
    switch (random.nextInt(4)) {
      case 0 -> lines.remove(at);
      case 1 -> {
        int cut = line.isEmpty() ? 0 : random.nextInt(line.length());
        lines.set(at, line.substring(0, cut) + junk + line.substring(cut));
      }
      case 2 -> {
        int colon = line.indexOf(": ");
        lines.set(at, colon < 0 ? junk : line.substring(0, colon + 2) + junk);
      }
      default -> lines.add(at, line);
    }
    return String.join("\n", lines) + "\n";
  }
}
