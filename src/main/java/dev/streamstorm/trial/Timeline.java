package dev.streamstorm.trial;

import dev.streamstorm.metrics.TraceRecord;
import dev.streamstorm.scenario.StreamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A message's exchange as lines: the request, the response's status and type, then every event with
 * its time from the send, its class, its type and an excerpt of its data (an answer or reasoning
 * event shows the text its rule found first). Long runs of one class are condensed to their first
 * few and last events ("… 42 more token events"), and past {@code maxEvents} shown events the
 * middle is condensed too, so a message of thousands of events stays a screenful; the last events
 * (the end) are always shown.
 */
final class Timeline {
  /** A run of one class longer than HEAD + TAIL + 1 shows its first HEAD and last TAIL events. */
  private static final int RUN_HEAD = 3;

  private static final int RUN_TAIL = 1;

  /** Events always shown at the end of a message: how it ended. */
  private static final int END_SHOWN = 2;

  private static final int TYPE_WIDTH = 22;

  private final StreamSpec spec;
  private final Style style;
  private final int maxEvents;

  Timeline(StreamSpec spec, Style style, int maxEvents) {
    this.spec = spec;
    this.style = style;
    this.maxEvents = Math.max(maxEvents, END_SHOWN + 1);
  }

  /** One shown thing: a request, a head, an event, or events condensed. */
  private sealed interface Row permits Shown, Skipped {}

  private record Shown(Seen seen) implements Row {}

  private record Skipped(List<TraceRecord.Received> lines) implements Row {}

  List<String> render(List<Seen> seen) {
    List<Row> rows = budget(condenseRuns(seen));
    int typeWidth = typeWidth(seen);
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(r instanceof Shown s ? line(s.seen(), typeWidth) : skipped((Skipped) r));
    }
    return out;
  }

  /** Runs of one class longer than RUN_HEAD + RUN_TAIL + 1: the middle condensed. */
  private static List<Row> condenseRuns(List<Seen> seen) {
    List<Row> rows = new ArrayList<>();
    int i = 0;
    while (i < seen.size()) {
      if (!(seen.get(i) instanceof Seen.Received first)) {
        rows.add(new Shown(seen.get(i++)));
        continue;
      }
      int end = i + 1;
      while (end < seen.size()
          && seen.get(end) instanceof Seen.Received next
          && key(next).equals(key(first))) {
        end++;
      }
      int n = end - i;
      if (n > RUN_HEAD + RUN_TAIL + 1) {
        for (int k = i; k < i + RUN_HEAD; k++) {
          rows.add(new Shown(seen.get(k)));
        }
        List<TraceRecord.Received> middle = new ArrayList<>();
        for (int k = i + RUN_HEAD; k < end - RUN_TAIL; k++) {
          middle.add(((Seen.Received) seen.get(k)).line());
        }
        rows.add(new Skipped(middle));
        for (int k = end - RUN_TAIL; k < end; k++) {
          rows.add(new Shown(seen.get(k)));
        }
      } else {
        for (int k = i; k < end; k++) {
          rows.add(new Shown(seen.get(k)));
        }
      }
      i = end;
    }
    return rows;
  }

  /** Comments and events of one class are runs of their own. */
  private static String key(Seen.Received r) {
    return r.line().kind() + "/" + r.line().cls();
  }

  /**
   * At most {@code maxEvents} events shown: the first ones, then the rest condensed into one row
   * (around any request or head, which always show), then the last {@link #END_SHOWN}.
   */
  private List<Row> budget(List<Row> rows) {
    int shownEvents = 0;
    for (Row r : rows) {
      if (r instanceof Shown s && s.seen() instanceof Seen.Received) {
        shownEvents++;
      }
    }
    if (shownEvents <= maxEvents) {
      return rows;
    }
    int lastKept = rows.size();
    for (int tail = 0; tail < END_SHOWN && lastKept > 0; ) {
      lastKept--;
      if (rows.get(lastKept) instanceof Shown s && s.seen() instanceof Seen.Received) {
        tail++;
      }
    }
    List<Row> out = new ArrayList<>();
    List<TraceRecord.Received> pending = new ArrayList<>();
    int shown = 0;
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      boolean event = r instanceof Shown s && s.seen() instanceof Seen.Received;
      boolean exchange = r instanceof Shown s && !(s.seen() instanceof Seen.Received);
      if (i >= lastKept || exchange || shown < maxEvents - END_SHOWN) {
        if (!pending.isEmpty()) {
          out.add(new Skipped(List.copyOf(pending)));
          pending.clear();
        }
        out.add(r);
        shown += event ? 1 : 0;
      } else if (r instanceof Skipped sk) {
        pending.addAll(sk.lines());
      } else {
        pending.add(((Seen.Received) ((Shown) r).seen()).line());
      }
    }
    if (!pending.isEmpty()) {
      out.add(new Skipped(List.copyOf(pending)));
    }
    return out;
  }

  private int typeWidth(List<Seen> seen) {
    int w = 5;
    for (Seen s : seen) {
      if (s instanceof Seen.Received r) {
        w = Math.max(w, type(r.line()).length());
      }
    }
    return Math.min(w, TYPE_WIDTH);
  }

  private String line(Seen s, int typeWidth) {
    if (s instanceof Seen.Request r) {
      return "  " + style.bold(r.method() + " " + Excerpt.of(r.path(), 200));
    }
    if (s instanceof Seen.Head h) {
      String what =
          h.status() == 101
              ? "HTTP 101 (WebSocket open)"
              : "HTTP "
                  + h.status()
                  + (h.contentType() == null ? "" : " " + Excerpt.of(h.contentType(), 60));
      return "  " + time(h.tMs()) + "  " + style.ofStatus(h.status(), what);
    }
    TraceRecord.Received l = ((Seen.Received) s).line();
    String cls = "comment".equals(l.kind()) ? "ignored" : l.cls();
    return "  "
        + time(l.tMs())
        + "  "
        + style.ofClass(cls, pad(cls, 9))
        + "  "
        + pad(Excerpt.of(type(l), TYPE_WIDTH), typeWidth)
        + "  "
        + excerpt(l, cls);
  }

  private String excerpt(TraceRecord.Received l, String cls) {
    if ("comment".equals(l.kind())) {
      return style.dim(":" + Excerpt.of(l.data(), Excerpt.DATA_CHARS));
    }
    EventData e = EventData.of(l);
    String found = null;
    if ("token".equals(cls)) {
      found = quoted(TokenText.find(spec.answer(), e));
    } else if ("reasoning".equals(cls) && spec.reasoning().isPresent()) {
      found = quoted(TokenText.find(spec.reasoning().get(), e));
    } else if ("usage".equals(cls) || "done".equals(cls)) {
      found = TokenText.numbers(spec, e);
    }
    if (found == null) {
      return Excerpt.of(l.data(), Excerpt.DATA_CHARS);
    }
    int left = Math.max(20, Excerpt.DATA_CHARS - found.length() - 2);
    return style.ofClass(cls, found) + "  " + style.dim(Excerpt.of(l.data(), left));
  }

  private static String quoted(String text) {
    return text == null ? null : Excerpt.quoted(text, 30);
  }

  private String skipped(Skipped s) {
    Map<String, Integer> byClass = new LinkedHashMap<>();
    for (TraceRecord.Received l : s.lines()) {
      String c = "comment".equals(l.kind()) ? "comment" : l.cls();
      byClass.merge(c, 1, Integer::sum);
    }
    int n = s.lines().size();
    String more = String.format(Locale.ROOT, "… %,d more ", n);
    String what;
    if (byClass.size() == 1) {
      String c = byClass.keySet().iterator().next();
      String noun = c.equals("comment") ? "comment" : c + " event";
      what = more + noun + (n == 1 ? "" : "s");
    } else {
      what =
          more
              + "events: "
              + byClass.entrySet().stream()
                  .map(e -> e.getValue() + " " + e.getKey())
                  .collect(Collectors.joining(", "));
    }
    double from = s.lines().get(0).tMs();
    double to = s.lines().get(n - 1).tMs();
    return "  " + pad("", 11) + "  " + style.dim(what + span(from, to));
  }

  private static String span(double from, double to) {
    return String.format(Locale.ROOT, " (+%,.1f to +%,.1f ms)", from, to);
  }

  private static String type(TraceRecord.Received l) {
    return switch (l.kind()) {
      case "comment" -> "comment";
      case "frame" -> "frame";
      default -> l.type() == null ? "message" : l.type();
    };
  }

  static String time(double ms) {
    return pad(String.format(Locale.ROOT, "+%,.1f ms", ms), 11, true);
  }

  private static String pad(String s, int width) {
    return pad(s, width, false);
  }

  private static String pad(String s, int width, boolean left) {
    if (s.length() >= width) {
      return s;
    }
    String space = " ".repeat(width - s.length());
    return left ? space + s : s + space;
  }
}
