package dev.streamstorm.engine;

import dev.streamstorm.metrics.LoopRecorder;
import dev.streamstorm.protocol.Exchange;
import dev.streamstorm.protocol.HttpMessageClient;
import dev.streamstorm.protocol.HttpStreamClient;
import dev.streamstorm.protocol.WsStreamClient;
import dev.streamstorm.scenario.Protocol;
import dev.streamstorm.scenario.Scenario;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;

/**
 * A user's HTTP and WebSocket clients (its keep-alive connection, or its streams on the loop's
 * HTTP/2 ones), and the exchange each of its messages goes out on, with a resumption after a
 * dropped stream when the scenario asks for one. One per user, made with it; confined, like the
 * user, to its worker's event loop.
 */
final class UserClients {
  private final Scenario scenario;
  private final LoadWorker worker;
  private final MessageRequests requests;
  private final UserVariables vars;

  /** Session calls, and the messages unless they go over WebSocket. */
  final HttpMessageClient http;

  /** Null unless the scenario's protocol is WebSocket. */
  private final WsStreamClient ws;

  UserClients(int userId, LoadWorker worker, RunContext run, UserVariables vars) {
    this.scenario = run.scenario;
    this.worker = worker;
    this.requests = run.requests;
    this.vars = vars;
    long connectMs = scenario.timeouts().connect().toMillis();
    this.http =
        run.network.userClient(
            userId,
            worker.h2,
            scenario.connection().maxBodyBytes(),
            worker.chunkCopy,
            new ConnectCounts(worker.recorder));
    this.ws =
        scenario.protocol() == Protocol.WEBSOCKET
            ? new WsStreamClient(
                run.network.ws(userId),
                run.endpoint,
                connectMs,
                scenario.websocket().maxMessageBytes(),
                worker.chunkCopy,
                worker.recorder::recordConnect)
            : null;
  }

  /** The exchange the user's current message ({@code vars.message}) goes out on. */
  Exchange exchange(History history, MessageAttempt attempt) {
    if (scenario.protocol() == Protocol.WEBSOCKET) {
      return ws.stream(
          requests.webSocketPath(vars),
          requests.webSocketHeaders(vars),
          requests.webSocketFrame(vars),
          worker.interpreter,
          attempt);
    }
    MessageRequests.HttpRequest req = requests.message(vars, history, vars.message);
    if (scenario.connection().reconnect()) {
      attempt.reconnectWith(
          lastEventId -> {
            MultiMap again = MultiMap.caseInsensitiveMultiMap().addAll(req.headers());
            if (!lastEventId.isEmpty()) {
              again.set("Last-Event-ID", lastEventId);
            }
            return http.stream(
                req.method(), req.path(), again, req.body(), worker.interpreter, attempt);
          },
          scenario.connection().maxReconnects());
    }
    return http.stream(
        req.method(), req.path(), req.headers(), req.body(), worker.interpreter, attempt);
  }

  /** Closes both clients' connections; completes when both are closed. */
  Future<?> close() {
    Future<Void> closeWs = ws == null ? Future.succeededFuture() : ws.close();
    return Future.join(http.close(), closeWs);
  }

  /** Connections opened, and requests that overlapped a response still ending, for the report. */
  private record ConnectCounts(LoopRecorder recorder) implements HttpStreamClient.ConnectListener {
    @Override
    public void connected(long nanos) {
      recorder.recordConnect(nanos);
    }

    @Override
    public void overlapped() {
      recorder.recordOverlap();
    }
  }
}
