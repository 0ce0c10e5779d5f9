package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.benchserver.model.Channels;
import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.model.PlanRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/chat/completions}, OpenAI-compatible. */
final class ChatCompletionsRoute {

  static final String ENDPOINT = "/v1/chat/completions";

  private final Dispatcher dispatcher;

  ChatCompletionsRoute(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  void handle(RoutingContext ctx) {
    long acceptedNs = System.nanoTime();
    long epochMs = System.currentTimeMillis();
    ServerState state = dispatcher.state();
    JsonObject body;
    JsonArray messages;
    boolean stream;
    boolean includeUsage;
    int maxTokens;
    String model;
    String reasoningField;
    PlanRequest request;
    try {
      body = Requests.jsonBody(ctx, true);
      messages = Requests.messages(body);
      stream = Requests.bool(body, "stream");
      includeUsage =
          body.getValue("stream_options") instanceof JsonObject so
              && Requests.bool(so, "include_usage");
      maxTokens = Requests.positiveInt(body, "max_tokens", false);
      if (maxTokens == 0) {
        maxTokens = Requests.positiveInt(body, "max_completion_tokens", false);
      }
      model = Requests.string(body, "model", "bench");
      reasoningField = reasoningField(ctx, state);
      request =
          new PlanRequest(
              messages.size() - 1, maxTokens, null, Requests.overrides(ctx), Channels.ALL);
    } catch (BadRequest e) {
      RequestInfo info = Requests.info(ctx, state, ENDPOINT, 0, acceptedNs, epochMs);
      Dispatcher.recordEarly(state, info, ErrorKind.BAD_REQUEST);
      HttpReplies.error(
          ctx.response(), ErrorStyle.OPENAI, ErrorKind.BAD_REQUEST, e.getMessage(), 0);
      return;
    }
    long seq = state.nextSequence();
    RequestInfo info = Requests.info(ctx, state, ENDPOINT, seq, acceptedNs, epochMs);
    Plan plan = state.plans().plan(state.random(seq), request);
    OpenAiResponse response =
        new OpenAiResponse(
            "chatcmpl-bench" + seq,
            epochMs / 1000,
            model,
            Requests.promptTokens(messages, null),
            plan,
            reasoningField);
    Sink sink =
        stream ? new OpenAiSseSink(ctx, response, includeUsage) : new OpenAiJsonSink(ctx, response);
    dispatcher.dispatch(dispatcher.exchange(info, plan, sink));
  }

  /** {@code ?reasoning_field=reasoning|reasoning_content}, else the configured field. */
  private static String reasoningField(RoutingContext ctx, ServerState state) {
    String asked = ctx.queryParams().get("reasoning_field");
    if (asked == null) {
      return state.config().reasoningField();
    }
    if (asked.equals(BenchServerConfig.REASONING_CONTENT)
        || asked.equals(BenchServerConfig.REASONING)) {
      return asked;
    }
    throw new BadRequest(
        "reasoning_field: expected reasoning_content or reasoning, got '" + asked + "'");
  }
}
