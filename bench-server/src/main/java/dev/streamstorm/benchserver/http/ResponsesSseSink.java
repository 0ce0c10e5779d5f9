package dev.streamstorm.benchserver.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The OpenAI Responses API's semantic events ({@code stream: true}): every event carries its {@code
 * type} as the SSE event name and a {@code sequence_number} from 0. Output items (reasoning with a
 * summary part, function calls, the message with an output_text part) open at their first event's
 * time and close, with their .done events, when the next item opens or the response ends.
 */
final class ResponsesSseSink extends HttpSink {

  static final String MALFORMED_DATA = "{\"type\":\"response.output_text.delta\",\"delta\":";

  private enum Item {
    NONE,
    REASONING,
    FUNCTION_CALL,
    MESSAGE
  }

  private final ResponsesObjects r;
  private long sequence;
  private Item item = Item.NONE;
  private int outputIndex = -1;
  private int call = -1;
  private NumberedTokenTemplate textDelta;
  private NumberedTokenTemplate summaryDelta;

  ResponsesSseSink(RoutingContext ctx, ResponsesObjects r) {
    super(ctx, ErrorStyle.OPENAI);
    this.r = r;
  }

  @Override
  public boolean streaming() {
    return true;
  }

  @Override
  public void open() {
    Buffer preamble =
        event("response.created", new JsonObject().put("response", r.inProgress()))
            .appendBuffer(
                event("response.in_progress", new JsonObject().put("response", r.inProgress())));
    startEventStream(preamble);
  }

  @Override
  public void reasoning(int word) {
    if (item != Item.REASONING) {
      Buffer b = closeItem().appendBuffer(openReasoning());
      write(b.appendBuffer(summaryDelta.render(word, sequence++)));
      return;
    }
    write(summaryDelta.render(word, sequence++));
  }

  @Override
  public void toolCallStart(int call) {
    Buffer b = closeItem();
    outputIndex++;
    item = Item.FUNCTION_CALL;
    this.call = call;
    b.appendBuffer(
        event(
            "response.output_item.added",
            new JsonObject()
                .put("output_index", outputIndex)
                .put("item", r.functionCallItem(call, false))));
    write(b);
  }

  @Override
  public void toolCallArguments(int call, int chunk) {
    write(
        event(
            "response.function_call_arguments.delta",
            new JsonObject()
                .put("item_id", r.functionCallItemId(call))
                .put("output_index", outputIndex)
                .put("delta", r.plan().llmToolCalls().get(call).argumentChunks().get(chunk))));
  }

  @Override
  public void token(int word) {
    if (item != Item.MESSAGE) {
      Buffer b = closeItem().appendBuffer(openMessage());
      write(b.appendBuffer(textDelta.render(word, sequence++)));
      return;
    }
    write(textDelta.render(word, sequence++));
  }

  @Override
  public void malformed() {
    write(Sse.event("response.output_text.delta", MALFORMED_DATA));
  }

  /**
   * error_event: the API's {@code error} event; failed: {@code response.failed} with the response's
   * error. Either ends the stream.
   */
  @Override
  public void streamError(boolean failed) {
    String message = "injected fault: the model failed mid-generation";
    if (failed) {
      endWith(event("response.failed", new JsonObject().put("response", r.failed(message))));
    } else {
      endWith(
          event(
              "error",
              new JsonObject()
                  .put("code", "server_error")
                  .put("message", message)
                  .put("param", null)));
    }
  }

  @Override
  public void end() {
    Buffer tail = closeItem();
    String type = r.plan().truncated() ? "response.incomplete" : "response.completed";
    tail.appendBuffer(event(type, new JsonObject().put("response", r.finished())));
    endWith(tail);
  }

  private Buffer openReasoning() {
    outputIndex++;
    item = Item.REASONING;
    summaryDelta =
        new NumberedTokenTemplate(
            "event: response.reasoning_summary_text.delta\n",
            body("response.reasoning_summary_text.delta")
                .put("item_id", r.reasoningItemId())
                .put("output_index", outputIndex)
                .put("summary_index", 0)
                .put("delta", TokenTemplate.MARKER)
                .put("sequence_number", NumberedTokenTemplate.NUMBER),
            "\n\n");
    return event(
            "response.output_item.added",
            new JsonObject().put("output_index", outputIndex).put("item", r.reasoningItem(false)))
        .appendBuffer(
            event(
                "response.reasoning_summary_part.added",
                new JsonObject()
                    .put("item_id", r.reasoningItemId())
                    .put("output_index", outputIndex)
                    .put("summary_index", 0)
                    .put("part", ResponsesObjects.summaryPart(""))));
  }

  private Buffer openMessage() {
    outputIndex++;
    item = Item.MESSAGE;
    textDelta =
        new NumberedTokenTemplate(
            "event: response.output_text.delta\n",
            body("response.output_text.delta")
                .put("item_id", r.messageItemId())
                .put("output_index", outputIndex)
                .put("content_index", 0)
                .put("delta", TokenTemplate.MARKER)
                .put("logprobs", new JsonArray())
                .put("sequence_number", NumberedTokenTemplate.NUMBER),
            "\n\n");
    return event(
            "response.output_item.added",
            new JsonObject().put("output_index", outputIndex).put("item", r.messageItem(false)))
        .appendBuffer(
            event(
                "response.content_part.added",
                new JsonObject()
                    .put("item_id", r.messageItemId())
                    .put("output_index", outputIndex)
                    .put("content_index", 0)
                    .put("part", ResponsesObjects.outputText(""))));
  }

  /** The .done events of the open item; empty when none is open. */
  private Buffer closeItem() {
    Buffer b = Buffer.buffer();
    switch (item) {
      case REASONING -> {
        String text = r.plan().reasoningText();
        JsonObject at =
            new JsonObject()
                .put("item_id", r.reasoningItemId())
                .put("output_index", outputIndex)
                .put("summary_index", 0);
        b.appendBuffer(event("response.reasoning_summary_text.done", at.copy().put("text", text)))
            .appendBuffer(
                event(
                    "response.reasoning_summary_part.done",
                    at.copy().put("part", ResponsesObjects.summaryPart(text))))
            .appendBuffer(itemDone(r.reasoningItem(true)));
      }
      case FUNCTION_CALL ->
          b.appendBuffer(
                  event(
                      "response.function_call_arguments.done",
                      new JsonObject()
                          .put("item_id", r.functionCallItemId(call))
                          .put("output_index", outputIndex)
                          .put("name", r.plan().llmToolCalls().get(call).name())
                          .put("arguments", r.plan().llmToolCalls().get(call).argumentsJson())))
              .appendBuffer(itemDone(r.functionCallItem(call, true)));
      case MESSAGE -> {
        String text = r.plan().text();
        JsonObject at =
            new JsonObject()
                .put("item_id", r.messageItemId())
                .put("output_index", outputIndex)
                .put("content_index", 0);
        b.appendBuffer(
                event(
                    "response.output_text.done",
                    at.copy().put("text", text).put("logprobs", new JsonArray())))
            .appendBuffer(
                event(
                    "response.content_part.done",
                    at.copy().put("part", ResponsesObjects.outputText(text))))
            .appendBuffer(itemDone(r.messageItem(true)));
      }
      case NONE -> {}
    }
    item = Item.NONE;
    return b;
  }

  private Buffer itemDone(JsonObject doneItem) {
    return event(
        "response.output_item.done",
        new JsonObject().put("output_index", outputIndex).put("item", doneItem));
  }

  private static JsonObject body(String type) {
    return new JsonObject().put("type", type);
  }

  /** One event: its type first, then the fields, then its sequence_number. */
  private Buffer event(String type, JsonObject fields) {
    JsonObject json = body(type);
    fields.forEach(e -> json.put(e.getKey(), e.getValue()));
    json.put("sequence_number", sequence++);
    return Sse.event(type, json);
  }
}
