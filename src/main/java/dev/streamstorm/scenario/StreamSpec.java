package dev.streamstorm.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one message's stream is read: its three channels (answer, reasoning, tool calls), when it is
 * done, what the server reports about it, and how tokens are counted. Presets provide defaults; a
 * scenario's {@code stream:} keys replace them one by one. Pointers are RFC 6901 JSON Pointers into
 * an SSE event's data (or a WebSocket text frame).
 *
 * @param answer the visible text: its tokens make {@code ttft}, {@code itl}, {@code tpot} and
 *     {@code tokens}
 * @param reasoning the model's reasoning, when the stream carries it apart ({@code ttfr}, {@code
 *     reasoning_tokens})
 * @param toolCall the tool calls ({@code ttfc}, {@code tool_calls})
 * @param done the rule that ends a message; without one a message ends when its stream closes
 * @param requireDone a stream that closes before {@code done} matched fails as {@code
 *     stream_truncated}
 * @param tokenCount the server's count of output tokens (a usage event)
 * @param reasoningCount the server's count of the reasoning part of its output tokens
 * @param tokenCountIncludesReasoning whether {@code tokenCount} includes the reasoning tokens
 *     (OpenAI, Anthropic) or not (Gemini's {@code candidatesTokenCount})
 * @param inputCount the server's count of the request's input tokens
 * @param usage named numbers the server reports (llm_calls, phase times, ...)
 * @param error a rule marking an in-stream error (the message fails as protocol)
 * @param tokenizer how tokens are counted where the server gives no count
 * @param requireEventStream an SSE response whose Content-Type is not text/event-stream fails the
 *     message (as an EventSource does); false reads any body as an event stream
 * @param maxEventBytes the longest SSE event (a line, or the data lines gathered for one event):
 *     past it the message fails as too_large, whatever the server keeps sending
 */
public record StreamSpec(
    Channel answer,
    Optional<Channel> reasoning,
    Optional<ToolCallRule> toolCall,
    Optional<Match> done,
    boolean requireDone,
    Optional<UsageRule> tokenCount,
    Optional<UsageRule> reasoningCount,
    boolean tokenCountIncludesReasoning,
    Optional<UsageRule> inputCount,
    Map<String, UsageRule> usage,
    Optional<Match> error,
    Tokenizer tokenizer,
    boolean requireEventStream,
    int maxEventBytes) {

  /** The default {@code maxEventBytes}: far past any real event, short of a heap's worth. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 8 << 20;

  public StreamSpec {
    Objects.requireNonNull(answer, "answer");
    usage = Collections.unmodifiableMap(new LinkedHashMap<>(usage));
    if (requireDone && done.isEmpty()) {
      throw new IllegalArgumentException("requireDone needs a done rule");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this spec. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.answer = answer;
    b.reasoning = reasoning;
    b.toolCall = toolCall;
    b.done = done;
    b.requireDone = requireDone;
    b.tokenCount = tokenCount;
    b.reasoningCount = reasoningCount;
    b.tokenCountIncludesReasoning = tokenCountIncludesReasoning;
    b.inputCount = inputCount;
    b.usage = new LinkedHashMap<>(usage);
    b.error = error;
    b.tokenizer = tokenizer;
    b.requireEventStream = requireEventStream;
    b.maxEventBytes = maxEventBytes;
    return b;
  }

  /** Builds a spec; only the answer channel is required. */
  public static final class Builder {
    private Channel answer;
    private Optional<Channel> reasoning = Optional.empty();
    private Optional<ToolCallRule> toolCall = Optional.empty();
    private Optional<Match> done = Optional.empty();
    private boolean requireDone;
    private Optional<UsageRule> tokenCount = Optional.empty();
    private Optional<UsageRule> reasoningCount = Optional.empty();
    private boolean tokenCountIncludesReasoning = true;
    private Optional<UsageRule> inputCount = Optional.empty();
    private Map<String, UsageRule> usage = new LinkedHashMap<>();
    private Optional<Match> error = Optional.empty();
    private Tokenizer tokenizer = Tokenizer.CHUNKS;
    private boolean requireEventStream = true;
    private int maxEventBytes = DEFAULT_MAX_EVENT_BYTES;

    private Builder() {}

    public Builder answer(Channel answer) {
      this.answer = answer;
      return this;
    }

    /** The answer's token at one JSON pointer, in every event. */
    public Builder token(String pointer) {
      return answer(Channel.of(TokenSource.pointer(pointer)));
    }

    /** The answer's token at one JSON pointer, in events that match {@code when}. */
    public Builder token(String pointer, Match when) {
      return answer(new Channel(TokenSource.pointer(pointer), Optional.of(when)));
    }

    public Builder reasoning(Channel reasoning) {
      this.reasoning = Optional.ofNullable(reasoning);
      return this;
    }

    public Builder toolCall(ToolCallRule toolCall) {
      this.toolCall = Optional.ofNullable(toolCall);
      return this;
    }

    public Builder done(Match done) {
      this.done = Optional.ofNullable(done);
      return this;
    }

    public Builder requireDone(boolean requireDone) {
      this.requireDone = requireDone;
      return this;
    }

    public Builder tokenCount(UsageRule tokenCount) {
      this.tokenCount = Optional.ofNullable(tokenCount);
      return this;
    }

    public Builder tokenCount(String pointer) {
      return tokenCount(UsageRule.at(pointer));
    }

    public Builder reasoningCount(UsageRule reasoningCount) {
      this.reasoningCount = Optional.ofNullable(reasoningCount);
      return this;
    }

    public Builder tokenCountIncludesReasoning(boolean includes) {
      this.tokenCountIncludesReasoning = includes;
      return this;
    }

    public Builder inputCount(UsageRule inputCount) {
      this.inputCount = Optional.ofNullable(inputCount);
      return this;
    }

    public Builder usage(String name, UsageRule rule) {
      usage.put(name, rule);
      return this;
    }

    public Builder usage(Map<String, UsageRule> usage) {
      this.usage = new LinkedHashMap<>(usage);
      return this;
    }

    public Builder error(Match error) {
      this.error = Optional.ofNullable(error);
      return this;
    }

    public Builder tokenizer(Tokenizer tokenizer) {
      this.tokenizer = tokenizer;
      return this;
    }

    public Builder requireEventStream(boolean require) {
      this.requireEventStream = require;
      return this;
    }

    public Builder maxEventBytes(int bytes) {
      this.maxEventBytes = bytes;
      return this;
    }

    public StreamSpec build() {
      return new StreamSpec(
          answer,
          reasoning,
          toolCall,
          done,
          requireDone,
          tokenCount,
          reasoningCount,
          tokenCountIncludesReasoning,
          inputCount,
          usage,
          error,
          tokenizer,
          requireEventStream,
          maxEventBytes);
    }
  }
}
