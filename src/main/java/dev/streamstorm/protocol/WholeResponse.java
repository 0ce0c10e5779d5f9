package dev.streamstorm.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

/**
 * A plain call's response (session set-up), read whole up to a limit: past it the call fails with
 * {@link HttpStreamClient.BodyTooLarge} and the caller closes the connection.
 */
final class WholeResponse implements Http1Connection.ResponseReader {
  final Promise<HttpStreamClient.Response> result = Promise.promise();
  private final Buffer body = Buffer.buffer();
  private final int limitBytes;
  private int status;
  private HttpHeaders headers = EmptyHttpHeaders.INSTANCE;

  /** The connection the request went out on, to close when the body was too large. */
  Http1Connection connection;

  WholeResponse(int limitBytes) {
    this.limitBytes = limitBytes;
  }

  @Override
  public void onHead(HttpResponse head, long nowNs) {
    status = head.status().code();
    headers = head.headers();
  }

  @Override
  public void onContent(ByteBuf content, long nowNs) {
    if (result.future().isComplete()) {
      return;
    }
    if ((long) body.length() + content.readableBytes() > limitBytes) {
      result.tryFail(new HttpStreamClient.BodyTooLarge(limitBytes));
      return;
    }
    HttpStreamClient.append(body, content, limitBytes);
  }

  @Override
  public void onEnd(long nowNs) {
    result.tryComplete(new HttpStreamClient.Response(status, body, headers));
  }

  @Override
  public void onFailure(Throwable err, long nowNs) {
    result.tryFail(err);
  }
}
