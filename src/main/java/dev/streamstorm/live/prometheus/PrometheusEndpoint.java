package dev.streamstorm.live.prometheus;

import dev.streamstorm.live.LiveFrame;
import dev.streamstorm.live.LiveSetup;
import dev.streamstorm.live.LiveSink;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code run --metrics-port}: {@code /metrics} served by the Prometheus client's HTTP server on two
 * threads of its own (never an event loop), from the latest frame. The registry is private to the
 * run: the JVM's default registry, and whatever else uses it, is not exposed.
 */
public final class PrometheusEndpoint implements LiveSink, AutoCloseable {
  private final FrameCollector collector;
  private final HTTPServer server;
  private final ExecutorService threads;

  private PrometheusEndpoint(FrameCollector collector, HTTPServer server, ExecutorService threads) {
    this.collector = collector;
    this.server = server;
    this.threads = threads;
  }

  /** Listens on {@code host:port} (0 for a free port) until {@link #close}. */
  public static PrometheusEndpoint start(LiveSetup setup, String host, int port)
      throws IOException {
    FrameCollector collector = new FrameCollector(setup);
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(collector);
    ExecutorService threads =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "streamstorm-metrics");
              t.setDaemon(true);
              return t;
            });
    try {
      HTTPServer server =
          HTTPServer.builder()
              .inetAddress(InetAddress.getByName(host))
              .port(port)
              .registry(registry)
              .executorService(threads)
              .buildAndStart();
      return new PrometheusEndpoint(collector, server, threads);
    } catch (IOException | RuntimeException e) {
      threads.shutdownNow();
      throw e;
    }
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void onFrame(LiveFrame frame) {
    collector.update(frame);
  }

  @Override
  public void close() {
    server.close();
    threads.shutdownNow();
  }
}
