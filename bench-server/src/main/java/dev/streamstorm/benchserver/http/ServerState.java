package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.admission.CapacityGate;
import dev.streamstorm.benchserver.admission.RateLimiter;
import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.benchserver.model.PlanFactory;
import dev.streamstorm.benchserver.model.RequestRandom;
import dev.streamstorm.benchserver.stats.BenchServerStats;
import dev.streamstorm.benchserver.stats.StatsCollector;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/** What all event loops of one bench-server share; every part is thread-safe. */
public final class ServerState {

  private final BenchServerConfig config;
  private final PlanFactory plans;
  private final StatsCollector stats = new StatsCollector();
  private final CapacityGate gate;
  private final RateLimiter rateLimiter;
  private final SessionStore sessions = new SessionStore();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong unplanned = new AtomicLong();

  public ServerState(BenchServerConfig config) {
    this.config = config;
    this.plans = new PlanFactory(config);
    this.gate = new CapacityGate(config.maxConcurrency(), config.queueLimit());
    this.rateLimiter =
        new RateLimiter(config.rateLimitRps(), config.rateLimitTpm(), System.nanoTime());
  }

  public BenchServerStats stats(int limit, String requestId) {
    return stats.snapshot(gate.inUse(), gate.queueDepth(), limit, requestId);
  }

  BenchServerConfig config() {
    return config;
  }

  PlanFactory plans() {
    return plans;
  }

  StatsCollector collector() {
    return stats;
  }

  CapacityGate gate() {
    return gate;
  }

  RateLimiter rateLimiter() {
    return rateLimiter;
  }

  SessionStore sessions() {
    return sessions;
  }

  /** The next request's sequence number (1, 2, ...) and its random generator. */
  long nextSequence() {
    return sequence.incrementAndGet();
  }

  /**
   * An id for a request refused before planning (400, 404, ...): numbered apart from the planned
   * sequence so that refusals never shift the seeded draws of the requests that follow.
   */
  String nextUnplannedId(String prefix) {
    return prefix + unplanned.incrementAndGet();
  }

  SplittableRandom random(long seq) {
    return RequestRandom.forRequest(config.seed(), seq);
  }
}
