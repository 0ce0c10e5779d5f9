package dev.streamstorm.benchserver;

import dev.streamstorm.benchserver.http.BenchVerticle;
import dev.streamstorm.benchserver.http.ServerState;
import dev.streamstorm.benchserver.stats.BenchServerStats;
import dev.streamstorm.benchserver.stats.StatsCollector;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
    List<BenchVerticle> instances = new ArrayList<>();
    // One deployment of N instances: Vert.x shares the listening socket among them (even for
    // port 0, where all instances get the same random port) and spreads connections over them.
    Future<BenchServer> started =
        vx.deployVerticle(
                () -> {
                  BenchVerticle v = new BenchVerticle(state, host, port);
                  synchronized (instances) {
                    instances.add(v);
                  }
                  return v;
                },
                new DeploymentOptions().setInstances(config.eventLoops()))
            .map(
                id -> {
                  int bound;
                  synchronized (instances) {
                    bound = instances.get(0).actualPort();
                  }
                  return new BenchServer(vx, owns, state, host, bound, List.of(id));
                });
    if (owns) {
      // Closing without listening: a listener would be run on an event loop that is shutting down.
      return started.recover(
          e -> {
            vx.close();
            return Future.failedFuture(e);
          });
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

  /**
   * Stops listening and ends open streams; closes the Vert.x too when this server created it. The
   * future completes once the servers are closed; an owned Vert.x then finishes closing its threads
   * in the background (a listener on its close future would be run on an event loop that no longer
   * exists).
   */
  public Future<Void> close() {
    Future<Void> all = Future.succeededFuture();
    for (String id : deployments) {
      all = all.compose(v -> vertx.undeploy(id));
    }
    if (!ownsVertx) {
      return all;
    }
    Promise<Void> closed = Promise.promise();
    all.onComplete(
        ar -> {
          vertx.close();
          closed.handle(ar);
        });
    return closed.future();
  }
}
