package dev.streamstorm.engine;

import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.Redactor;
import dev.streamstorm.metrics.TraceRecord;
import dev.streamstorm.protocol.Endpoint;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.protocol.stream.UsageTally;
import dev.streamstorm.scenario.ConversationSpec;
import dev.streamstorm.scenario.LoadSpec;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.Template;
import dev.streamstorm.scenario.TemplateContext;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * What every user of a run shares: the scenario, the clients, the limits and the counters that
 * enforce them. Thread-safe (immutable fields, atomics).
 */
final class RunContext {
  final Scenario scenario;
  final Vertx vertx;
  final Endpoint endpoint;

  /** The run's clients: each user's HTTP side is made from them. */
  final NetworkClients network;

  /** The compiled stream rules; users read events with their loop's copy (LoadWorker). */
  final StreamInterpreter interpreter;

  final WeightedPicker<ConversationSpec> picker;
  final Function<String, String> env;
  final Optional<DataFeeder> data;
  final long startNs;
  final long warmupEndNs;
  final boolean chatHistory;
  final MessageLog messageLog;
  final MessageRequests requests;

  /** Counts tokens where the server reports none; null with {@code tokenizer: chunks}. */
  final TokenCounter tokenCounter;

  private final TraceSettings trace;

  /** Masks the run's secrets in what reaches an output (error messages, samples). */
  final Redactor redactor;

  /** Sensitive headers whose values differ per user: masked as well, per user. */
  final List<Template> perUserSecrets;

  private final AtomicLong traceClaims = new AtomicLong();

  private final String[] usageNames;

  final AtomicInteger activeUsers = new AtomicInteger();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicLong messagesEnded = new AtomicLong();
  final AtomicLong tokensReceived = new AtomicLong();
  final AtomicLong conversationsStarted = new AtomicLong();
  final AtomicReference<String> endReason = new AtomicReference<>();
  private final Runnable onLimit;
  private final LoadSpec.Limits limits;
  private final long maxTokens;

  RunContext(
      Scenario scenario,
      StreamInterpreter rules,
      Vertx vertx,
      NetworkClients network,
      Function<String, String> env,
      Optional<DataFeeder> data,
      long startNs,
      MessageLog messageLog,
      TokenCounter tokenCounter,
      TraceSettings trace,
      Runnable onLimit) {
    this.tokenCounter = tokenCounter;
    this.trace = trace;
    this.redactor = trace.redactor();
    this.perUserSecrets = SecretValues.perUserHeaders(scenario);
    this.messageLog = messageLog;
    this.requests = new MessageRequests(scenario);
    this.chatHistory = requests.sendsHistory();
    this.scenario = scenario;
    this.vertx = vertx;
    this.network = network;
    this.endpoint = network.endpoint;
    this.env = env;
    this.data = data;
    this.startNs = startNs;
    this.onLimit = onLimit;
    this.limits = scenario.load().limits();
    this.warmupEndNs = startNs + limits.warmup().toNanos();
    this.maxTokens = limits.maxTokens().orElse(Long.MAX_VALUE);
    this.interpreter = rules;
    this.usageNames = interpreter.usageNames().toArray(new String[0]);
    this.picker = new WeightedPicker<>(scenario.conversations(), ConversationSpec::weight);
  }

  /** The usage names the server reported for one message, with their values (a new map). */
  Map<String, Double> usage(UsageTally tally) {
    Map<String, Double> out = null;
    for (int i = 0; i < usageNames.length; i++) {
      if (tally.has(StreamInterpreter.USAGE_BASE + i)) {
        if (out == null) {
          out = new HashMap<>();
        }
        out.put(usageNames[i], tally.value(StreamInterpreter.USAGE_BASE + i));
      }
    }
    return out == null ? Map.of() : out;
  }

  /**
   * The trace of a message being sent, while the run still traces (its first messages); else null.
   */
  /** The masks for text about one user's messages: the run's, and its per-user secrets. */
  Redactor redactorFor(TemplateContext user) {
    return SecretValues.forUser(redactor, perUserSecrets, user);
  }

  MessageTrace traceMessage(int vu, String conversation, int turn, TemplateContext user) {
    if (trace.messages() <= 0 || traceClaims.get() >= trace.messages()) {
      return null;
    }
    long n = traceClaims.incrementAndGet();
    return n <= trace.messages()
        ? new MessageTrace(
            new TraceRecord.Message(n, vu, conversation, turn), trace.log(), redactorFor(user))
        : null;
  }

  /** True once the run is ending: users start nothing new. */
  boolean stopping() {
    return endReason.get() != null;
  }

  /** Ends the run for {@code reason} unless it is already ending; the first reason wins. */
  void stop(String reason) {
    if (endReason.compareAndSet(null, reason)) {
      onLimit.run();
    }
  }

  /**
   * Claims the start of one more conversation, or refuses when the total is reached. A refusal does
   * not stop the run: users on other loops may have claimed the last conversations and not yet sent
   * their first message, and a stop would keep them from sending it. The load drivers end the run
   * once the total is reached and every user has finished ({@link #conversationsExhausted}).
   */
  boolean claimConversation() {
    return conversationsStarted.incrementAndGet() <= totalConversations();
  }

  /** True once every conversation of {@code totalIterations} has been claimed. */
  boolean conversationsExhausted() {
    return conversationsStarted.get() >= totalConversations();
  }

  private long totalConversations() {
    return limits.iterationsTotal().orElse(Long.MAX_VALUE);
  }

  /** Counts a received content token against the token budget. */
  void tokenReceived() {
    if (maxTokens != Long.MAX_VALUE && tokensReceived.incrementAndGet() >= maxTokens) {
      stop("maxTokens");
    }
  }

  /** Counts an ended message against the message limit. */
  void messageEnded() {
    long n = messagesEnded.incrementAndGet();
    if (n >= limits.maxMessages().orElse(Long.MAX_VALUE)) {
      stop("maxMessages");
    }
  }

  long iterationsPerUser() {
    return limits.iterationsPerUser().orElse(Long.MAX_VALUE);
  }
}
