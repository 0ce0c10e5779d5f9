package dev.streamstorm.protocol.stream;

import dev.streamstorm.protocol.sse.SseEvent;
import dev.streamstorm.scenario.Match;
import dev.streamstorm.scenario.Template;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link Match} compiled for allocation-free checks: event-name and raw-data leaves compare
 * bytes, JSON leaves read the {@link Findings} of the event's one scan (each is a MATCH target of
 * the spec's {@link PointerTree}), and {@code anyOf}/{@code allOf}/{@code not} combine them. Before
 * the scan a rule can often be decided already ({@code [DONE]} is never parsed): {@link #decide}
 * answers in three values. Immutable.
 */
final class CompiledRule {

  static final byte FALSE = 0;
  static final byte TRUE = 1;
  static final byte UNKNOWN = 2;

  private enum Op {
    EVENT,
    DATA,
    JSON,
    ANY,
    ALL,
    NOT
  }

  private final Op op;
  private final byte[] bytes;
  private final int target;
  private final CompiledRule[] children;
  private final boolean usesJson;

  private CompiledRule(Op op, byte[] bytes, int target, CompiledRule[] children) {
    this.op = op;
    this.bytes = bytes;
    this.target = target;
    this.children = children;
    this.usesJson = op == Op.JSON || Arrays.stream(children).anyMatch(c -> c.usesJson);
  }

  /**
   * Compiles {@code match}, adding its JSON leaves to {@code tree}; a string {@code equals} with
   * placeholders is rendered per message into the slot it is given in {@code perMessage}.
   */
  static CompiledRule compile(
      Match match, PointerTree tree, String role, List<Template> perMessage) {
    CompiledRule[] none = new CompiledRule[0];
    if (match instanceof Match.Event e) {
      return new CompiledRule(Op.EVENT, utf8(e.name()), -1, none);
    }
    if (match instanceof Match.Data d) {
      return new CompiledRule(Op.DATA, utf8(d.text()), -1, none);
    }
    if (match instanceof Match.Json j) {
      PointerTree.Expectation expected =
          j.equals().map(x -> expectation(x, perMessage)).orElse(PointerTree.Expectation.PRESENT);
      return new CompiledRule(Op.JSON, null, tree.match(j.pointer(), role, expected), none);
    }
    if (match instanceof Match.AnyOf a) {
      return new CompiledRule(Op.ANY, null, -1, all(a.matches(), tree, role, perMessage));
    }
    if (match instanceof Match.AllOf a) {
      return new CompiledRule(Op.ALL, null, -1, all(a.matches(), tree, role, perMessage));
    }
    Match.Not n = (Match.Not) match;
    return new CompiledRule(
        Op.NOT, null, -1, new CompiledRule[] {compile(n.match(), tree, role, perMessage)});
  }

  private static CompiledRule[] all(
      List<Match> matches, PointerTree tree, String role, List<Template> perMessage) {
    CompiledRule[] out = new CompiledRule[matches.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = compile(matches.get(i), tree, role, perMessage);
    }
    return out;
  }

  private static PointerTree.Expectation expectation(
      Match.Expected expected, List<Template> perMessage) {
    if (expected instanceof Match.Text t) {
      if (t.value().isConstant()) {
        // Rendered, not the source: a literal may have been written with the $${ escape.
        return PointerTree.Expectation.string(t.value().render(null));
      }
      perMessage.add(t.value());
      return PointerTree.Expectation.perMessage(perMessage.size() - 1);
    }
    if (expected instanceof Match.Number n) {
      return PointerTree.Expectation.number(n.value().doubleValue());
    }
    if (expected instanceof Match.Bool b) {
      return PointerTree.Expectation.of(
          b.value() ? PointerTree.ExpectedKind.TRUE : PointerTree.ExpectedKind.FALSE);
    }
    return PointerTree.Expectation.of(PointerTree.ExpectedKind.NULL);
  }

  /** Whether deciding this rule may need the event's JSON. */
  boolean usesJson() {
    return usesJson;
  }

  /**
   * What can be said before the JSON is parsed: JSON leaves are {@link #UNKNOWN}; event-name rules
   * are false for a WebSocket frame ({@code event} null).
   */
  byte decide(SseEvent event, byte[] data, int offset, int length) {
    return switch (op) {
      case EVENT -> truth(event != null && event.typeEquals(bytes));
      case DATA -> truth(dataEquals(data, offset, length));
      case JSON -> UNKNOWN;
      case NOT -> {
        byte v = children[0].decide(event, data, offset, length);
        yield v == UNKNOWN ? UNKNOWN : truth(v == FALSE);
      }
      case ANY -> {
        byte result = FALSE;
        for (CompiledRule c : children) {
          byte v = c.decide(event, data, offset, length);
          if (v == TRUE) {
            yield TRUE;
          }
          if (v == UNKNOWN) {
            result = UNKNOWN;
          }
        }
        yield result;
      }
      case ALL -> {
        byte result = TRUE;
        for (CompiledRule c : children) {
          byte v = c.decide(event, data, offset, length);
          if (v == FALSE) {
            yield FALSE;
          }
          if (v == UNKNOWN) {
            result = UNKNOWN;
          }
        }
        yield result;
      }
    };
  }

  /**
   * Whether the rule holds for the event; {@code findings} is the scan's, or null when the data was
   * not parsed or is not JSON (every JSON leaf is then false).
   */
  boolean holds(SseEvent event, byte[] data, int offset, int length, Findings findings) {
    return switch (op) {
      case EVENT -> event != null && event.typeEquals(bytes);
      case DATA -> dataEquals(data, offset, length);
      case JSON -> findings != null && findings.found(target);
      case NOT -> !children[0].holds(event, data, offset, length, findings);
      case ANY -> {
        for (CompiledRule c : children) {
          if (c.holds(event, data, offset, length, findings)) {
            yield true;
          }
        }
        yield false;
      }
      case ALL -> {
        for (CompiledRule c : children) {
          if (!c.holds(event, data, offset, length, findings)) {
            yield false;
          }
        }
        yield true;
      }
    };
  }

  private boolean dataEquals(byte[] data, int offset, int length) {
    return length == bytes.length && Arrays.equals(bytes, 0, length, data, offset, offset + length);
  }

  private static byte truth(boolean b) {
    return b ? TRUE : FALSE;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
