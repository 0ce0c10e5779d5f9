package dev.streamstorm.benchserver.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * One HTTP server instance on one event loop, with its own scheduler; bench-server deploys one per
 * event loop, all listening on the same port (Vert.x spreads connections across them).
 */
public final class BenchVerticle extends VerticleBase {

  private static final long BODY_LIMIT_BYTES = 4 * 1024 * 1024;

  private final ServerState state;
  private final String host;
  private final int port;
  private HttpServer server;
  private StreamScheduler scheduler;

  public BenchVerticle(ServerState state, String host, int port) {
    this.state = state;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    scheduler = new StreamScheduler(vertx);
    Dispatcher dispatcher = new Dispatcher(state, scheduler, vertx, context);
    // Strict: every response is written from this verticle's loop (the scheduler and the
    // capacity gate hop back to it), so Vert.x may write straight to the channel instead of
    // through a per-connection queue built for writes from other threads. Cleartext, it speaks
    // HTTP/1.1 and h2c (prior knowledge or Upgrade: Vert.x's default); over TLS, h2 or HTTP/1.1
    // as ALPN agrees.
    HttpServerOptions options =
        new HttpServerOptions().setTcpNoDelay(true).setStrictThreadMode(true);
    if (state.config().tls()) {
      options
          .setSsl(true)
          .setUseAlpn(true)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setCertPath(state.config().tlsCert())
                  .setKeyPath(state.config().tlsKey()));
    }
    server = vertx.createHttpServer(options).requestHandler(router(dispatcher));
    return server.listen(port, host);
  }

  @Override
  public Future<?> stop() {
    scheduler.stop();
    return server.close();
  }

  private Router router(Dispatcher dispatcher) {
    Router router = Router.router(vertx);
    ChatCompletionsRoute chat = new ChatCompletionsRoute(dispatcher);
    MessagesRoute messages = new MessagesRoute(dispatcher);
    SessionRoutes sessions = new SessionRoutes(dispatcher);
    StatsRoute stats = new StatsRoute(state);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES);

    // Before every route: the request-rate limit, as a gateway in front of the app applies it.
    router.route().handler(new Gateway(state)::handle);

    router.post(ChatCompletionsRoute.ENDPOINT).handler(body).handler(chat::handle);
    router.post(MessagesRoute.ENDPOINT).handler(body).handler(messages::handle);
    router.post(Endpoints.RESPONSES).handler(body).handler(new ResponsesRoute(dispatcher)::handle);
    router
        .postWithRegex(GeminiRoute.PATH_REGEX)
        .handler(body)
        .handler(new GeminiRoute(dispatcher)::handle);
    router.post(Endpoints.TEXT).handler(body).handler(new TextRoute(dispatcher)::handle);
    router.post(Endpoints.VERCEL).handler(body).handler(new VercelRoute(dispatcher)::handle);
    router.post(Endpoints.A2A).handler(body).handler(new A2aRoute(dispatcher)::handle);
    router.get(Endpoints.REALTIME).handler(new RealtimeRoute(dispatcher)::upgrade);
    router.post(SessionRoutes.CREATE).handler(body).handler(sessions::create);
    router.get("/api/sessions/:id").handler(sessions::get);
    router.post("/api/sessions/:id/messages").handler(body).handler(sessions::message);
    router.get("/api/sessions/:id/ws").handler(sessions::webSocket);
    router.get(SessionRoutes.WS).handler(sessions::webSocket);
    router.get(StatsRoute.PATH).handler(stats::get);
    router.post(StatsRoute.RESET_PATH).handler(stats::reset);

    router.errorHandler(404, ctx -> error(ctx, ErrorKind.NOT_FOUND, "no route for "));
    router.errorHandler(405, ctx -> error(ctx, ErrorKind.METHOD_NOT_ALLOWED, "wrong method for "));
    router.errorHandler(
        500,
        ctx ->
            HttpReplies.error(
                ctx.response(),
                ErrorStyle.PLAIN,
                ErrorKind.SERVER_ERROR,
                "bench-server failed: " + ctx.failure(),
                0));
    return router;
  }

  private static void error(RoutingContext ctx, ErrorKind kind, String prefix) {
    HttpReplies.error(
        ctx.response(),
        ErrorStyle.PLAIN,
        kind,
        prefix + ctx.request().method() + " " + ctx.request().path(),
        0);
  }
}
