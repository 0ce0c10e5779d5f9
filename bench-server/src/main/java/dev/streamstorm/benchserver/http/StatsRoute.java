package dev.streamstorm.benchserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streamstorm.benchserver.stats.StatsCollector;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /stats} (optional {@code limit} of recent requests, {@code request_id} filter) and
 * {@code POST /stats/reset}.
 */
final class StatsRoute {

  static final String PATH = "/stats";
  static final String RESET_PATH = "/stats/reset";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final ServerState state;

  StatsRoute(ServerState state) {
    this.state = state;
  }

  void get(RoutingContext ctx) {
    int limit = StatsCollector.DEFAULT_RECENT_LIMIT;
    String limitParam = ctx.queryParams().get("limit");
    if (limitParam != null) {
      try {
        limit = Math.max(0, Integer.parseInt(limitParam));
      } catch (NumberFormatException e) {
        HttpReplies.error(
            ctx.response(),
            ErrorStyle.PLAIN,
            ErrorKind.BAD_REQUEST,
            "limit: expected an integer, got '" + limitParam + "'",
            0);
        return;
      }
    }
    String requestId = ctx.queryParams().get("request_id");
    byte[] json;
    try {
      json = MAPPER.writeValueAsBytes(state.stats(limit, requestId));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stats are plain records", e);
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, HttpReplies.JSON).end(Buffer.buffer(json));
  }

  void reset(RoutingContext ctx) {
    state.collector().reset();
    ctx.response().setStatusCode(204).end();
  }
}
