package dev.streamstorm.benchserver.admission;

/**
 * A token bucket: holds up to {@code capacity}, refills continuously at {@code refillPerSecond}.
 * Thread-safe (event loops share it); a request that cannot be served takes nothing.
 */
public final class TokenBucket {

  private final double capacity;
  private final double refillPerNano;
  private double available;
  private long lastRefillNs;

  public TokenBucket(double capacity, double refillPerSecond, long nowNs) {
    this.capacity = capacity;
    this.refillPerNano = refillPerSecond / 1e9;
    this.available = capacity;
    this.lastRefillNs = nowNs;
  }

  /**
   * Takes {@code amount} (capped at the capacity, so a huge request is not refused forever) or
   * returns how long until it could be taken.
   *
   * @return 0 when taken, else the wait in nanoseconds
   */
  public synchronized long tryTake(double amount, long nowNs) {
    double need = Math.min(amount, capacity);
    available = Math.min(capacity, available + (nowNs - lastRefillNs) * refillPerNano);
    lastRefillNs = nowNs;
    if (available >= need) {
      available -= need;
      return 0;
    }
    return (long) Math.ceil((need - available) / refillPerNano);
  }

  /** Undoes a take that a later check refused, so a refused request costs nothing. */
  public synchronized void giveBack(double amount) {
    available = Math.min(capacity, available + Math.min(amount, capacity));
  }
}
