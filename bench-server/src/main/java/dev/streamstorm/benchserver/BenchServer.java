package dev.streamstorm.benchserver;

import dev.streamstorm.benchserver.http.BenchVerticle;
import dev.streamstorm.benchserver.http.ServerState;
import dev.streamstorm.benchserver.stats.BenchServerStats;
import dev.streamstorm.benchserver.stats.StatsCollector;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * bench-server, the fake streaming LLM/agent server, as a Java API:
 *
 * <pre>{@code
 * BenchServer server = BenchServer.start(null, BenchServerConfig.defaults(), "127.0.0.1", 0)
 *     .toCompletionStage().toCompletableFuture().get();
 * server.baseUrl();  // http://127.0.0.1:PORT
 * server.close();
 * }</pre>
 *
 * It runs one HTTP server per event loop ({@link BenchServerConfig#eventLoops()}), all on the same
 * port.
 */
public final class BenchServer {

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final ServerState state;
  private final String host;
  private final int port;
  private final List<String> deployments;

  private BenchServer(
      Vertx vertx,
      boolean ownsVertx,
      ServerState state,
      String host,
      int port,
      List<String> deployments) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.state = state;
    this.host = host;
    this.port = port;
    this.deployments = deployments;
  }

  /**
   * Starts bench-server.
   *
   * @param vertx the Vert.x to run on, or null to create one (with {@code config.eventLoops()}
   *     event loops) that {@link #close()} closes again
   * @param port the port, 0 for a free one ({@link #port()} tells which)
   */
  public static Future<BenchServer> start(
      Vertx vertx, BenchServerConfig config, String host, int port) {
    boolean owns = vertx == null;
    Vertx vx =
        owns ? Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.eventLoops())) : vertx;
    ServerState state = new ServerState(config);
    List<String> deployments = new ArrayList<>();
    BenchVerticle first = new BenchVerticle(state, host, port);
    Future<BenchServer> started =
        vx.deployVerticle(first)
            .compose(
                id -> {
                  deployments.add(id);
                  int bound = first.actualPort();
                  if (config.eventLoops() == 1) {
                    return Future.succeededFuture(bound);
                  }
                  return vx.deployVerticle(
                          () -> new BenchVerticle(state, host, bound),
                          new DeploymentOptions().setInstances(config.eventLoops() - 1))
                      .map(
                          id2 -> {
                            deployments.add(id2);
                            return bound;
                          });
                })
            .map(bound -> new BenchServer(vx, owns, state, host, bound, deployments));
    if (owns) {
      return started.recover(e -> vx.close().transform(v -> Future.failedFuture(e)));
    }
    return started;
  }

  public int port() {
    return port;
  }

  public String host() {
    return host;
  }

  /** {@code http://HOST:PORT}. */
  public String baseUrl() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The snapshot {@code GET /stats} returns (all recent requests held). */
  public BenchServerStats stats() {
    return state.stats(StatsCollector.RECENT_CAPACITY, null);
  }

  /** Stops listening and ends open streams; closes the Vert.x too when this server created it. */
  public Future<Void> close() {
    if (ownsVertx) {
      return vertx.close();
    }
    Future<Void> all = Future.succeededFuture();
    for (String id : deployments) {
      all = all.compose(v -> vertx.undeploy(id));
    }
    return all;
  }
}
