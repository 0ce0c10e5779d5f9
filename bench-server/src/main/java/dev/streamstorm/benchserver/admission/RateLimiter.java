package dev.streamstorm.benchserver.admission;

/**
 * The requests-per-second and tokens-per-minute limits. A request is charged one request and its
 * planned output tokens up front, as API gateways charge max_tokens; refused requests cost nothing.
 */
public final class RateLimiter {

  private final TokenBucket requests;
  private final TokenBucket tokens;

  /**
   * @param rps requests per second, 0 for no limit (bucket holds max(1, rps): a one-second burst)
   * @param tpm output tokens per minute, 0 for no limit (bucket holds a minute's worth)
   */
  public RateLimiter(double rps, long tpm, long nowNs) {
    this.requests = rps > 0 ? new TokenBucket(Math.max(1, rps), rps, nowNs) : null;
    this.tokens = tpm > 0 ? new TokenBucket(tpm, tpm / 60.0, nowNs) : null;
  }

  /**
   * Charges one request (the gateway, before routing: every HTTP request counts, whatever comes of
   * it).
   *
   * @return 0 when admitted, else the nanoseconds to wait before retrying
   */
  public long tryAdmitRequest(long nowNs) {
    return requests == null ? 0 : requests.tryTake(1, nowNs);
  }

  /**
   * Charges a planned request's output tokens (after planning: only then are they known).
   *
   * @return 0 when admitted, else the nanoseconds to wait before retrying
   */
  public long tryAdmitTokens(int plannedTokens, long nowNs) {
    return tokens == null ? 0 : tokens.tryTake(plannedTokens, nowNs);
  }

  /**
   * Charges one request and its tokens at once, the request given back when the tokens are refused
   * (a WebSocket message: no gateway sees it).
   *
   * @return 0 when admitted, else the nanoseconds to wait before retrying
   */
  public long tryAdmit(int plannedTokens, long nowNs) {
    if (requests != null) {
      long wait = requests.tryTake(1, nowNs);
      if (wait > 0) {
        return wait;
      }
    }
    if (tokens != null) {
      long wait = tokens.tryTake(plannedTokens, nowNs);
      if (wait > 0) {
        if (requests != null) {
          requests.giveBack(1);
        }
        return wait;
      }
    }
    return 0;
  }

  /** Whole seconds for a Retry-After header: rounded up, at least 1. */
  public static long retryAfterSeconds(long waitNanos) {
    return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
  }
}
