package dev.streamstorm.benchserver.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/** What every HTTP sink shares: errors in its style, drops, and SSE response setup. */
abstract class HttpSink implements Sink {

  protected final RoutingContext ctx;
  protected final HttpServerResponse response;
  private final ErrorStyle style;

  HttpSink(RoutingContext ctx, ErrorStyle style) {
    this.ctx = ctx;
    this.response = ctx.response();
    this.style = style;
  }

  @Override
  public boolean hasHeaders() {
    return true;
  }

  /**
   * The stream breaks: over HTTP/1.1 its connection closes; over HTTP/2 the stream alone is reset
   * (RST_STREAM), as the connection carries other clients' streams.
   */
  @Override
  public void drop() {
    if (ctx.request().version() == HttpVersion.HTTP_2) {
      response.reset();
    } else {
      ctx.request().connection().close();
    }
  }

  @Override
  public void reject(ErrorKind kind, String message, long retryAfterSeconds) {
    HttpReplies.error(response, style, kind, message, retryAfterSeconds);
  }

  @Override
  public void onClientGone(Runnable action) {
    response.closeHandler(v -> action.run());
  }

  /** A JSON answer hit the error_event or failed fault: it becomes a 500. */
  protected void answerServerError() {
    reject(ErrorKind.SERVER_ERROR, "injected fault: the model failed mid-generation", 0);
  }

  /** Sends the SSE headers, together with the first events when there are any. */
  protected void startEventStream(Buffer preamble) {
    response
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    extraHeaders();
    if (preamble == null) {
      response.writeHead();
    } else {
      response.write(preamble);
    }
  }

  /** Headers a format adds to its event stream's response. */
  protected void extraHeaders() {}

  protected void write(Buffer b) {
    if (!response.closed()) {
      response.write(b);
    }
  }

  protected void endWith(Buffer b) {
    if (!response.closed()) {
      response.end(b);
    }
  }
}
