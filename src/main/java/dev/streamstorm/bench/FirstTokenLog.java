package dev.streamstorm.bench;

import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.MessageOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Keeps the newest successful messages' first-token instants, named as the bench scenario names
 * them on the wire ({@code PREFIX-vu-iteration-turn}). A fixed ring, so a long soak holds no more
 * than a short run; lock-free, because {@link #onMessage} runs on event loops.
 */
final class FirstTokenLog implements MessageLog {

  /** One message as the generator saw it. */
  record Entry(String requestId, long firstTokenNs) {}

  private final String prefix;
  private final AtomicReferenceArray<Entry> ring;
  private final AtomicLong written = new AtomicLong();

  /**
   * @param prefix the request-id prefix the scenario sends
   * @param capacity messages kept (the newest win)
   */
  FirstTokenLog(String prefix, int capacity) {
    this.prefix = prefix;
    this.ring = new AtomicReferenceArray<>(capacity);
  }

  /** The id the bench scenario sends for message (vu, iteration, turn). */
  static String requestId(String prefix, int vu, long iteration, int turn) {
    return prefix + "-" + vu + "-" + iteration + "-" + turn;
  }

  /** The template that renders {@link #requestId} in a scenario. */
  static String requestIdTemplate(String prefix) {
    return prefix + "-${vu}-${iteration}-${turn}";
  }

  @Override
  public void onMessage(MessageOutcome o, long runStartNs) {
    if (!o.ok() || o.firstTokenNs() == MessageOutcome.NONE) {
      return;
    }
    record(requestId(prefix, o.vu(), o.iteration(), o.turn()), o.firstTokenNs());
  }

  /** Keeps one message's first-token arrival under the id it was sent with. */
  void record(String requestId, long firstTokenNs) {
    long slot = written.getAndIncrement();
    ring.set((int) (slot % ring.length()), new Entry(requestId, firstTokenNs));
  }

  /** What the ring holds now, in no particular order. */
  List<Entry> entries() {
    List<Entry> out = new ArrayList<>(ring.length());
    for (int i = 0; i < ring.length(); i++) {
      Entry e = ring.get(i);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }
}
