package dev.streamstorm.protocol;

import dev.streamstorm.protocol.sse.ChunkCopy;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One virtual user's HTTP side over HTTP/2: each message and each session call is a stream on one
 * of its event loop's shared connections ({@link H2Connections}), or on a connection of its own per
 * message without {@code connection.reuse}. The same contract as {@link HttpStreamClient}: the same
 * SSE decoder (one per stream) and interpreter, the same limits (stream.maxEventBytes, error bodies
 * cut at 4 KiB, connection.maxBodyBytes for calls, Content-Encoding decoded as it arrives), the
 * same error classes, every instant taken in the handler that sees the bytes. What HTTP/2 changes:
 * a message is stopped by resetting its stream (RST_STREAM CANCEL), not by closing a connection
 * others use; a response still open after its done marker stands in no one's way (the next message
 * is another stream), so {@link #previousResponseEnded} never waits; a stream the server refused
 * unprocessed (REFUSED_STREAM, or above a GOAWAY's last stream) is sent once more on another
 * connection. Thread confinement: created and used on the user's event loop only.
 */
public final class H2StreamClient implements HttpMessageClient {

  /** Connection-specific headers HTTP/2 forbids (RFC 9113, 8.2.2); Host becomes :authority. */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "transfer-encoding",
          "upgrade",
          "host",
          "content-length");

  private final H2UserStreams streams;
  private final Endpoint endpoint;
  private final int maxBodyBytes;

  public H2StreamClient(
      H2Connections connections,
      Endpoint endpoint,
      boolean reuse,
      int maxBodyBytes,
      ChunkCopy chunkCopy) {
    this.streams = new H2UserStreams(connections, reuse, chunkCopy);
    this.endpoint = endpoint;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public Exchange stream(
      HttpMethod method,
      String path,
      MultiMap headers,
      Buffer body,
      StreamInterpreter interpreter,
      ExchangeListener listener) {
    H2Exchange exchange =
        new H2Exchange(streams, request(method, path, headers), body, interpreter, listener);
    exchange.start();
    return exchange;
  }

  @Override
  public Future<HttpStreamClient.Response> call(
      HttpMethod method, String path, MultiMap headers, Buffer body) {
    H2WholeResponse r =
        new H2WholeResponse(streams, request(method, path, headers), body, maxBodyBytes);
    r.start();
    return r.result.future();
  }

  /** Never waits: a response still ending is a stream of its own, in no message's way. */
  @Override
  public Future<Void> previousResponseEnded() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    streams.close();
    return Future.succeededFuture();
  }

  private RequestOptions request(HttpMethod method, String path, MultiMap headers) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    for (Map.Entry<String, String> e : headers) {
      if (!HOP_BY_HOP.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        h.add(e.getKey(), e.getValue());
      }
    }
    return new RequestOptions()
        .setMethod(method)
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setURI(endpoint.basePath() + path)
        .setHeaders(h);
  }
}
