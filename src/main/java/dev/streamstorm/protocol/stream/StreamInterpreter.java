package dev.streamstorm.protocol.stream;

import dev.streamstorm.protocol.sse.SseEvent;
import dev.streamstorm.scenario.StreamSpec;
import dev.streamstorm.scenario.TemplateContext;
import dev.streamstorm.scenario.UsageRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Turns one SSE event or WebSocket text frame into what the metrics need, by the rules of a {@link
 * StreamSpec}: answer and reasoning tokens, tool calls, server-reported numbers, the end and
 * in-stream errors. The rules are compiled once per scenario ({@link StreamRules}); each event loop
 * reads with its own interpreter ({@link #forThisLoop()}: the rules shared, the scanner its own),
 * confined to that loop. Per event it allocates nothing: the JSON is read in one pass by the copy's
 * scanner, and token text is handed over as characters.
 *
 * <p>Per event: the done and error rules are first decided on what needs no parsing (event name,
 * raw data), so {@code [DONE]} is never parsed. The JSON is then parsed only when something may
 * depend on it: a pointer channel whose filter may hold, a rule still undecided, or a number to
 * read. When a channel takes raw data ({@code token: data}), data that is not JSON is not an error:
 * its JSON rules simply do not hold.
 */
public final class StreamInterpreter {

  /** Slots of {@link StreamSink#onUsage}: the server's counts, then the usage names. */
  public static final int TOKEN_COUNT = 0;

  public static final int REASONING_COUNT = 1;
  public static final int INPUT_COUNT = 2;
  public static final int USAGE_BASE = 3;

  /** What an event was, for traces: the strongest thing it carried. */
  public enum EventClass {
    IGNORED,
    USAGE,
    TOOL,
    REASONING,
    TOKEN,
    DONE,
    ERROR;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final int MAX_ERROR_MESSAGE_BYTES = 200;

  private final StreamRules rules;

  /** This copy's scanner: the copy belongs to one event loop ({@link #forThisLoop()}). */
  private final JsonScan scan = new JsonScan();

  private StreamInterpreter(StreamRules rules) {
    this.rules = rules;
  }

  /**
   * A copy of these rules for the calling event loop (or thread): the rules are shared, the scanner
   * that reads each event is its own. A copy is confined to the thread that first reads with it;
   * reading with it from another fails loudly.
   */
  public StreamInterpreter forThisLoop() {
    return new StreamInterpreter(rules);
  }

  /**
   * Prepares {@code spec} for interpretation.
   *
   * @throws IllegalArgumentException when a pointer is not a JSON Pointer
   */
  public static StreamInterpreter compile(StreamSpec spec) {
    return new StreamInterpreter(new StreamRules(spec));
  }

  /** A fresh tally for one user's messages (reset it per message). */
  public UsageTally newTally() {
    return new UsageTally(rules.aggregates.clone());
  }

  /** The usage names, in slot order from {@link #USAGE_BASE}. */
  public List<String> usageNames() {
    return List.of(rules.usageNames);
  }

  /** The unit of the usage name at {@code index} (slot {@code USAGE_BASE + index}). */
  public UsageRule.Unit usageUnit(int index) {
    return rules.usageUnits[index];
  }

  /**
   * This message's values of the rules' placeholders ({@code equals: "${...}"}), to hand back
   * through {@link StreamSink#matchValues()}; {@link StreamSink#NO_VALUES} when there are none.
   */
  public String[] renderMatchValues(TemplateContext ctx) {
    if (rules.perMessage.length == 0) {
      return StreamSink.NO_VALUES;
    }
    String[] out = new String[rules.perMessage.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = rules.perMessage[i].render(ctx);
    }
    return out;
  }

  /** Whether an SSE response must say it is one (Content-Type text/event-stream). */
  public boolean requiresEventStream() {
    return rules.requiresEventStream;
  }

  /** The longest SSE event (a line, or one event's data) read before the message fails. */
  public int maxEventBytes() {
    return rules.maxEventBytes;
  }

  /** Whether some number is read from the response headers (SSE). */
  public boolean readsHeaders() {
    for (String h : rules.usageHeaders) {
      if (h != null) {
        return true;
      }
    }
    return false;
  }

  /** Reads the numbers the spec finds in response headers; {@code header} looks one up. */
  public void onHeaders(Function<String, String> header, StreamSink sink) {
    for (int slot = 0; slot < rules.usageHeaders.length; slot++) {
      if (rules.usageHeaders[slot] == null) {
        continue;
      }
      String v = header.apply(rules.usageHeaders[slot]);
      if (v == null) {
        continue;
      }
      try {
        sink.onUsage(slot, Double.parseDouble(v.strip()));
      } catch (NumberFormatException notANumber) {
        // A header that is not a number reports nothing, as a pointer at a string does.
      }
    }
  }

  /**
   * Interprets one dispatched SSE event (the flyweight is only read during this call) whose bytes
   * arrived at {@code arrivalNs}.
   */
  public EventClass onSseEvent(SseEvent event, long arrivalNs, StreamSink sink) {
    return interpret(
        event, event.dataBytes(), event.dataOffset(), event.dataLength(), arrivalNs, sink);
  }

  /** Interprets one complete WebSocket text frame (message), given as UTF-8. */
  public EventClass onTextFrame(
      byte[] utf8, int offset, int length, long arrivalNs, StreamSink sink) {
    return interpret(null, utf8, offset, length, arrivalNs, sink);
  }

  /** Interprets one complete WebSocket text frame; encodes it to UTF-8 first (allocates). */
  public EventClass onTextFrame(String text, long arrivalNs, StreamSink sink) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return interpret(null, utf8, 0, utf8.length, arrivalNs, sink);
  }

  private EventClass interpret(
      SseEvent event, byte[] data, int offset, int length, long arrivalNs, StreamSink sink) {
    byte doneNow = decide(rules.done, event, data, offset, length);
    byte errorNow = decide(rules.error, event, data, offset, length);
    // Decided by its name or raw data: the end needs no JSON ([DONE] is not JSON), though the
    // numbers the event carries still count when there are some to read.
    boolean decided = doneNow == CompiledRule.TRUE || errorNow == CompiledRule.TRUE;
    boolean parse =
        rules.tree != null
            && (rules.alwaysParse
                || (!decided
                    && (doneNow == CompiledRule.UNKNOWN
                        || errorNow == CompiledRule.UNKNOWN
                        || needsJson(rules.answer, event, data, offset, length)
                        || needsJson(rules.reasoning, event, data, offset, length)
                        || (rules.toolStart != null && rules.toolStart.usesJson())
                        || (rules.toolWhen != null && rules.toolWhen.usesJson()))));
    scan.enter();
    try {
      Findings findings = null;
      if (parse) {
        if (scan.scan(rules.tree, data, offset, length, sink.matchValues())) {
          findings = scan.findings();
        } else if (!rules.rawTolerant && !decided) {
          sink.onMalformed(scan.malformedReason(), arrivalNs);
          return EventClass.ERROR;
        }
      }
      return report(event, data, offset, length, arrivalNs, findings, scan, sink, decided);
    } finally {
      scan.exit();
    }
  }

  private EventClass report(
      SseEvent event,
      byte[] data,
      int offset,
      int length,
      long arrivalNs,
      Findings findings,
      JsonScan scan,
      StreamSink sink,
      boolean endMarker) {
    EventClass cls = EventClass.IGNORED;
    // An end marker known by its name or raw data ([DONE]) is a marker, not text.
    if (!endMarker
        && rules.reasoning != null
        && emit(
            rules.reasoning, true, event, data, offset, length, arrivalNs, findings, scan, sink)) {
      cls = EventClass.REASONING;
    }
    if (!endMarker
        && emit(
            rules.answer, false, event, data, offset, length, arrivalNs, findings, scan, sink)) {
      cls = EventClass.TOKEN;
    }
    if (rules.toolStart != null && rules.toolStart.holds(event, data, offset, length, findings)) {
      sink.onToolCall(arrivalNs);
      cls = stronger(cls, EventClass.TOOL);
    } else if (rules.toolWhen != null
        && rules.toolWhen.holds(event, data, offset, length, findings)) {
      cls = stronger(cls, EventClass.TOOL);
    }
    if (findings != null) {
      for (int slot = 0; slot < rules.usageTargets.length; slot++) {
        int target = rules.usageTargets[slot];
        if (target >= 0 && findings.found(target)) {
          sink.onUsage(
              slot,
              rules.tree.kind(target) == PointerTree.Kind.COUNT
                  ? findings.count(target)
                  : findings.number(target));
          cls = stronger(cls, EventClass.USAGE);
        }
      }
    }
    if (rules.error != null && rules.error.holds(event, data, offset, length, findings)) {
      sink.onStreamError(describe(data, offset, length), arrivalNs);
      return EventClass.ERROR;
    }
    if (rules.done != null && rules.done.holds(event, data, offset, length, findings)) {
      sink.onDone(arrivalNs);
      return EventClass.DONE;
    }
    return cls;
  }

  /** Hands the channel's token to the sink when the event carries one; true when it did. */
  private static boolean emit(
      StreamRules.ChannelRule c,
      boolean isReasoning,
      SseEvent event,
      byte[] data,
      int offset,
      int length,
      long arrivalNs,
      Findings findings,
      JsonScan scan,
      StreamSink sink) {
    if (c.when() != null && !c.when().holds(event, data, offset, length, findings)) {
      return false;
    }
    char[] text;
    int n;
    if (c.raw()) {
      n = scan.decodeRaw(data, offset, length);
      text = scan.rawChars();
    } else {
      int target = first(c.targets(), findings);
      if (target < 0) {
        return false;
      }
      text = findings.text(target);
      n = findings.textLength(target);
    }
    if (n == 0) {
      return false;
    }
    if (isReasoning) {
      sink.onReasoning(text, 0, n, arrivalNs);
    } else {
      sink.onToken(text, 0, n, arrivalNs);
    }
    return true;
  }

  private static int first(int[] targets, Findings findings) {
    if (findings == null) {
      return -1;
    }
    for (int t : targets) {
      if (findings.found(t)) {
        return t;
      }
    }
    return -1;
  }

  private static boolean needsJson(
      StreamRules.ChannelRule c, SseEvent event, byte[] data, int offset, int length) {
    return c != null && !c.raw() && c.mayCarry(event, data, offset, length) != CompiledRule.FALSE;
  }

  private static byte decide(
      CompiledRule rule, SseEvent event, byte[] data, int offset, int length) {
    return rule == null ? CompiledRule.FALSE : rule.decide(event, data, offset, length);
  }

  private static EventClass stronger(EventClass a, EventClass b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  /** The event's data as an error message, cut to a readable length. */
  private static String describe(byte[] data, int offset, int length) {
    int shown = Math.min(length, MAX_ERROR_MESSAGE_BYTES);
    String text = new String(data, offset, shown, StandardCharsets.UTF_8);
    return shown < length ? text + "..." : text;
  }
}
