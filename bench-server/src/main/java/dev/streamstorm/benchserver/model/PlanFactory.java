package dev.streamstorm.benchserver.model;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.benchserver.config.Dist;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Draws a {@link Plan} from the config. The draw order is fixed and every draw happens whether or
 * not an override replaces it, so overrides and faults never shift the random sequence of what
 * follows (counts, drawn or overridden, decide how many per-token draws follow them):
 *
 * <ol>
 *   <li>fault, history cost, ttft, answer token count, tool delay and second ttft when the agent
 *       calls its tool, one gap per answer token after the first, the answer words, the agent's
 *       tool call, the fault's parameters (unchanged since before reasoning and tool calls, so
 *       answer-only plans are what they always were);
 *   <li>then, for every request: reasoning token count, tool-call count, phase delay, the answer's
 *       lead gap (used when a phase precedes the answer), one gap per reasoning token after the
 *       first, the reasoning words, and per tool call its tool and arguments, its id and one gap
 *       per event (start and argument chunks).
 * </ol>
 *
 * A format that carries no reasoning or tool calls ({@link Channels#ANSWER_ONLY}) has them drawn as
 * counts and then set to 0.
 */
public final class PlanFactory {

  private static final List<String> ORDER_STATUSES =
      List.of("shipped", "processing", "delivered", "out_for_delivery");

  private final BenchServerConfig config;

  public PlanFactory(BenchServerConfig config) {
    this.config = config;
  }

  public Plan plan(RandomGenerator rng, PlanRequest request) {
    Overrides o = request.overrides();
    Fault drawnFault = FaultPicker.pick(config, rng.nextDouble());
    Fault fault = o.fault() != null ? o.fault() : drawnFault;

    long history = nanos(config.historyCost().sample(rng)) * request.priorMessages();
    long ttft1 = pick(o.ttftNanos(), config.ttft().sample(rng));
    int wanted = countOrOverride(o.tokens(), config.tokens().sample(rng));
    int n = request.maxTokens() > 0 ? Math.min(wanted, request.maxTokens()) : wanted;
    boolean truncated = n < wanted;

    ToolIntent intent = request.toolIntent();
    long toolDelay = 0;
    long ttft2 = 0;
    if (intent != null) {
      toolDelay = nanos(config.toolDelay().sample(rng));
      ttft2 = pick(o.ttftNanos(), config.ttft().sample(rng));
    }
    long[] answerGaps = new long[n];
    for (int i = 1; i < n; i++) {
      answerGaps[i] = pick(o.itlNanos(), config.itl().sample(rng));
    }
    int[] tokenWords = new int[n];
    for (int i = 0; i < n; i++) {
      tokenWords[i] = Vocabulary.pick(rng);
    }
    ToolCall toolCall = intent == null ? null : toolCall(rng, intent);

    long stall = 0;
    int faultIndex = -1;
    long slowHeaders = 0;
    switch (fault) {
      case STALL -> {
        stall = nanos(config.stallDuration().sample(rng));
        faultIndex = n >= 2 ? 1 + rng.nextInt(n - 1) : 0;
      }
      case DROP, ERROR_EVENT, FAILED -> faultIndex = n >= 2 ? 1 + rng.nextInt(n - 1) : 0;
      case MALFORMED -> faultIndex = n >= 1 ? rng.nextInt(n) : 0;
      case SLOW_HEADERS -> slowHeaders = nanos(config.slowHeadersDelay().sample(rng));
      default -> {}
    }

    Channels channels = request.channels();
    int r = countOrOverride(o.reasoningTokens(), config.reasoningTokens().sample(rng));
    int t =
        Math.min(
            PlanLimits.MAX_TOOL_CALLS,
            countOrOverride(o.toolCalls(), config.toolCalls().sample(rng)));
    r = channels.reasoning() ? r : 0;
    t = channels.toolCalls() ? t : 0;
    long phaseDelay = nanos(config.phaseDelay().sample(rng));
    long answerLead = pick(o.itlNanos(), config.itl().sample(rng));
    Dist reasoningItl = config.reasoningItl() != null ? config.reasoningItl() : config.itl();
    long[] reasoningGaps = new long[r];
    for (int i = 1; i < r; i++) {
      reasoningGaps[i] = pick(o.reasoningItlNanos(), reasoningItl.sample(rng));
    }
    int[] reasoningWords = new int[r];
    for (int i = 0; i < r; i++) {
      reasoningWords[i] = Vocabulary.pick(rng);
    }
    LlmToolCall[] calls = new LlmToolCall[t];
    long[][] callGaps = new long[t][1 + PlanLimits.ARG_CHUNKS];
    for (int j = 0; j < t; j++) {
      calls[j] = LlmTools.draw(rng);
      for (int k = 0; k <= PlanLimits.ARG_CHUNKS; k++) {
        callGaps[j][k] = pick(o.itlNanos(), config.itl().sample(rng));
      }
    }

    PlanBuilder b = new PlanBuilder(n + r + t * (1 + PlanLimits.ARG_CHUNKS) + 4);
    // The message's first event of any kind is due at ttft; each later one after its gap, and the
    // first of a phase that follows another after the phase delay too.
    long cursor = history + ttft1;
    boolean anyEvent = false;
    for (int i = 0; i < r; i++) {
      cursor += reasoningGaps[i];
      b.add(cursor, Plan.REASONING, reasoningWords[i]);
      anyEvent = true;
    }
    for (int j = 0; j < t; j++) {
      for (int k = 0; k <= PlanLimits.ARG_CHUNKS; k++) {
        if (anyEvent) {
          cursor += callGaps[j][k] + (j == 0 && k == 0 ? phaseDelay : 0);
        }
        if (k == 0) {
          b.add(cursor, Plan.CALL_START, Plan.packCall(j, 0));
        } else {
          b.add(cursor, Plan.CALL_ARGS, Plan.packCall(j, k - 1));
        }
        anyEvent = true;
      }
    }
    long answerStart =
        anyEvent ? cursor + phaseDelay + answerLead : history + ttft1 + toolDelay + ttft2;
    long[] tokenOffsets = new long[n];
    long at = answerStart;
    for (int i = 0; i < n; i++) {
      at += answerGaps[i];
      tokenOffsets[i] = at;
    }
    long endOffset = n > 0 ? tokenOffsets[n - 1] : anyEvent ? cursor : answerStart;
    if (stall > 0) {
      for (int i = faultIndex; i < n; i++) {
        tokenOffsets[i] += stall;
      }
      endOffset += stall;
    }

    if (toolCall != null) {
      b.add(history + ttft1, Plan.TOOL_CALL, -1);
      b.add(history + ttft1 + toolDelay, Plan.TOOL_RESULT, -1);
    }
    byte cutKind = cutKind(fault);
    boolean cut = false;
    for (int i = 0; i < n && !cut; i++) {
      if (fault == Fault.MALFORMED && i == faultIndex) {
        b.add(tokenOffsets[i], Plan.MALFORMED, -1);
      }
      if (cutKind != 0 && i == faultIndex) {
        b.add(tokenOffsets[i], cutKind, -1);
        cut = true;
      } else {
        b.add(tokenOffsets[i], Plan.TOKEN, tokenWords[i]);
      }
    }
    if (n == 0 && fault == Fault.MALFORMED) {
      b.add(endOffset, Plan.MALFORMED, -1);
    }
    if (n == 0 && cutKind != 0) {
      b.add(endOffset, cutKind, -1);
      cut = true;
    }
    if (!cut) {
      b.add(endOffset, Plan.END, -1);
    }
    long llm = endOffset - history - toolDelay;
    Phases phases = new Phases(history, llm, toolDelay);
    return b.build(n, r, truncated, fault, toolCall, List.of(calls), phases, slowHeaders);
  }

  /** The event that replaces the rest of the answer under a fault, or 0. */
  private static byte cutKind(Fault fault) {
    return switch (fault) {
      case DROP -> Plan.DROP;
      case ERROR_EVENT, FAILED -> Plan.ERROR;
      default -> 0;
    };
  }

  private static ToolCall toolCall(RandomGenerator rng, ToolIntent intent) {
    String id = "call_" + Long.toString(rng.nextLong() & Long.MAX_VALUE, 36);
    Map<String, Object> args = new LinkedHashMap<>();
    Map<String, Object> result = new LinkedHashMap<>();
    String status = ORDER_STATUSES.get(rng.nextInt(ORDER_STATUSES.size()));
    int etaDays = 1 + rng.nextInt(5);
    if (intent.orderId() != null) {
      args.put("order_id", intent.orderId());
      result.put("order_id", intent.orderId());
    } else {
      args.put("query", intent.query());
    }
    result.put("status", status);
    result.put("eta_days", etaDays);
    return new ToolCall(id, "lookup_order", args, result);
  }

  /** The override when there is one; the draw is taken either way by the caller's argument. */
  private static int countOrOverride(Integer override, double drawn) {
    return override != null ? override : count(drawn);
  }

  private static long pick(Long override, double drawnNanos) {
    return override != null ? override : nanos(drawnNanos);
  }

  private static long nanos(double v) {
    return Math.round(v);
  }

  private static int count(double v) {
    return (int) Math.min(PlanLimits.MAX_TOKENS, Math.round(v));
  }

  /** Collects events into the parallel arrays of a plan. */
  private static final class PlanBuilder {
    private long[] due;
    private byte[] kinds;
    private int[] words;
    private int size;

    PlanBuilder(int capacity) {
      due = new long[capacity];
      kinds = new byte[capacity];
      words = new int[capacity];
    }

    void add(long dueOffsetNanos, byte kind, int word) {
      if (size == due.length) {
        due = Arrays.copyOf(due, size * 2);
        kinds = Arrays.copyOf(kinds, size * 2);
        words = Arrays.copyOf(words, size * 2);
      }
      due[size] = dueOffsetNanos;
      kinds[size] = kind;
      words[size] = word;
      size++;
    }

    Plan build(
        int completionTokens,
        int reasoningTokens,
        boolean truncated,
        Fault fault,
        ToolCall toolCall,
        List<LlmToolCall> llmToolCalls,
        Phases phases,
        long slowHeadersNanos) {
      return new Plan(
          Arrays.copyOf(due, size),
          Arrays.copyOf(kinds, size),
          Arrays.copyOf(words, size),
          completionTokens,
          reasoningTokens,
          truncated,
          fault,
          toolCall,
          llmToolCalls,
          phases,
          slowHeadersNanos);
    }
  }
}
