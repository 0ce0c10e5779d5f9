package dev.streamstorm.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.threshold.Aggregate;
import dev.streamstorm.metrics.threshold.Op;
import dev.streamstorm.scenario.ConversationSpec.Turn;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each key's happy path lands in the model as documented in docs/scenario-reference.md. */
class ScenarioKeysTest {
  static final String BASE = "target: http://127.0.0.1:8080\nload: { vus: 1, duration: 10s }\n";

  @TempDir Path dir;
  Fixture f;

  @BeforeEach
  void setUp() {
    f = new Fixture(dir);
  }

  @Test
  void nameDefaultsToTheFileName() {
    assertThat(f.yaml(BASE).name()).isEqualTo("s");
    assertThat(f.yaml(BASE + "name: checkout\n").name()).isEqualTo("checkout");
  }

  @Test
  void targetEmbedded() {
    Scenario s = f.yaml("target: embedded\nload: { duration: 5s }\n");
    assertThat(s.target()).isEqualTo(Target.embeddedServer());
    assertThat(s.request().path().source()).isEqualTo("/v1/chat/completions");
  }

  @Test
  void targetUrlWithAPathIsTheRequestPathWhenTheFileGivesNone() {
    Scenario s = f.yaml("target: http://h:9000/api/chat?x=1\nload: { duration: 5s }\n");
    assertThat(s.target()).isEqualTo(Target.of(URI.create("http://h:9000")));
    assertThat(s.request().path().source()).isEqualTo("/api/chat?x=1");
    assertThat(s.websocket().path().source()).isEqualTo("/ws");
  }

  @Test
  void targetUrlPathIsAPrefixWhenTheFileGivesAPath() {
    Scenario s =
        f.yaml(
            "target: https://h/base/\nload: { duration: 5s }\nrequest: { path: /v1/chat }\n"
                + "session: { request: { path: /sessions } }\n");
    assertThat(s.target()).isEqualTo(Target.of(URI.create("https://h")));
    assertThat(s.request().path().source()).isEqualTo("/base/v1/chat");
    assertThat(s.request().path().parts()).containsExactly(new Template.Literal("/base/v1/chat"));
    assertThat(s.session().orElseThrow().steps().get(0).request().path().source())
        .isEqualTo("/base/sessions");
    assertThat(s.websocket().path().source()).isEqualTo("/base/ws");
  }

  @Test
  void websocketSchemeChoosesTheWebsocketProtocol() {
    Scenario s = f.yaml("target: ws://h:81/chat/ws\nload: { duration: 5s }\n");
    assertThat(s.protocol()).isEqualTo(Protocol.WEBSOCKET);
    assertThat(s.preset()).isEqualTo(Preset.WEBSOCKET_JSON);
    assertThat(s.target()).isEqualTo(Target.of(URI.create("http://h:81")));
    assertThat(s.websocket().path().source()).isEqualTo("/chat/ws");
  }

  @Test
  void protocolAloneChoosesItsPreset() {
    assertThat(f.yaml(BASE + "protocol: websocket\n").preset()).isEqualTo(Preset.WEBSOCKET_JSON);
    assertThat(f.yaml(BASE + "protocol: sse\n").preset()).isEqualTo(Preset.OPENAI_CHAT);
    assertThat(f.yaml(BASE + "preset: anthropic-messages\n").protocol()).isEqualTo(Protocol.SSE);
    assertThat(f.yaml(BASE + "preset: Websocket-JSON\n").protocol()).isEqualTo(Protocol.WEBSOCKET);
    Scenario neither = f.yaml(BASE);
    assertThat(neither.protocol()).isEqualTo(Protocol.SSE);
    assertThat(neither.preset()).isEqualTo(Preset.OPENAI_CHAT);
  }

  @Test
  void headersAreTemplates() {
    Scenario s = f.yaml(BASE + "headers: { Authorization: \"Bearer ${env:API_KEY}\", X-N: 5 }\n");
    assertThat(s.headers()).containsOnlyKeys("Authorization", "X-N");
    assertThat(s.headers().get("X-N").source()).isEqualTo("5");
    assertThat(s.headers().get("Authorization").parts()).contains(new Template.Env("API_KEY"));
  }

  @Test
  void requestKeysReplaceThePresetsOneByOne() {
    Scenario s =
        f.yaml(
            BASE
                + "preset: anthropic-messages\n"
                + "request: { method: put, headers: { X-Vu: \"${vu}\" }, body: { model: m, text: \"${message}\" } }\n");
    assertThat(s.request().method()).isEqualTo("PUT");
    assertThat(s.request().path().source()).isEqualTo("/v1/messages");
    assertThat(s.request().headers()).containsOnlyKeys("anthropic-version", "X-Vu");
    JsonTemplate body = s.request().body().orElseThrow();
    assertThat(body.tree().toString()).isEqualTo("{\"model\":\"m\",\"text\":\"${message}\"}");
    assertThat(body.templates()).containsOnlyKeys("${message}");
    assertThat(body.templates().get("${message}").parts())
        .containsExactly(new Template.Variable("message"));
  }

  @Test
  void aNullBodyRemovesThePresetsBody() {
    assertThat(f.yaml(BASE + "request: { body: null }\n").request().body()).isEmpty();
    assertThat(f.yaml(BASE).request().body()).isPresent();
  }

  @Test
  void bodyKeepsJsonTypesAndTemplatesKeys() {
    JsonTemplate body =
        f.yaml(
                BASE
                    + "request:\n  body:\n    n: 3\n    x: 1.5\n    ok: true\n    none: null\n"
                    + "    list: [1, \"${vu}\"]\n    \"k-${vu}\": v\n    cost: \"$${price}\"\n")
            .request()
            .body()
            .orElseThrow();
    assertThat(body.tree().toString())
        .isEqualTo(
            "{\"n\":3,\"x\":1.5,\"ok\":true,\"none\":null,\"list\":[1,\"${vu}\"],\"k-${vu}\":\"v\",\"cost\":\"$${price}\"}");
    assertThat(body.templates()).containsOnlyKeys("${vu}", "k-${vu}", "$${price}");
    assertThat(body.templates().get("$${price}").parts())
        .containsExactly(new Template.Literal("${price}"));
  }

  @Test
  void websocketPathAndMessage() {
    Scenario s =
        f.yaml(
            BASE
                + "protocol: websocket\n"
                + "session: { request: { path: /api/sessions }, extract: { session_id: /session_id } }\n"
                + "websocket:\n  path: \"/api/sessions/${session_id}/ws\"\n"
                + "  message: { kind: say, text: \"${message}\", turn: \"${turn}\" }\n");
    assertThat(s.websocket().path().parts())
        .containsExactly(
            new Template.Literal("/api/sessions/"),
            new Template.Variable("session_id"),
            new Template.Literal("/ws"));
    assertThat(s.websocket().message().tree().get("kind").asText()).isEqualTo("say");
    assertThat(s.websocket().message().templates()).containsOnlyKeys("${message}", "${turn}");
  }

  @Test
  void websocketDefaults() {
    WebSocketSpec ws = f.yaml(BASE + "protocol: websocket\n").websocket();
    assertThat(ws.path().source()).isEqualTo("/ws");
    assertThat(ws.message().tree().toString())
        .isEqualTo("{\"type\":\"message\",\"content\":\"${message}\"}");
    assertThat(ws.message().templates()).containsOnlyKeys("${message}");
  }

  @Test
  void sessionRequestAndExtract() {
    SessionSpec session =
        f.yaml(
                BASE
                    + "session:\n  request: { path: /api/sessions, headers: { X-U: \"${vu}\" }, body: { user_id: \"loadtest-${vu}\" } }\n"
                    + "  extract: { session_id: /session_id, token: /auth/token }\n"
                    + "conversations: [ { turns: [\"hi from ${session_id}\"] } ]\n")
            .session()
            .orElseThrow();
    SessionSpec.Step step = session.steps().get(0);
    assertThat(step.request().method()).isEqualTo("POST");
    assertThat(step.request().headers()).containsOnlyKeys("X-U");
    assertThat(step.extract())
        .containsExactly(
            Map.entry("session_id", new Location.Json("/session_id")),
            Map.entry("token", new Location.Json("/auth/token")));
  }

  @Test
  void conversationsTurnsAndThinkTimes() {
    Scenario s =
        f.yaml(
            BASE
                + "thinkTime: 1s\n"
                + "conversations:\n"
                + "  - name: simple\n    weight: 3\n    turns: [\"What are your business hours?\"]\n"
                + "  - weight: 0.5\n    turns:\n      - first\n      - { message: \"second ${turn}\", thinkTime: { min: 1s, max: 3s } }\n");
    assertThat(s.conversations())
        .extracting(ConversationSpec::name)
        .containsExactly("simple", "conversation-2");
    assertThat(s.conversations()).extracting(ConversationSpec::weight).containsExactly(3.0, 0.5);
    List<Turn> turns = s.conversations().get(1).turns();
    assertThat(turns.get(0).thinkTime()).isNull();
    assertThat(turns.get(1).thinkTime())
        .isEqualTo(new Delay.Uniform(Duration.ofSeconds(1), Duration.ofSeconds(3)));
    assertThat(turns.get(1).message().parts()).contains(new Template.Variable("turn"));
    assertThat(s.thinkTime()).isEqualTo(new Delay.Fixed(Duration.ofSeconds(1)));
  }

  @Test
  void withoutConversationsOneDefaultConversation() {
    List<ConversationSpec> c = f.yaml(BASE).conversations();
    assertThat(c).hasSize(1);
    assertThat(c.get(0).name()).isEqualTo("default");
    assertThat(c.get(0).turns().get(0).message().source())
        .isEqualTo("Hello! Please tell me about streaming APIs.");
  }

  @Test
  void delayForms() {
    assertThat(f.yaml(BASE + "thinkTime: 2s\n").thinkTime())
        .isEqualTo(new Delay.Fixed(Duration.ofSeconds(2)));
    assertThat(f.yaml(BASE + "thinkTime: { min: 1s, max: 3s }\n").thinkTime())
        .isEqualTo(new Delay.Uniform(Duration.ofSeconds(1), Duration.ofSeconds(3)));
    assertThat(f.yaml(BASE + "thinkTime: { mean: 2s, distribution: exponential }\n").thinkTime())
        .isEqualTo(new Delay.Exponential(Duration.ofSeconds(2)));
    assertThat(f.yaml(BASE + "thinkTime: { mean: 2s }\n").thinkTime())
        .isEqualTo(new Delay.Exponential(Duration.ofSeconds(2)));
    assertThat(f.yaml(BASE + "thinkTime: 0\n").thinkTime()).isEqualTo(Delay.none());
    assertThat(f.yaml(BASE + "thinkTime: none\n").thinkTime()).isEqualTo(Delay.none());
    assertThat(f.yaml(BASE).thinkTime()).isEqualTo(Delay.none());
    assertThat(f.yaml(BASE + "pacing: { min: 2s, max: 5s }\n").pacing())
        .isEqualTo(new Delay.Uniform(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    assertThat(f.yaml(BASE).pacing()).isEqualTo(Delay.none());
  }

  @Test
  void retryTimeoutsConnectionAndTheirDefaults() {
    Scenario defaults = f.yaml(BASE);
    assertThat(defaults.retry()).isEmpty();
    assertThat(defaults.timeouts())
        .isEqualTo(
            new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(300)));
    assertThat(defaults.connection()).isEqualTo(new ConnectionSpec(true, false, 3));

    Scenario s =
        f.yaml(
            BASE
                + "retry: { on: [429, 503, 502], max: 5, honourRetryAfter: false, backoff: 250ms }\n"
                + "timeouts: { connect: 2s, firstToken: 5s, message: 1m }\n"
                + "connection: { reuse: false, reconnect: true, maxReconnects: 0 }\n");
    assertThat(s.retry())
        .contains(new RetrySpec(Set.of(429, 503, 502), 5, false, Duration.ofMillis(250)));
    assertThat(s.timeouts())
        .isEqualTo(
            new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(1)));
    assertThat(s.connection()).isEqualTo(new ConnectionSpec(false, true, 0));
    assertThat(f.yaml(BASE + "retry: {}\n").retry())
        .contains(new RetrySpec(Set.of(429, 503), 3, true, Duration.ofSeconds(1)));
  }

  @Test
  void localAddressesExpandRangesInOrderWithoutRepeats() {
    Scenario s =
        f.yaml(
            BASE
                + "connection:\n"
                + "  localAddresses: [127.0.0.2, 127.0.0.250-127.0.1.1, 127.0.0.3-5, '::1',"
                + " 127.0.0.4]\n");
    assertThat(s.connection().localAddresses())
        .containsExactly(
            "127.0.0.2",
            "127.0.0.250",
            "127.0.0.251",
            "127.0.0.252",
            "127.0.0.253",
            "127.0.0.254",
            "127.0.0.255",
            "127.0.1.0",
            "127.0.1.1",
            "127.0.0.3",
            "127.0.0.4",
            "127.0.0.5",
            "0:0:0:0:0:0:0:1");
    assertThat(f.yaml(BASE).connection().localAddresses()).isEmpty();
  }

  @Test
  void thresholdsAreParsedAndPlaced() {
    Scenario s =
        f.yaml(
            BASE
                + "conversations: [ { name: multi_turn, turns: [a, b] } ]\n"
                + "thresholds:\n"
                + "  ttft: [\"p95 < 2s\", \"p99 < 4s\"]\n"
                + "  \"ttft{conversation:multi_turn}\": [\"p95 < 3s\"]\n"
                + "  errors: [\"rate < 1%\"]\n"
                + "  http_5xx: \"count == 0\"\n"
                + "  e2e: [{ threshold: \"p95 < 10s\", abortOnFail: true, delayAbortEval: 10s }]\n");
    List<ThresholdSpec> t = s.thresholds();
    assertThat(t)
        .extracting(ThresholdSpec::key)
        .containsExactly(
            "ttft", "ttft", "ttft{conversation:multi_turn}", "errors", "http_5xx", "e2e");
    assertThat(t.get(0).expression()).isEqualTo("p95 < 2s");
    assertThat(t.get(0).line()).isEqualTo(5);
    assertThat(t.get(0).column()).isEqualTo(10);
    assertThat(t.get(0).threshold().value()).isEqualTo(2000.0);
    assertThat(t.get(0).threshold().aggregate()).isEqualTo(Aggregate.percentile(95));
    assertThat(t.get(2).threshold().tags()).containsEntry("conversation", "multi_turn");
    assertThat(t.get(3).threshold().value()).isEqualTo(0.01);
    assertThat(t.get(4).threshold().op()).isEqualTo(Op.EQ);
    assertThat(t.get(5).abortOnFail()).isTrue();
    assertThat(t.get(5).abortGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(t.get(0).abortOnFail()).isFalse();
  }

  @Test
  void sloSeedAndEmbeddedServer() {
    Scenario s =
        f.yaml(
            BASE
                + "slo: { ttft: 2s, tpot: 50ms, e2e: 20s }\n"
                + "seed: 42\n"
                + "embeddedServer: { ttft: 200ms, itl: 20ms, tokens: 50, maxConcurrency: 16, faults: [ { kind: http_500, rate: 0.1 } ] }\n");
    assertThat(s.slo())
        .isEqualTo(
            new SloSpec(
                Optional.of(Duration.ofSeconds(2)),
                Optional.of(Duration.ofMillis(50)),
                Optional.of(Duration.ofSeconds(20))));
    assertThat(s.seed()).isEqualTo(42);
    assertThat(s.embeddedServer())
        .containsEntry("ttft", "200ms")
        .containsEntry("tokens", 50L)
        .containsEntry("maxConcurrency", 16L)
        .containsEntry("faults", List.of(Map.of("kind", "http_500", "rate", 0.1)));
    Scenario none = f.yaml(BASE);
    assertThat(none.slo().isEmpty()).isTrue();
    assertThat(none.embeddedServer()).isEmpty();
  }

  @Test
  void withoutASeedTheLoaderPicksOne() {
    long a = f.yaml(BASE).seed();
    long b = f.yaml(BASE).seed();
    long c = f.yaml(BASE).seed();
    assertThat(Set.of(a, b, c)).hasSizeGreaterThan(1);
  }

  @Test
  void jsonGivesTheSameModelAsYaml() {
    Scenario yaml =
        f.yaml(
            "name: same\ntarget: embedded\nload: { vus: 2, duration: 5s }\n"
                + "conversations: [ { name: a, turns: [\"hi ${vu}\"] } ]\n"
                + "thresholds: { ttft: [\"p95 < 2s\"] }\nseed: 7\n");
    Scenario json =
        f.json(
            "{\"name\": \"same\", \"target\": \"embedded\", \"load\": {\"vus\": 2, \"duration\": \"5s\"},"
                + " \"conversations\": [{\"name\": \"a\", \"turns\": [\"hi ${vu}\"]}],"
                + " \"thresholds\": {\"ttft\": [\"p95 < 2s\"]}, \"seed\": 7}");
    assertThat(json.conversations()).isEqualTo(yaml.conversations());
    assertThat(json.load()).isEqualTo(yaml.load());
    assertThat(json.request()).isEqualTo(yaml.request());
    assertThat(json.thresholds().get(0).threshold())
        .isEqualTo(yaml.thresholds().get(0).threshold());
    assertThat(json.seed()).isEqualTo(7);
  }

  @Test
  void contentDecidesWhenTheExtensionDoesNot() {
    Scenario json =
        f.loader()
            .load(
                f.write(
                    "plan.scenario",
                    "{\"target\": \"embedded\", \"load\": {\"duration\": \"1s\"}}"),
                ScenarioOverrides.none());
    Scenario yaml =
        f.loader()
            .load(
                f.write("plan2.txt", "target: embedded\nload: { duration: 1s }\n"),
                ScenarioOverrides.none());
    assertThat(json.name()).isEqualTo("plan");
    assertThat(yaml.name()).isEqualTo("plan2");
  }

  @Test
  void yamlAnchorsAndAliasesAreFollowed() {
    Scenario s =
        f.yaml(
            BASE
                + "conversations:\n  - { name: a, turns: &t [one, two] }\n  - { name: b, turns: *t }\n");
    assertThat(s.conversations().get(1).turns()).isEqualTo(s.conversations().get(0).turns());
  }

  @Test
  void yamlBooleanWordsAreBooleansWhereBooleansGoAndTextElsewhere() {
    Scenario s =
        f.yaml(
            BASE
                + "connection: { reuse: no, reconnect: yes }\n"
                + "headers: { X-Flag: yes }\n"
                + "stream: { done: { json: /final, equals: on } }\n");
    assertThat(s.connection().reuse()).isFalse();
    assertThat(s.connection().reconnect()).isTrue();
    assertThat(s.headers().get("X-Flag").source()).isEqualTo("yes");
    assertThat(s.stream().done()).contains(Match.json("/final", "on"));
  }

  @Test
  void aByteOrderMarkIsIgnored() {
    assertThat(f.yaml("\uFEFF" + BASE).target().embedded()).isFalse();
  }

  @Test
  void aMissingFileHasNoPosition() {
    String message =
        Fixture.error(() -> f.loader().load(dir.resolve("nope.yaml"), ScenarioOverrides.none()));
    assertThat(f.local(message)).isEqualTo("scenario file not found: nope.yaml");
  }
}
