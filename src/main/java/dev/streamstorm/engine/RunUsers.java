package dev.streamstorm.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every user alive in a run, across event loops; users remove themselves when they finish. */
final class RunUsers {
  private final Set<VirtualUser> alive = ConcurrentHashMap.newKeySet();

  void add(VirtualUser vu) {
    alive.add(vu);
    vu.finished().onComplete(ar -> alive.remove(vu));
  }

  boolean isEmpty() {
    return alive.isEmpty();
  }

  int size() {
    return alive.size();
  }

  /** Asks each user, on its own loop, to leave after its current message. */
  void retireAll() {
    for (VirtualUser vu : alive) {
      vu.worker().run(vu::retire);
    }
  }

  /** Cuts every user still there, on its own loop. */
  void cutAll() {
    for (VirtualUser vu : alive) {
      vu.worker().run(vu::cut);
    }
  }
}
