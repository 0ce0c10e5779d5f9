package dev.streamstorm.protocol.stream;

import dev.streamstorm.protocol.sse.SseEvent;
import dev.streamstorm.scenario.Channel;
import dev.streamstorm.scenario.Location;
import dev.streamstorm.scenario.Match;
import dev.streamstorm.scenario.StreamSpec;
import dev.streamstorm.scenario.Template;
import dev.streamstorm.scenario.TemplateContext;
import dev.streamstorm.scenario.TokenSource;
import dev.streamstorm.scenario.UsageRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns one SSE event or WebSocket text frame into what the metrics need, by the rules of a {@link
 * StreamSpec}: answer and reasoning tokens, tool calls, server-reported numbers, the end and
 * in-stream errors. Compiled once per scenario; each event loop reads with its own copy ({@link
 * #forThisLoop()}: the rules shared, the scanner its own), confined to that loop. Per event it
 * allocates nothing: the JSON is read in one pass by the copy's scanner, and token text is handed
 * over as characters.
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

  private final ChannelRule answer;
  private final ChannelRule reasoning;
  private final CompiledRule toolStart;
  private final CompiledRule toolWhen;
  private final CompiledRule done;
  private final CompiledRule error;
  private final PointerTree tree;
  private final int[] usageTargets;
  private final String[] usageHeaders;
  private final UsageRule.Aggregate[] aggregates;
  private final String[] usageNames;
  private final UsageRule.Unit[] usageUnits;
  private final Template[] perMessage;
  private final boolean alwaysParse;
  private final boolean rawTolerant;
  private final boolean requiresEventStream;
  private final int maxEventBytes;

  /** This copy's scanner: the copy belongs to one event loop ({@link #forThisLoop()}). */
  private final JsonScan scan = new JsonScan();

  /** A text channel: where its token is, and which events may carry it. */
  private record ChannelRule(int[] targets, boolean raw, CompiledRule when) {

    /** Whether the event may carry this channel's token, before parsing. */
    byte mayCarry(SseEvent event, byte[] data, int offset, int length) {
      return when == null ? CompiledRule.TRUE : when.decide(event, data, offset, length);
    }
  }

  private StreamInterpreter(StreamSpec spec) {
    PointerTree t = new PointerTree();
    List<Template> templates = new ArrayList<>();
    answer = channel(spec.answer(), t, "token", templates);
    reasoning = spec.reasoning().map(c -> channel(c, t, "reasoning", templates)).orElse(null);
    toolStart =
        spec.toolCall()
            .map(c -> CompiledRule.compile(c.start(), t, "toolCall.start", templates))
            .orElse(null);
    toolWhen = compile(spec.toolCall().flatMap(c -> c.when()), t, "toolCall.when", templates);
    done = compile(spec.done(), t, "done", templates);
    error = compile(spec.error(), t, "error", templates);
    Map<String, UsageRule> usage = spec.usage();
    int slots = USAGE_BASE + usage.size();
    usageTargets = new int[slots];
    usageHeaders = new String[slots];
    aggregates = new UsageRule.Aggregate[slots];
    usageNames = usage.keySet().toArray(new String[0]);
    usageUnits = new UsageRule.Unit[usageNames.length];
    java.util.Arrays.fill(aggregates, UsageRule.Aggregate.LAST);
    java.util.Arrays.fill(usageTargets, -1);
    boolean numbers = false;
    numbers |= slot(TOKEN_COUNT, spec.tokenCount(), t, true, "tokenCount");
    numbers |= slot(REASONING_COUNT, spec.reasoningCount(), t, true, "reasoningCount");
    numbers |= slot(INPUT_COUNT, spec.inputCount(), t, true, "inputCount");
    for (int i = 0; i < usageNames.length; i++) {
      UsageRule rule = usage.get(usageNames[i]);
      usageUnits[i] = rule.unit();
      numbers |= slot(USAGE_BASE + i, Optional.of(rule), t, false, "usage." + usageNames[i]);
    }
    alwaysParse = numbers;
    rawTolerant = answer.raw() || (reasoning != null && reasoning.raw());
    tree = t.targetCount() > 0 ? t : null;
    perMessage = templates.toArray(new Template[0]);
    requiresEventStream = spec.requireEventStream();
    maxEventBytes = spec.maxEventBytes();
  }

  /** The same rules with a scanner of its own. */
  private StreamInterpreter(StreamInterpreter rules) {
    answer = rules.answer;
    reasoning = rules.reasoning;
    toolStart = rules.toolStart;
    toolWhen = rules.toolWhen;
    done = rules.done;
    error = rules.error;
    tree = rules.tree;
    usageTargets = rules.usageTargets;
    usageHeaders = rules.usageHeaders;
    aggregates = rules.aggregates;
    usageNames = rules.usageNames;
    usageUnits = rules.usageUnits;
    perMessage = rules.perMessage;
    alwaysParse = rules.alwaysParse;
    rawTolerant = rules.rawTolerant;
    requiresEventStream = rules.requiresEventStream;
    maxEventBytes = rules.maxEventBytes;
  }

  /**
   * A copy of these rules for the calling event loop (or thread): the rules are shared, the scanner
   * that reads each event is its own. A copy is confined to the thread that first reads with it;
   * reading with it from another fails loudly.
   */
  public StreamInterpreter forThisLoop() {
    return new StreamInterpreter(this);
  }

  /**
   * Prepares {@code spec} for interpretation.
   *
   * @throws IllegalArgumentException when a pointer is not a JSON Pointer
   */
  public static StreamInterpreter compile(StreamSpec spec) {
    return new StreamInterpreter(spec);
  }

  private static ChannelRule channel(
      Channel c, PointerTree tree, String role, List<Template> templates) {
    CompiledRule when = compile(c.when(), tree, role + ".when", templates);
    if (c.token() instanceof TokenSource.Pointers p) {
      int[] targets = new int[p.pointers().size()];
      for (int i = 0; i < targets.length; i++) {
        targets[i] = tree.text(p.pointers().get(i), role);
      }
      return new ChannelRule(targets, false, when);
    }
    return new ChannelRule(new int[0], true, when);
  }

  private static CompiledRule compile(
      Optional<Match> match, PointerTree tree, String role, List<Template> templates) {
    return match.map(m -> CompiledRule.compile(m, tree, role, templates)).orElse(null);
  }

  /** Registers a number's location; true when it is read from the JSON. */
  private boolean slot(
      int slot, Optional<UsageRule> rule, PointerTree tree, boolean count, String role) {
    if (rule.isEmpty()) {
      return false;
    }
    aggregates[slot] = rule.get().aggregate();
    if (rule.get().at() instanceof Location.Header h) {
      usageHeaders[slot] = h.name();
      return false;
    }
    String pointer = ((Location.Json) rule.get().at()).pointer();
    usageTargets[slot] = count ? tree.count(pointer, role) : tree.number(pointer, role);
    return true;
  }

  /** A fresh tally for one user's messages (reset it per message). */
  public UsageTally newTally() {
    return new UsageTally(aggregates.clone());
  }

  /** The usage names, in slot order from {@link #USAGE_BASE}. */
  public List<String> usageNames() {
    return List.of(usageNames);
  }

  /** The unit of the usage name at {@code index} (slot {@code USAGE_BASE + index}). */
  public UsageRule.Unit usageUnit(int index) {
    return usageUnits[index];
  }

  /**
   * This message's values of the rules' placeholders ({@code equals: "${...}"}), to hand back
   * through {@link StreamSink#matchValues()}; {@link StreamSink#NO_VALUES} when there are none.
   */
  public String[] renderMatchValues(TemplateContext ctx) {
    if (perMessage.length == 0) {
      return StreamSink.NO_VALUES;
    }
    String[] out = new String[perMessage.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = perMessage[i].render(ctx);
    }
    return out;
  }

  /** Whether an SSE response must say it is one (Content-Type text/event-stream). */
  public boolean requiresEventStream() {
    return requiresEventStream;
  }

  /** The longest SSE event (a line, or one event's data) read before the message fails. */
  public int maxEventBytes() {
    return maxEventBytes;
  }

  /** Whether some number is read from the response headers (SSE). */
  public boolean readsHeaders() {
    for (String h : usageHeaders) {
      if (h != null) {
        return true;
      }
    }
    return false;
  }

  /** Reads the numbers the spec finds in response headers; {@code header} looks one up. */
  public void onHeaders(Function<String, String> header, StreamSink sink) {
    for (int slot = 0; slot < usageHeaders.length; slot++) {
      if (usageHeaders[slot] == null) {
        continue;
      }
      String v = header.apply(usageHeaders[slot]);
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
    byte doneNow = decide(done, event, data, offset, length);
    byte errorNow = decide(error, event, data, offset, length);
    // Decided by its name or raw data: the end needs no JSON ([DONE] is not JSON), though the
    // numbers the event carries still count when there are some to read.
    boolean decided = doneNow == CompiledRule.TRUE || errorNow == CompiledRule.TRUE;
    boolean parse =
        tree != null
            && (alwaysParse
                || (!decided
                    && (doneNow == CompiledRule.UNKNOWN
                        || errorNow == CompiledRule.UNKNOWN
                        || needsJson(answer, event, data, offset, length)
                        || needsJson(reasoning, event, data, offset, length)
                        || (toolStart != null && toolStart.usesJson())
                        || (toolWhen != null && toolWhen.usesJson()))));
    scan.enter();
    try {
      Findings findings = null;
      if (parse) {
        if (scan.scan(tree, data, offset, length, sink.matchValues())) {
          findings = scan.findings();
        } else if (!rawTolerant && !decided) {
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
        && reasoning != null
        && emit(reasoning, true, event, data, offset, length, arrivalNs, findings, scan, sink)) {
      cls = EventClass.REASONING;
    }
    if (!endMarker
        && emit(answer, false, event, data, offset, length, arrivalNs, findings, scan, sink)) {
      cls = EventClass.TOKEN;
    }
    if (toolStart != null && toolStart.holds(event, data, offset, length, findings)) {
      sink.onToolCall(arrivalNs);
      cls = stronger(cls, EventClass.TOOL);
    } else if (toolWhen != null && toolWhen.holds(event, data, offset, length, findings)) {
      cls = stronger(cls, EventClass.TOOL);
    }
    if (findings != null) {
      for (int slot = 0; slot < usageTargets.length; slot++) {
        int target = usageTargets[slot];
        if (target >= 0 && findings.found(target)) {
          sink.onUsage(
              slot,
              tree.kind(target) == PointerTree.Kind.COUNT
                  ? findings.count(target)
                  : findings.number(target));
          cls = stronger(cls, EventClass.USAGE);
        }
      }
    }
    if (error != null && error.holds(event, data, offset, length, findings)) {
      sink.onStreamError(describe(data, offset, length), arrivalNs);
      return EventClass.ERROR;
    }
    if (done != null && done.holds(event, data, offset, length, findings)) {
      sink.onDone(arrivalNs);
      return EventClass.DONE;
    }
    return cls;
  }

  /** Hands the channel's token to the sink when the event carries one; true when it did. */
  private static boolean emit(
      ChannelRule c,
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
      ChannelRule c, SseEvent event, byte[] data, int offset, int length) {
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
