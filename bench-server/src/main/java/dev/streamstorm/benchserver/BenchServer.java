package dev.streamstorm.benchserver;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.benchserver.config.Dist;
import dev.streamstorm.benchserver.http.BenchVerticle;
import dev.streamstorm.benchserver.http.ServerState;
import dev.streamstorm.benchserver.stats.BenchServerStats;
import dev.streamstorm.benchserver.stats.StatsCollector;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * port. With {@link BenchServerConfig#warmUp()} the start first warms the request paths on a
 * throw-away instance (about a second), so that the first real request is not served by cold code.
 */
public final class BenchServer {

  private static final int FREE_PORT_ATTEMPTS = 3;

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final ServerState state;
  private final String host;
  private final int port;
  private final List<String> deployments;
  private final int warmUpRequests;

  /** The certificate served (PEM), or null for cleartext. */
  private final String certificateFile;

  /** The certificate generated at start (tlsSelfSigned), deleted at close; null otherwise. */
  private final SelfSignedCertificate generated;

  private BenchServer(
      Vertx vertx,
      boolean ownsVertx,
      ServerState state,
      String host,
      int port,
      List<String> deployments,
      int warmUpRequests,
      String certificateFile,
      SelfSignedCertificate generated) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.state = state;
    this.host = host;
    this.port = port;
    this.deployments = deployments;
    this.warmUpRequests = warmUpRequests;
    this.certificateFile = certificateFile;
    this.generated = generated;
  }

  /**
   * Starts bench-server.
   *
   * @param vertx the Vert.x to run on, or null to create one (with {@code config.eventLoops()}
   *     event loops, on Netty's native transport where it loads) that {@link #close()} closes again
   * @param port the port, 0 for a free one ({@link #port()} tells which)
   */
  public static Future<BenchServer> start(
      Vertx vertx, BenchServerConfig config, String host, int port) {
    boolean owns = vertx == null;
    Vertx vx =
        owns
            ? Vertx.vertx(
                new VertxOptions()
                    .setEventLoopPoolSize(config.eventLoops())
                    .setPreferNativeTransport(true))
            : vertx;
    SelfSignedCertificate generated;
    BenchServerConfig served;
    try {
      config.checkTls();
      generated = config.tlsSelfSigned() ? SelfSignedCertificate.create("localhost") : null;
      served =
          generated == null
              ? config
              : config
                  .withTlsSelfSigned(false)
                  .withTls(generated.certificatePath(), generated.privateKeyPath());
    } catch (RuntimeException e) {
      if (owns) {
        vx.close();
      }
      return Future.failedFuture(e);
    }
    ServerState state = new ServerState(served);
    Future<Integer> warmed = config.warmUp() ? warmUp(vx, config) : Future.succeededFuture(0);
    Future<BenchServer> started =
        warmed.compose(
            warmUpRequests ->
                deploy(
                        vx,
                        state,
                        config.eventLoops(),
                        host,
                        port,
                        port == 0 ? FREE_PORT_ATTEMPTS : 1)
                    .map(
                        id ->
                            new BenchServer(
                                vx,
                                owns,
                                state,
                                host,
                                id.port(),
                                List.of(id.deploymentId()),
                                warmUpRequests,
                                served.tlsCert(),
                                generated)));
    started.onFailure(
        e -> {
          if (generated != null) {
            generated.delete();
          }
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

  private record Deployment(String deploymentId, int port) {}

  /**
   * Runs {@link WarmUp} against a throw-away server on a free loopback port (same event loops and
   * code, its own state, no limits or faults), then undeploys it. The real server is deployed
   * after, so nothing of the warm-up shows in its /stats, numbering, sessions or rate limits. A
   * warm-up that fails does not fail the start. Returns the warm-up requests that completed.
   */
  private static Future<Integer> warmUp(Vertx vx, BenchServerConfig config) {
    BenchServerConfig throwAway =
        config
            .withMaxConcurrency(0)
            .withQueueLimit(-1)
            .withRateLimitRps(0)
            .withRateLimitTpm(0)
            .withFault500(0)
            .withFaultDrop(0)
            .withFaultStall(0)
            .withFaultMalformed(0)
            .withFaultSlowHeaders(0)
            .withHistoryCost(Dist.fixed(0))
            .withWarmUp(false)
            // The warm-up's client speaks cleartext HTTP/1.1 to the throw-away instance.
            .withTls(null, null)
            .withTlsSelfSigned(false);
    String loopback = "127.0.0.1";
    return deploy(
            vx, new ServerState(throwAway), config.eventLoops(), loopback, 0, FREE_PORT_ATTEMPTS)
        .compose(
            d ->
                WarmUp.run(vx, loopback, d.port())
                    .compose(n -> vx.undeploy(d.deploymentId()).map(n)))
        .recover(e -> Future.succeededFuture(0));
  }

  /**
   * One deployment of N instances on one port: Vert.x binds the port once and spreads connections
   * over the instances. Vert.x shares a port only when every instance asks for the same number, and
   * port 0 would give each instance its own random port, so port 0 becomes a free port picked here
   * (retried should another process take it in between).
   */
  private static Future<Deployment> deploy(
      Vertx vx, ServerState state, int instances, String host, int port, int attempts) {
    int chosen;
    try {
      chosen = port == 0 ? freePort(host) : port;
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    return vx.deployVerticle(
            () -> new BenchVerticle(state, host, chosen),
            new DeploymentOptions().setInstances(instances))
        .map(id -> new Deployment(id, chosen))
        .recover(
            e ->
                attempts > 1
                    ? deploy(vx, state, instances, host, port, attempts - 1)
                    : Future.failedFuture(e));
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    }
  }

  /** Requests the warm-up completed before this server started listening (0 without warm-up). */
  public int warmUpRequests() {
    return warmUpRequests;
  }

  public int port() {
    return port;
  }

  public String host() {
    return host;
  }

  /** {@code http://HOST:PORT}, or {@code https://} when it serves TLS. */
  public String baseUrl() {
    return (certificateFile == null ? "http" : "https")
        + "://"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port;
  }

  /**
   * The certificate it serves (a PEM file a client can trust, e.g. with {@code connection.tls.ca}),
   * or null when it serves cleartext HTTP. A generated one names {@code localhost} (as its common
   * name only: a client checking host names reaches it as {@code https://localhost:PORT}).
   */
  public String certificateFile() {
    return certificateFile;
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
    if (generated != null) {
      // Vert.x has read the files: the server keeps serving from memory until it closes.
      generated.delete();
    }
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
