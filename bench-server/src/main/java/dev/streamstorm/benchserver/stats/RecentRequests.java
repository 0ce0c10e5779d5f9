package dev.streamstorm.benchserver.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A fixed-size ring of the most recent request records; thread-safe. */
final class RecentRequests {

  private final RequestRecord[] ring;
  private long written;

  RecentRequests(int capacity) {
    ring = new RequestRecord[capacity];
  }

  synchronized void add(RequestRecord r) {
    ring[(int) (written % ring.length)] = r;
    written++;
  }

  /** Up to {@code limit} of the newest records, oldest first, optionally only one request id. */
  synchronized List<RequestRecord> newest(int limit, String requestId) {
    int held = (int) Math.min(written, ring.length);
    List<RequestRecord> out = new ArrayList<>(Math.min(held, limit));
    for (long i = written - held; i < written; i++) {
      RequestRecord r = ring[(int) (i % ring.length)];
      if (requestId == null || requestId.equals(r.id())) {
        out.add(r);
      }
    }
    return out.size() > limit ? new ArrayList<>(out.subList(out.size() - limit, out.size())) : out;
  }

  synchronized void clear() {
    Arrays.fill(ring, null);
    written = 0;
  }
}
