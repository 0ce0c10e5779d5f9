package dev.streamstorm.benchserver;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import io.vertx.core.Vertx;

/** Starts a bench-server on 127.0.0.1:0 with its own Vert.x and a client for it. */
final class ServerFixture implements AutoCloseable {

  final BenchServer server;
  final TestClient client;

  ServerFixture(Vertx clientVertx, BenchServerConfig config) {
    server = BenchServer.start(null, config.withEventLoops(1), "127.0.0.1", 0).await();
    client = new TestClient(clientVertx, server.port());
  }

  static BenchServerConfig fast() {
    return BenchServerConfig.fromMap(
        java.util.Map.of("ttft", "20ms", "itl", "2ms", "tokens", 5, "toolDelay", "10ms"));
  }

  @Override
  public void close() {
    client.close();
    server.close().await();
  }
}
