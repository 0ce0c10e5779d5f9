package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.results.RunResults;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * connection.localAddresses: users take the source addresses in turn, for SSE connections and
 * WebSocket connections alike, as the server sees them (127.0.0.0/8 is all loopback on Linux).
 */
class LocalAddressesTest {

  private static final String TOKEN = "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n";
  private static final String DONE = "data: [DONE]\n\n";

  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

  private void saw(String host) {
    seen.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
  }

  @Test
  void sseUsersConnectFromEachAddressInTurn() throws Exception {
    try (HostileServer server =
        HostileServer.http(
            (req, n, s) -> {
              saw(req.connection().remoteAddress().host());
              req.response()
                  .setChunked(true)
                  .putHeader("Content-Type", "text/event-stream")
                  .end(TOKEN + DONE);
            })) {
      RunResults r =
          RunHarness.run(
              RunHarness.scenario(
                  """
                  target: ${BASE}
                  preset: openai-chat
                  load: { vus: 6, iterations: 2 }
                  connection: { localAddresses: [127.0.0.2-4] }
                  """,
                  server.url()),
              (o, s) -> {});
      assertThat(r.messages().ok()).isEqualTo(12);
      // Two users per address, two messages each on its keep-alive connection.
      assertThat(seen).containsOnlyKeys("127.0.0.2", "127.0.0.3", "127.0.0.4");
      assertThat(seen.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(4));
    }
  }

  @Test
  void webSocketUsersConnectFromEachAddressInTurn() throws Exception {
    try (HostileServer server =
        HostileServer.webSocket(
            (ws, text, n, s) -> {
              saw(ws.remoteAddress().host());
              ws.writeTextMessage("{\"type\":\"token\",\"content\":\"hi\"}");
              ws.writeTextMessage("{\"type\":\"done\"}");
            })) {
      RunResults r =
          RunHarness.run(
              RunHarness.scenario(
                  """
                  target: ${BASE}
                  preset: websocket-json
                  websocket: { path: /ws }
                  load: { vus: 4, iterations: 1 }
                  connection: { localAddresses: [127.0.0.5, 127.0.0.6] }
                  """,
                  server.url()),
              (o, s) -> {});
      assertThat(r.messages().ok()).isEqualTo(4);
      assertThat(seen).containsOnlyKeys("127.0.0.5", "127.0.0.6");
      assertThat(seen.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(2));
    }
  }
}
