package dev.streamstorm.benchserver.model;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Draws a {@link Plan} from the config. The draw order is fixed (fault, history cost, ttft, token
 * count, tool delay and second ttft when a tool is called, gaps, words, then fault parameters) and
 * every draw happens whether or not an override replaces it, so overrides and faults never shift
 * the random sequence of what follows.
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
    int wanted = o.tokens() != null ? o.tokens() : count(config.tokens().sample(rng));
    if (o.tokens() != null) {
      config.tokens().sample(rng);
    }
    int n = request.maxTokens() > 0 ? Math.min(wanted, request.maxTokens()) : wanted;
    boolean truncated = n < wanted;

    ToolIntent intent = request.toolIntent();
    long toolDelay = 0;
    long ttft2 = 0;
    if (intent != null) {
      toolDelay = nanos(config.toolDelay().sample(rng));
      ttft2 = pick(o.ttftNanos(), config.ttft().sample(rng));
    }
    long[] tokenOffsets = new long[n];
    long t = history + ttft1 + (intent != null ? toolDelay + ttft2 : 0);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        t += pick(o.itlNanos(), config.itl().sample(rng));
      }
      tokenOffsets[i] = t;
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
      case DROP -> faultIndex = n >= 2 ? 1 + rng.nextInt(n - 1) : 0;
      case MALFORMED -> faultIndex = n >= 1 ? rng.nextInt(n) : 0;
      case SLOW_HEADERS -> slowHeaders = nanos(config.slowHeadersDelay().sample(rng));
      default -> {}
    }
    long endOffset = n > 0 ? tokenOffsets[n - 1] : t;
    if (stall > 0) {
      for (int i = faultIndex; i < n; i++) {
        tokenOffsets[i] += stall;
      }
      endOffset += stall;
    }

    PlanBuilder b = new PlanBuilder(n + 4);
    if (toolCall != null) {
      b.add(history + ttft1, Plan.TOOL_CALL, -1);
      b.add(history + ttft1 + toolDelay, Plan.TOOL_RESULT, -1);
    }
    boolean dropped = false;
    for (int i = 0; i < n && !dropped; i++) {
      if (fault == Fault.MALFORMED && i == faultIndex) {
        b.add(tokenOffsets[i], Plan.MALFORMED, -1);
      }
      if (fault == Fault.DROP && i == faultIndex) {
        b.add(tokenOffsets[i], Plan.DROP, -1);
        dropped = true;
      } else {
        b.add(tokenOffsets[i], Plan.TOKEN, tokenWords[i]);
      }
    }
    if (n == 0 && fault == Fault.MALFORMED) {
      b.add(endOffset, Plan.MALFORMED, -1);
    }
    if (n == 0 && fault == Fault.DROP) {
      b.add(endOffset, Plan.DROP, -1);
      dropped = true;
    }
    if (!dropped) {
      b.add(endOffset, Plan.END, -1);
    }
    long llm = endOffset - history - toolDelay;
    Phases phases = new Phases(history, llm, toolDelay);
    return b.build(n, truncated, fault, toolCall, phases, slowHeaders);
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

  private static long pick(Long override, double drawnNanos) {
    return override != null ? override : nanos(drawnNanos);
  }

  private static long nanos(double v) {
    return Math.round(v);
  }

  private static int count(double v) {
    return (int) Math.min(1_000_000, Math.round(v));
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
        boolean truncated,
        Fault fault,
        ToolCall toolCall,
        Phases phases,
        long slowHeadersNanos) {
      return new Plan(
          Arrays.copyOf(due, size),
          Arrays.copyOf(kinds, size),
          Arrays.copyOf(words, size),
          completionTokens,
          truncated,
          fault,
          toolCall,
          phases,
          slowHeadersNanos);
    }
  }
}
