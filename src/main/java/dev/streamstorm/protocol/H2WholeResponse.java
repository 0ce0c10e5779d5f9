package dev.streamstorm.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.Map;

/**
 * A plain call's response over HTTP/2, whole, up to connection.maxBodyBytes (HTTP/1.1's is {@link
 * WholeResponse}). Thread confinement: the user's event loop only.
 */
final class H2WholeResponse extends H2StreamCall {
  final Promise<HttpStreamClient.Response> result = Promise.promise();
  private final int maxBodyBytes;
  private final Buffer collected = Buffer.buffer();
  private ContentDecoding inflater;
  private int status;
  private HttpHeaders headers;

  H2WholeResponse(H2UserStreams streams, RequestOptions options, Buffer body, int maxBodyBytes) {
    super(streams, options, body);
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  boolean over() {
    return result.future().isComplete();
  }

  @Override
  void onResponse(HttpClientResponse resp, long nowNs) {
    status = resp.statusCode();
    headers = new DefaultHttpHeaders();
    for (Map.Entry<String, String> e : resp.headers()) {
      headers.add(e.getKey(), e.getValue());
    }
    try {
      inflater = ContentDecoding.forEncoding(resp.getHeader("Content-Encoding"));
    } catch (UnsupportedOperationException e) {
      finishWith(new IllegalStateException(e.getMessage()));
      reset();
      return;
    }
    resp.handler(this::onData);
    resp.endHandler(
        v -> {
          streamOver();
          close();
          result.tryComplete(new HttpStreamClient.Response(status, collected, headers));
        });
    resp.exceptionHandler(this::failed);
  }

  private void onData(Buffer data) {
    if (over()) {
      return;
    }
    ByteBuf bytes = ((BufferInternal) data).getByteBuf();
    if (inflater == null) {
      accept(bytes);
    } else {
      try {
        inflater.decode(bytes, this::accept);
      } catch (ContentDecoding.Corrupt e) {
        finishWith(e);
      }
    }
    if (over()) {
      reset();
      close();
    }
  }

  private void accept(ByteBuf content) {
    if (over()) {
      return;
    }
    if ((long) collected.length() + content.readableBytes() > maxBodyBytes) {
      finishWith(new ClientFailures.BodyTooLarge(maxBodyBytes));
      return;
    }
    HttpStreamClient.append(collected, content, maxBodyBytes);
  }

  @Override
  void onFailure(Throwable err, boolean connecting, long nowNs) {
    close();
    boolean connect =
        connecting
            || err instanceof ClientFailures.ConnectFailure
            || ClientFailures.tlsRefused(err, responded);
    finishWith(
        connect && !(err instanceof ClientFailures.ConnectFailure)
            ? new ClientFailures.ConnectFailure(err)
            : err);
  }

  private void finishWith(Throwable err) {
    result.tryFail(err);
  }

  private void close() {
    if (inflater != null) {
      inflater.close();
    }
  }
}
