package dev.streamstorm.protocol.stream;

import dev.streamstorm.protocol.sse.SseEvent;
import dev.streamstorm.scenario.StreamSpec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one SSE event or WebSocket text frame into what the metrics need (tokens, token count,
 * usage, done, errors) according to a {@link StreamSpec}. Compiled once per scenario; immutable and
 * thread-safe. Per event it allocates nothing: JSON is read in one streaming pass by a parser
 * reused per thread, and the token text is handed over as characters.
 *
 * <p>Per event: a done or error rule on the raw data is checked first, without parsing (so {@code
 * [DONE]} is never parsed). The JSON is parsed only when the event can matter: it may carry a token
 * (no {@code tokenWhen}, or its event or data form matches, or it is a JSON rule), or the spec has
 * another pointer rule (token count, usage, a JSON done or error rule). Event-name rules never
 * match a WebSocket frame.
 */
public final class StreamInterpreter {

  private static final int MAX_ERROR_MESSAGE_BYTES = 200;

  private final CompiledMatch tokenWhen;
  private final CompiledMatch done;
  private final CompiledMatch error;
  private final PointerTree pointers;
  private final boolean hasTokenPointer;
  private final boolean hasOtherPointerRules;
  private final String[] usageNames;

  private StreamInterpreter(StreamSpec spec) {
    tokenWhen = spec.tokenWhen().map(m -> CompiledMatch.compile(m, "tokenWhen")).orElse(null);
    done = CompiledMatch.compile(Objects.requireNonNull(spec.done(), "done"), "done");
    error = spec.error().map(m -> CompiledMatch.compile(m, "error")).orElse(null);
    usageNames = spec.usage().keySet().toArray(new String[0]);
    PointerTree tree = new PointerTree(PointerTree.USAGE_BASE + usageNames.length);
    int pointerRules = 0;
    hasTokenPointer = spec.token() != null;
    if (hasTokenPointer) {
      tree.add(spec.token(), PointerTree.TOKEN, "token");
    }
    if (spec.tokenCount().isPresent()) {
      tree.add(spec.tokenCount().get(), PointerTree.TOKEN_COUNT, "tokenCount");
      pointerRules++;
    }
    pointerRules += addJsonMatch(tree, tokenWhen, PointerTree.TOKEN_WHEN, "tokenWhen");
    pointerRules += addJsonMatch(tree, done, PointerTree.DONE, "done");
    pointerRules += addJsonMatch(tree, error, PointerTree.ERROR, "error");
    Map<String, String> usage = spec.usage();
    for (int i = 0; i < usageNames.length; i++) {
      tree.add(usage.get(usageNames[i]), PointerTree.USAGE_BASE + i, "usage." + usageNames[i]);
      pointerRules++;
    }
    hasOtherPointerRules = pointerRules > 0;
    pointers = hasTokenPointer || hasOtherPointerRules ? tree : null;
  }

  /**
   * Prepares {@code spec} for interpretation.
   *
   * @throws IllegalArgumentException when a pointer is not a JSON Pointer or a match rule does not
   *     have exactly one form
   */
  public static StreamInterpreter compile(StreamSpec spec) {
    return new StreamInterpreter(spec);
  }

  /** Interprets one dispatched SSE event (the flyweight is only read during this call). */
  public void onSseEvent(SseEvent event, StreamSink sink) {
    interpret(event, event.dataBytes(), event.dataOffset(), event.dataLength(), sink);
  }

  /** Interprets one complete WebSocket text frame (message), given as UTF-8. */
  public void onTextFrame(byte[] utf8, int offset, int length, StreamSink sink) {
    interpret(null, utf8, offset, length, sink);
  }

  /** Interprets one complete WebSocket text frame; encodes it to UTF-8 first (allocates). */
  public void onTextFrame(String text, StreamSink sink) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    interpret(null, utf8, 0, utf8.length, sink);
  }

  private void interpret(SseEvent event, byte[] data, int offset, int length, StreamSink sink) {
    if (done.matchesData(data, offset, length)) {
      sink.onDone();
      return;
    }
    if (error != null && error.matchesData(data, offset, length)) {
      sink.onStreamError(describe(data, offset, length));
      return;
    }
    boolean isDone = done.matchesEvent(event);
    boolean isError = error != null && error.matchesEvent(event);
    boolean mayCarryToken =
        hasTokenPointer
            && (tokenWhen == null
                || tokenWhen.kind == CompiledMatch.Kind.JSON
                || tokenWhen.matchesEvent(event)
                || tokenWhen.matchesData(data, offset, length));
    if (mayCarryToken || hasOtherPointerRules) {
      JsonScan scan = JsonScan.acquire();
      try {
        if (!scan.scan(pointers, data, offset, length)) {
          sink.onMalformed(scan.malformedReason());
        } else {
          report(scan, mayCarryToken, sink);
          isError |= scan.found(PointerTree.ERROR);
          isDone |= scan.found(PointerTree.DONE);
        }
      } finally {
        scan.release();
      }
    }
    if (isError) {
      sink.onStreamError(describe(data, offset, length));
    }
    if (isDone) {
      sink.onDone();
    }
  }

  private void report(JsonScan scan, boolean mayCarryToken, StreamSink sink) {
    boolean whenHolds =
        tokenWhen == null
            || tokenWhen.kind != CompiledMatch.Kind.JSON
            || scan.found(PointerTree.TOKEN_WHEN);
    if (mayCarryToken && whenHolds && scan.found(PointerTree.TOKEN)) {
      sink.onToken(scan.tokenChars(), 0, scan.tokenLength());
    }
    if (scan.found(PointerTree.TOKEN_COUNT)) {
      sink.onTokenCount(scan.tokenCount());
    }
    for (int i = 0; i < usageNames.length; i++) {
      if (scan.found(PointerTree.USAGE_BASE + i)) {
        sink.onUsage(usageNames[i], scan.number(PointerTree.USAGE_BASE + i));
      }
    }
  }

  private static int addJsonMatch(PointerTree tree, CompiledMatch match, int target, String role) {
    if (match == null || match.kind != CompiledMatch.Kind.JSON) {
      return 0;
    }
    tree.addMatch(match.pointer, target, role, match.expectedText);
    return 1;
  }

  /** The event's data as an error message, cut to a readable length. */
  private static String describe(byte[] data, int offset, int length) {
    int shown = Math.min(length, MAX_ERROR_MESSAGE_BYTES);
    String text = new String(data, offset, shown, StandardCharsets.UTF_8);
    return shown < length ? text + "..." : text;
  }
}
