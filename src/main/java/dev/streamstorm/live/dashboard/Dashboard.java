package dev.streamstorm.live.dashboard;

import dev.streamstorm.live.LiveFrame;
import dev.streamstorm.live.LiveSetup;
import dev.streamstorm.live.LiveSink;
import dev.streamstorm.report.html.LivePage;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code run --dashboard}: the live page, served by the run itself with Vert.x Web on a Vert.x of
 * its own (one event loop), so that no browser, slow or many, costs the generator's event loops
 * anything. Routes: {@code /} the page, {@code /events} the run as Server-Sent Events ({@link
 * EventHub}), {@code /report.html} the final report once the run has ended, {@code POST /stop} the
 * graceful stop when {@code --dashboard-control} allows it.
 *
 * <p>Bound to loopback, it answers only requests addressed to loopback names (a page elsewhere
 * cannot reach it through DNS rebinding); a stop must carry the page's token in a header, which a
 * page of another origin cannot send without a preflight this server never grants.
 */
public final class Dashboard implements LiveSink, AutoCloseable {
  static final String TOKEN_HEADER = "X-Streamstorm-Token";
  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1");

  private final Vertx vertx;
  private final EventHub hub = new EventHub();
  private final String page;
  private final String token;
  private final boolean control;
  private final boolean loopback;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile Runnable stop = () -> {};
  private volatile byte[] report;
  private volatile Thread loop;
  private HttpServer server;

  private Dashboard(Vertx vertx, LiveSetup setup, boolean control, boolean loopback) {
    this.vertx = vertx;
    this.control = control;
    this.loopback = loopback;
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    this.token = HexFormat.of().formatHex(random);
    this.page = LivePage.render(pageSetup(setup, control, control ? token : null));
  }

  /**
   * Listens on {@code host:port} (0 for a free port).
   *
   * @param control serve the stop button and {@code POST /stop}
   */
  public static Dashboard start(LiveSetup setup, String host, int port, boolean control)
      throws Exception {
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
    try {
      Dashboard d = new Dashboard(vertx, setup, control, isLoopback(host));
      d.server =
          vertx
              // HTTP/1.1 only: browsers never upgrade to cleartext HTTP/2, and the JDK client's
              // upgrade request for the report once ended in an HTTP/2 protocol error.
              .createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
              .requestHandler(d.router())
              .listen(port, host)
              .await(30, TimeUnit.SECONDS);
      vertx.runOnContext(v -> d.loop = Thread.currentThread());
      return d;
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
  }

  public int port() {
    return server.actualPort();
  }

  /** The dashboard's one event loop (bench --live reads its CPU time); null until it has run. */
  public Thread eventLoop() {
    return loop;
  }

  /** What the stop button does (the same as Ctrl-C); called at most once. */
  public void onStop(Runnable action) {
    stop = action;
  }

  @Override
  public void onFrame(LiveFrame frame) {
    publish(FrameJson.of(frame)); // serialised here, on the live thread, once for everyone
  }

  /** Sends one interval's document to every browser (and to those that connect later). */
  void publish(String json) {
    vertx.runOnContext(v -> hub.interval(json));
  }

  /** Browsers dropped for not keeping up. */
  public long droppedClients() {
    return hub.dropped();
  }

  /** The run has ended: {@code html} is its report (the bytes {@code --html} writes). */
  public void finish(String html, String endReason) {
    report = html.getBytes(StandardCharsets.UTF_8);
    vertx.runOnContext(v -> hub.end(FrameJson.end(endReason)));
  }

  /**
   * Waits until every browser that followed the run to its end has fetched the report (each keeps
   * it, so its links work after this process exits), at most {@code max}.
   */
  public void awaitReportFetched(Duration max) {
    try {
      hub.reportFetched().get(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // A browser that did not ask in time keeps the server's links, which end with the process.
    } catch (Exception e) {
      Thread.currentThread().interrupt();
    }
  }

  private Router router() {
    Router r = Router.router(vertx);
    r.route().handler(this::checkHost);
    r.get("/").handler(ctx -> html(ctx, page));
    r.get("/events").handler(ctx -> hub.connect(ctx.response()));
    r.get("/report.html").handler(this::report);
    r.post("/stop").handler(this::stop);
    return r;
  }

  private void checkHost(RoutingContext ctx) {
    HostAndPort authority = ctx.request().authority();
    String host = authority == null ? "" : authority.host().replaceAll("^\\[|]$", "");
    if (loopback && !LOOPBACK_NAMES.contains(host)) {
      ctx.response().setStatusCode(421).end("misdirected request\n");
      return;
    }
    ctx.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer");
    ctx.next();
  }

  private static void html(RoutingContext ctx, String body) {
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(body);
  }

  private void report(RoutingContext ctx) {
    byte[] bytes = report;
    if (bytes == null) {
      ctx.response().setStatusCode(404).end("the report is written when the run ends\n");
      return;
    }
    if (ctx.request().getParam("download") != null) {
      ctx.response()
          .putHeader("Content-Disposition", "attachment; filename=\"streamstorm-report.html\"");
    }
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(Buffer.buffer(bytes));
    hub.reportServed();
  }

  private void stop(RoutingContext ctx) {
    if (!control) {
      ctx.response().setStatusCode(404).end();
      return;
    }
    if (!token.equals(ctx.request().getHeader(TOKEN_HEADER))) {
      ctx.response().setStatusCode(403).end("missing or wrong " + TOKEN_HEADER + "\n");
      return;
    }
    if (stopped.compareAndSet(false, true)) {
      // Off the dashboard's loop: the run's stop path may take locks or print.
      Thread t = new Thread(stop, "streamstorm-dashboard-stop");
      t.setDaemon(true);
      t.start();
    }
    ctx.response().setStatusCode(202).end("stopping\n");
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static LivePage.Setup pageSetup(LiveSetup s, boolean control, String token) {
    return new LivePage.Setup(
        s.scenario(),
        s.target(),
        s.protocol(),
        s.preset(),
        s.load(),
        "open".equals(s.load().get("model")),
        s.stageEndsSeconds(),
        s.warmup().toMillis() / 1000.0,
        s.thresholds().stream().map(t -> t.key() + " " + t.expression()).toList(),
        control,
        token,
        s.version());
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }
}
