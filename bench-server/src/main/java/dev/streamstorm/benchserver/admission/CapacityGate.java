package dev.streamstorm.benchserver.admission;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * Grants at most {@code maxConcurrency} generation slots; further requests wait FIFO up to the
 * queue limit and beyond it are refused (503). Shared by all event loops, hence synchronized; a
 * waiter's grant callback is responsible for hopping back onto its own event loop.
 */
public final class CapacityGate {

  /** Outcome of {@link #acquire}. */
  public enum Admission {
    GRANTED,
    QUEUED,
    REJECTED
  }

  private final int maxConcurrency;
  private final int queueLimit;
  private final LinkedHashSet<Runnable> waiters = new LinkedHashSet<>();
  private int inUse;

  /**
   * @param maxConcurrency 0 for unlimited
   * @param queueLimit -1 for unlimited, 0 for no queue
   */
  public CapacityGate(int maxConcurrency, int queueLimit) {
    this.maxConcurrency = maxConcurrency;
    this.queueLimit = queueLimit;
  }

  /**
   * Takes a slot, or queues {@code onGranted} (run later, on the releasing thread, exactly once,
   * unless {@link #cancel}led first), or refuses.
   */
  public synchronized Admission acquire(Runnable onGranted) {
    if (maxConcurrency == 0 || inUse < maxConcurrency) {
      inUse++;
      return Admission.GRANTED;
    }
    if (queueLimit >= 0 && waiters.size() >= queueLimit) {
      return Admission.REJECTED;
    }
    waiters.add(onGranted);
    return Admission.QUEUED;
  }

  /** Gives a slot back; the longest waiter, if any, receives it. */
  public void release() {
    Runnable next;
    synchronized (this) {
      Iterator<Runnable> it = waiters.iterator();
      if (it.hasNext()) {
        next = it.next();
        it.remove();
      } else {
        inUse--;
        return;
      }
    }
    next.run();
  }

  /** Removes a waiter that no longer wants its slot; returns false if it was not waiting. */
  public synchronized boolean cancel(Runnable onGranted) {
    return waiters.remove(onGranted);
  }

  public synchronized int inUse() {
    return inUse;
  }

  public synchronized int queueDepth() {
    return waiters.size();
  }
}
