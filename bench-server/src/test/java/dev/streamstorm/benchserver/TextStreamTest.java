package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.stats.RequestRecord;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /v1/text}: raw token text as SSE data, leading spaces intact for WHATWG parsers. */
@ExtendWith(VertxExtension.class)
class TextStreamTest {

  private ServerFixture fx;

  @BeforeEach
  void start(Vertx vertx) {
    fx = new ServerFixture(vertx, ServerFixture.fast());
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  /** The data of each event as the WHATWG parser builds it: one space after "data:" removed. */
  private static List<String> whatwgData(String body) {
    List<String> out = new ArrayList<>();
    for (String event : body.split("\n\n")) {
      String line = event.substring("data:".length());
      out.add(line.startsWith(" ") ? line.substring(1) : line);
    }
    return out;
  }

  @Test
  void eachTokenIsDataWithTwoSpacesSoTheParserKeepsItsLeadingSpace() {
    var r = fx.client.post("/v1/text?tokens=3", "not even json");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).isEqualTo("text/event-stream");
    assertThat(r.body()).matches("(data:  [A-Za-z]+\n\n){3}");
    List<String> tokens = whatwgData(r.body());
    assertThat(tokens).hasSize(3).allMatch(t -> t.matches(" [A-Za-z]+"));
    RequestRecord rec = fx.server.stats().recent().get(0);
    assertThat(rec.endpoint()).isEqualTo("/v1/text");
    assertThat(rec.tokens()).isEqualTo(3);
    assertThat(rec.outcome()).isEqualTo("ok");
  }

  @Test
  void aJsonPromptIsAcceptedAndMaxTokensCuts() {
    var r = fx.client.post("/v1/text?tokens=5", "{\"prompt\":\"say it\",\"max_tokens\":2}");
    var bad = fx.client.post("/v1/text", "{\"prompt\":7}");

    assertThat(whatwgData(r.body())).hasSize(2);
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  void theErrorEventFaultSendsAnErrorEventAndCloses() {
    var r = fx.client.post("/v1/text?tokens=4&fault=error_event", "");

    assertThat(r.body())
        .endsWith("event: error\ndata: injected fault: the model failed mid-generation\n\n");
  }
}
