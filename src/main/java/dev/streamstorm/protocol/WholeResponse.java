package dev.streamstorm.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

/**
 * A plain call's response (session set-up), read whole up to a limit: past it the call fails with
 * {@link ClientFailures.BodyTooLarge} and the caller closes the connection.
 */
final class WholeResponse implements Http1Connection.ResponseReader {
  final Promise<HttpStreamClient.Response> result = Promise.promise();
  private final Buffer body = Buffer.buffer();
  private final int limitBytes;
  private int status;
  private HttpHeaders headers = EmptyHttpHeaders.INSTANCE;

  /** The body's Content-Encoding being undone, or null when it has none. */
  private ContentDecoding inflater;

  /** The connection the request went out on, to close when the body was too large. */
  Http1Connection connection;

  WholeResponse(int limitBytes) {
    this.limitBytes = limitBytes;
  }

  @Override
  public void onHead(HttpResponse head, long nowNs) {
    status = head.status().code();
    headers = head.headers();
    try {
      inflater = ContentDecoding.forEncoding(headers.get(HttpHeaderNames.CONTENT_ENCODING));
    } catch (UnsupportedOperationException e) {
      result.tryFail(new IllegalStateException(e.getMessage()));
    }
  }

  /** A compressed body is inflated as it arrives; the limit bounds what it inflates to. */
  @Override
  public void onContent(ByteBuf content, long nowNs) {
    if (result.future().isComplete()) {
      return;
    }
    if (inflater == null) {
      accept(content);
      return;
    }
    try {
      inflater.decode(content, this::accept);
    } catch (ContentDecoding.Corrupt e) {
      result.tryFail(e);
    }
    if (result.future().isComplete()) {
      inflater.close();
    }
  }

  private void accept(ByteBuf content) {
    if (result.future().isComplete()) {
      return;
    }
    if ((long) body.length() + content.readableBytes() > limitBytes) {
      result.tryFail(new ClientFailures.BodyTooLarge(limitBytes));
      return;
    }
    HttpStreamClient.append(body, content, limitBytes);
  }

  @Override
  public void onEnd(long nowNs) {
    if (inflater != null) {
      inflater.close();
    }
    result.tryComplete(new HttpStreamClient.Response(status, body, headers));
  }

  @Override
  public void onFailure(Throwable err, long nowNs) {
    if (inflater != null) {
      inflater.close();
    }
    result.tryFail(
        ClientFailures.tlsRefused(err, status != 0) ? new ClientFailures.ConnectFailure(err) : err);
  }
}
