package dev.streamstorm.live.dashboard;

import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The browsers following the run, and what each is sent: on connecting the whole history so far (so
 * a late browser draws the whole run), then one event per interval, and the end. Confined to the
 * dashboard's own event loop, never one of the generator's.
 *
 * <p>A browser that does not keep up is dropped, never buffered for: each connection's write queue
 * is bounded ({@link #QUEUE_BYTES}), and a connection whose queue is still full when the next
 * interval comes is closed. Its page reconnects and gets the history again.
 */
final class EventHub {
  /** What one browser may have unsent before it is dropped. */
  static final int QUEUE_BYTES = 1 << 20;

  private final List<String> history = new ArrayList<>();
  private final List<HttpServerResponse> clients = new ArrayList<>();
  private final CompletableFuture<Void> reportFetched = new CompletableFuture<>();
  private String end;
  private int awaitingReport;
  private volatile long dropped; // written on the loop only

  void connect(HttpServerResponse response) {
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.setWriteQueueMaxSize(QUEUE_BYTES);
    StringBuilder points = new StringBuilder(history.size() * 600 + 32).append("{\"points\":[");
    for (int i = 0; i < history.size(); i++) {
      points.append(i == 0 ? "" : ",").append(history.get(i));
    }
    response.write("retry: 3000\n\n" + event("history", points.append("]}").toString()));
    if (end != null) {
      response.end(event("end", end)); // the page stops listening once it has the end
      return;
    }
    clients.add(response);
    response.closeHandler(v -> clients.remove(response));
  }

  void interval(String json) {
    history.add(json);
    broadcast(event("interval", json));
  }

  /** The run has ended and its report can be fetched: the browsers are told. */
  void end(String json) {
    end = json;
    awaitingReport = clients.size();
    broadcast(event("end", json));
    clients.forEach(HttpServerResponse::end);
    clients.clear();
    if (awaitingReport == 0) {
      reportFetched.complete(null);
    }
  }

  /** A browser fetched the final report. */
  void reportServed() {
    if (--awaitingReport <= 0) {
      reportFetched.complete(null);
    }
  }

  /** Completes once every browser connected at the end has fetched the report. */
  CompletableFuture<Void> reportFetched() {
    return reportFetched;
  }

  long dropped() {
    return dropped;
  }

  private void broadcast(String text) {
    for (HttpServerResponse c : List.copyOf(clients)) {
      if (c.writeQueueFull()) {
        dropped++;
        clients.remove(c);
        c.reset(); // closes the stream: the slow browser reconnects, or does not
      } else {
        c.write(text);
      }
    }
  }

  private static String event(String name, String json) {
    return "event: " + name + "\ndata: " + json + "\n\n";
  }
}
