package dev.streamstorm.scenario;

import static dev.streamstorm.scenario.Flags.flags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.scenario.LoadSpec.Closed;
import dev.streamstorm.scenario.LoadSpec.Open;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Flags beat the file; a run needs no file; flag errors name the flag. */
class OverridesTest {
  static final String FILE =
      "name: file\ntarget: http://file:1\npreset: openai-chat\nload: { vus: 5, duration: 1m }\n"
          + "conversations: [ { name: a, turns: [x, y] } ]\nseed: 1\n";

  @TempDir Path dir;
  Fixture f;

  @BeforeEach
  void setUp() {
    f = new Fixture(dir);
  }

  Scenario fromFlags(Flags flags) {
    return f.loader().fromFlags(flags.build());
  }

  @Test
  void flagsBeatTheFile() {
    Scenario s =
        f.yaml(
            FILE,
            flags()
                .target("http://flag:2/v1/chat/completions")
                .preset("anthropic-messages")
                .vus(9)
                .duration(Duration.ofSeconds(7))
                .seed(99)
                .build());
    assertThat(s.target()).isEqualTo(Target.of(URI.create("http://flag:2")));
    assertThat(s.preset()).isEqualTo(Preset.ANTHROPIC_MESSAGES);
    assertThat(s.request().path().source()).isEqualTo("/v1/chat/completions");
    assertThat(((Closed) s.load()).vus()).isEqualTo(9);
    assertThat(s.load().limits().duration()).contains(Duration.ofSeconds(7));
    assertThat(s.seed()).isEqualTo(99);
    assertThat(s.name()).isEqualTo("file");
  }

  @Test
  void presetFlagCarriesItsProtocolOverTheFiles() {
    Scenario s = f.yaml(FILE + "protocol: sse\n", flags().preset("websocket-json").build());
    assertThat(s.protocol()).isEqualTo(Protocol.WEBSOCKET);
    assertThat(s.preset()).isEqualTo(Preset.WEBSOCKET_JSON);
  }

  @Test
  void protocolFlagDropsAFilePresetOfTheOtherProtocol() {
    Scenario s = f.yaml(FILE, flags().protocol("websocket").build());
    assertThat(s.protocol()).isEqualTo(Protocol.WEBSOCKET);
    assertThat(s.preset()).isEqualTo(Preset.WEBSOCKET_JSON);
    Scenario kept =
        f.yaml(FILE.replace("openai-chat", "anthropic-messages"), flags().protocol("sse").build());
    assertThat(kept.preset()).isEqualTo(Preset.ANTHROPIC_MESSAGES);
  }

  @Test
  void messageFlagReplacesTheConversations() {
    Scenario s = f.yaml(FILE, flags().message("ping ${vu}").build());
    assertThat(s.conversations()).hasSize(1);
    assertThat(s.conversations().get(0).name()).isEqualTo("default");
    assertThat(s.conversations().get(0).turns().get(0).message().parts())
        .containsExactly(new Template.Literal("ping "), new Template.Variable("vu"));
  }

  @Test
  void thresholdFlagsAddToTheFiles() {
    Scenario s =
        f.yaml(
            FILE + "thresholds: { ttft: [\"p95 < 2s\"] }\n",
            flags().threshold("ttft{conversation:a} p99<4s").threshold("errors rate < 1%").build());
    assertThat(s.thresholds()).hasSize(3);
    ThresholdSpec flag = s.thresholds().get(1);
    assertThat(flag.key()).isEqualTo("ttft{conversation:a}");
    assertThat(flag.expression()).isEqualTo("p99<4s");
    assertThat(flag.line()).isZero();
    assertThat(flag.threshold().value()).isEqualTo(4000);
    assertThat(s.thresholds().get(2).key()).isEqualTo("errors");
    assertThat(s.thresholds().get(2).expression()).isEqualTo("rate < 1%");
  }

  @Test
  void aFlagOnlyRun() {
    Scenario s =
        fromFlags(
            flags()
                .target("http://127.0.0.1:8080/v1/chat/completions")
                .preset("openai-chat")
                .vus(50)
                .duration(Duration.ofSeconds(20)));
    assertThat(s.name()).isEqualTo("streamstorm");
    assertThat(s.source()).isEqualTo("-");
    assertThat(s.target()).isEqualTo(Target.of(URI.create("http://127.0.0.1:8080")));
    assertThat(s.request().path().source()).isEqualTo("/v1/chat/completions");
    assertThat(((Closed) s.load()).vus()).isEqualTo(50);
    assertThat(s.conversations()).hasSize(1);
    assertThat(s.conversations().get(0).name()).isEqualTo("default");
    assertThat(s.conversations().get(0).turns().get(0).message().source())
        .isEqualTo("Hello! Please tell me about streaming APIs.");
    assertThat(s.timeouts()).isEqualTo(PolicyReader.DEFAULT_TIMEOUTS);
    assertThat(s.thresholds()).isEmpty();
  }

  @Test
  void aFlagOnlyOpenRunWithADuration() {
    Scenario s =
        fromFlags(
            flags()
                .target("embedded")
                .rate("20/s")
                .distribution("poisson")
                .duration(Duration.ofMinutes(1)));
    assertThat(s.target().embedded()).isTrue();
    Open o = (Open) s.load();
    assertThat(o.rate()).isEqualTo(20);
    assertThat(o.distribution()).isEqualTo(LoadSpec.Distribution.POISSON);
  }

  @Test
  void aFlagOnlyRunWithADurationOnlyHasOneUser() {
    Scenario s = fromFlags(flags().target("embedded").duration(Duration.ofSeconds(5)));
    assertThat(((Closed) s.load()).vus()).isEqualTo(1);
  }

  @Test
  void flagOnlyMessageAndThreshold() {
    Scenario s =
        fromFlags(
            flags()
                .target("embedded")
                .iterations(1)
                .message("Summarise ${env:API_KEY}")
                .threshold("ttft p95 < 2s"));
    assertThat(s.conversations().get(0).turns().get(0).message().parts())
        .contains(new Template.Env("API_KEY"));
    assertThat(s.thresholds().get(0).threshold().metric()).isEqualTo("ttft");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "vus=0                 | --vus: expected a positive number, got 0",
        "vus=-2                | --vus: expected a positive number, got -2",
        "users=0               | --users: expected a positive number, got 0",
        "spawn=0               | --spawn-rate: expected a positive number, got 0.0",
        "spawn=1               | --spawn-rate needs --users (the number of users to reach)",
        "duration=0            | --duration: expected a positive duration like 30s",
        "rate=fast             | --rate: expected a rate like 20/s, 1200/m or 0.5/s, got 'fast'",
        "rate=0/s              | --rate: expected a rate like 20/s, 1200/m or 0.5/s, got '0/s'",
        "distribution=poison   | --distribution: unknown distribution 'poison', did you mean 'poisson'? (expected one of constant, poisson)",
        "distribution=poisson  | --distribution: applies to an arrival rate; give --rate (or load.arrival) too",
        "rate+vus              | --rate and --vus choose different load models: an arrival rate (open) or virtual users (closed); give one",
        "vus+users             | --vus and --users both set the number of users; give one",
        "iterations=0          | --iterations: expected a positive number, got 0",
        "maxMessages=0         | --max-messages: expected a positive number, got 0",
        "maxTokens=-1          | --max-tokens: expected a positive number, got -1",
        "preset=openai         | --preset: unknown preset 'openai' (expected one of openai-chat, openai-responses, anthropic-messages, gemini, text, vercel-ai, a2a, generic, websocket-json, openai-realtime)",
        "protocol=h2           | --protocol: unknown protocol 'h2' (expected one of sse, websocket)",
        "preset+protocol       | preset 'websocket-json' speaks websocket, but --protocol is sse (websocket goes with websocket-json, openai-realtime; sse with openai-chat, openai-responses, anthropic-messages, gemini, text, vercel-ai, a2a, generic)",
        "target=ftp://x        | --target: expected a URL like http://127.0.0.1:8080 or 'embedded', got 'ftp://x'",
        "message=${nope}       | --message: unknown variable 'nope'; variables here: conversation, iteration, turn, vu, uuid, random:MIN:MAX, env:NAME",
        "threshold=ttft p95 2s | --threshold 'ttft p95 2s': expected an operator (<, <=, >, >=, ==, !=) at column 10",
        "threshold=ttft{conversation:b} p95<2s | --threshold 'ttft{conversation:b} p95<2s': no conversation is named 'b' (conversations: default)",
        "generic               | --preset generic: needs request.path (the generic preset has no default), which a scenario file gives",
        "nothing               | nothing ends this run: give --duration, --iterations, --max-messages or --max-tokens",
        "notarget              | a run without a scenario file needs --target URL (or --target embedded)",
      })
  void flagErrorsNameTheFlag(String given, String expected) {
    Flags flags = flags().target("embedded").duration(Duration.ofSeconds(5));
    String[] kv = given.split("=", 2);
    switch (kv[0]) {
      case "vus" -> flags.vus(Integer.parseInt(kv[1]));
      case "users" -> flags.users(Integer.parseInt(kv[1]));
      case "spawn" -> {
        flags.spawnRate(Double.parseDouble(kv[1]));
      }
      case "duration" -> flags.duration(Duration.ZERO);
      case "rate" -> flags.rate(kv[1]);
      case "distribution" -> flags.distribution(kv[1]);
      case "rate+vus" -> flags.rate("1/s").vus(1);
      case "vus+users" -> flags.vus(1).users(1);
      case "iterations" -> flags.iterations(Long.parseLong(kv[1]));
      case "maxMessages" -> flags.maxMessages(Long.parseLong(kv[1]));
      case "maxTokens" -> flags.maxTokens(Long.parseLong(kv[1]));
      case "preset" -> flags.preset(kv[1]);
      case "protocol" -> flags.protocol(kv[1]);
      case "preset+protocol" -> flags.preset("websocket-json").protocol("sse");
      case "target" -> flags.target(kv[1]);
      case "message" -> flags.message(kv[1]);
      case "threshold" -> flags.threshold(kv[1]);
      case "generic" -> flags.preset("generic");
      case "nothing" -> flags = flags().target("embedded");
      case "notarget" -> flags = flags().duration(Duration.ofSeconds(5));
      default -> throw new IllegalArgumentException(given);
    }
    Flags chosen = flags;
    assertThat(Fixture.error(() -> fromFlags(chosen))).isEqualTo(expected);
  }

  @Test
  void aFlagErrorWithAFileStillNamesTheFlag() {
    assertThat(f.yamlError(FILE, flags().vus(0).build()))
        .isEqualTo("--vus: expected a positive number, got 0");
    assertThat(
            f.yamlError(
                FILE.replace("preset: openai-chat\n", "preset: generic\n"), flags().build()))
        .isEqualTo(
            "s.yaml:3:9: preset: the generic preset has no default request.path; add request.path"
                + " to the scenario");
    assertThat(
            f.yamlError(
                "target: embedded\nload: { vus: 1, duration: 1s }\nrequest: { path: /x }\n",
                flags().preset("generic").build()))
        .isEqualTo(
            "--preset generic: needs stream.token (the generic preset has no default), which a"
                + " scenario file gives");
  }

  @Test
  void aTargetFlagWithAQueryCannotBeAPrefix() {
    assertThat(
            f.yamlError(
                "target: embedded\nload: { duration: 1s }\nrequest: { path: /x }\n",
                flags().target("http://h/api?k=1").build()))
        .isEqualTo(
            "--target: a target URL whose path prefixes the scenario's paths cannot have a query");
  }
}
