package dev.streamstorm.benchserver.http;

import java.util.Arrays;

/**
 * Exchanges ordered by the instant their next event is due: a binary min-heap that keeps the due
 * instants in a primitive array beside the exchanges. A {@code PriorityQueue} with a comparator
 * reads each compared exchange's field, one cache miss per level in a heap of thousands of streams
 * (docs/performance.md, "What the SSE lag tail is made of"); here a sift reads only the contiguous
 * instants. Confined to one event loop.
 */
final class DueQueue {

  private long[] dues = new long[64];
  private Exchange[] exchanges = new Exchange[64];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  /** The earliest due instant ({@link System#nanoTime()}); only when not empty. */
  long headDueNs() {
    return dues[0];
  }

  Exchange head() {
    return exchanges[0];
  }

  void add(Exchange exchange, long dueNs) {
    if (size == dues.length) {
      dues = Arrays.copyOf(dues, size * 2);
      exchanges = Arrays.copyOf(exchanges, size * 2);
    }
    siftUp(size++, exchange, dueNs);
  }

  /** Removes the head. */
  void poll() {
    int last = --size;
    Exchange moved = exchanges[last];
    long movedDue = dues[last];
    exchanges[last] = null;
    if (last > 0) {
      siftDown(0, moved, movedDue);
    }
  }

  /** The head is due again at {@code dueNs}: one sift instead of a removal and an insertion. */
  void rescheduleHead(long dueNs) {
    siftDown(0, exchanges[0], dueNs);
  }

  void clear() {
    Arrays.fill(exchanges, 0, size, null);
    size = 0;
  }

  private void siftUp(int at, Exchange exchange, long dueNs) {
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (dues[parent] - dueNs <= 0) {
        break;
      }
      put(at, exchanges[parent], dues[parent]);
      at = parent;
    }
    put(at, exchange, dueNs);
  }

  private void siftDown(int at, Exchange exchange, long dueNs) {
    int half = size >>> 1;
    while (at < half) {
      int child = 2 * at + 1;
      int right = child + 1;
      if (right < size && dues[right] - dues[child] < 0) {
        child = right;
      }
      if (dueNs - dues[child] <= 0) {
        break;
      }
      put(at, exchanges[child], dues[child]);
      at = child;
    }
    put(at, exchange, dueNs);
  }

  private void put(int at, Exchange exchange, long dueNs) {
    dues[at] = dueNs;
    exchanges[at] = exchange;
  }
}
