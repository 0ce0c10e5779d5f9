package dev.streamstorm.protocol;

import dev.streamstorm.protocol.stream.StreamInterpreter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * One virtual user's HTTP side, whatever the HTTP version: SSE message exchanges and plain calls.
 * {@link HttpStreamClient} speaks HTTP/1.1 (one keep-alive connection per user), {@link
 * H2StreamClient} HTTP/2 (streams on connections its event loop's users share). Thread confinement:
 * used on the user's event loop only.
 */
public interface HttpMessageClient {

  /**
   * Sends one message and streams its answer through {@code interpreter} to {@code listener}.
   * Returns a handle to cut the exchange (timeouts, the run's end).
   */
  Exchange stream(
      HttpMethod method,
      String path,
      MultiMap headers,
      Buffer body,
      StreamInterpreter interpreter,
      ExchangeListener listener);

  /**
   * A plain call (session set-up): the whole body, up to {@code connection.maxBodyBytes}. Fails
   * with {@link ClientFailures.ConnectFailure} when no connection could be made, {@link
   * ClientFailures.BodyTooLarge} past the limit.
   */
  Future<HttpStreamClient.Response> call(
      HttpMethod method, String path, MultiMap headers, Buffer body);

  /**
   * Completes once the previous message's response no longer stands in the next one's way; the user
   * waits for it between messages, off every message's clock.
   */
  Future<Void> previousResponseEnded();

  /** Lets go of the user's connections and of responses still ending. */
  Future<Void> close();
}
