package dev.streamstorm.benchserver;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;

import java.util.Map;

/**
 * Everything that shapes bench-server's behaviour, immutable. Durations are {@link Dist}s in
 * nanoseconds, token counts {@link Dist}s of counts, probabilities in [0, 1].
 *
 * @param seed seeds every per-request random generator (see docs/bench-server.md)
 * @param eventLoops event loops (and HTTP server instances) bench-server runs on
 * @param historyCost extra time to first token per prior message of the conversation
 * @param maxConcurrency streams generating at once; 0 means unlimited
 * @param queueLimit requests waiting for a slot beyond which 503 answers; -1 means unlimited
 * @param rateLimitRps requests per second admitted (token bucket); 0 means no limit
 * @param rateLimitTpm output tokens per minute admitted (token bucket); 0 means no limit
 */
public record BenchServerConfig(
    long seed,
    int eventLoops,
    Dist ttft,
    Dist itl,
    Dist tokens,
    Dist toolDelay,
    Dist historyCost,
    int maxConcurrency,
    int queueLimit,
    double rateLimitRps,
    long rateLimitTpm,
    double fault500,
    double faultDrop,
    double faultStall,
    Dist stallDuration,
    double faultMalformed,
    double faultSlowHeaders,
    Dist slowHeadersDelay) {

  public BenchServerConfig {
    require(eventLoops >= 1, "eventLoops must be >= 1");
    require(maxConcurrency >= 0, "maxConcurrency must be >= 0 (0 = unlimited)");
    require(queueLimit >= -1, "queueLimit must be >= -1 (-1 = unlimited)");
    require(rateLimitRps >= 0, "rateLimitRps must be >= 0 (0 = no limit)");
    require(rateLimitTpm >= 0, "rateLimitTpm must be >= 0 (0 = no limit)");
    probability(fault500, "fault500");
    probability(faultDrop, "faultDrop");
    probability(faultStall, "faultStall");
    probability(faultMalformed, "faultMalformed");
    probability(faultSlowHeaders, "faultSlowHeaders");
    require(
        fault500 + faultDrop + faultStall + faultMalformed + faultSlowHeaders <= 1.0 + 1e-9,
        "fault probabilities must add up to at most 1 (one fault at most per request)");
    for (Dist d :
        new Dist[] {ttft, itl, tokens, toolDelay, historyCost, stallDuration, slowHeadersDelay}) {
      require(d != null, "distributions must not be null");
    }
  }

  /** ttft 200ms, itl 20ms, 50 tokens, tool delay 100ms, no limits, no faults, seed 1. */
  public static BenchServerConfig defaults() {
    return new BenchServerConfig(
        1,
        Runtime.getRuntime().availableProcessors(),
        Dist.fixed(200, MILLISECONDS),
        Dist.fixed(20, MILLISECONDS),
        Dist.fixed(50),
        Dist.fixed(100, MILLISECONDS),
        Dist.fixed(0),
        0,
        -1,
        0,
        0,
        0,
        0,
        0,
        Dist.fixed(2, SECONDS),
        0,
        0,
        Dist.fixed(1, SECONDS));
  }

  /**
   * Parses the CLI's option names in camelCase ({@code ttft, itl, tokens, toolDelay, historyCost,
   * seed, eventLoops, maxConcurrency, queueLimit, rateLimitRps, rateLimitTpm, fault500, faultDrop,
   * faultStall, stallDuration, faultMalformed, faultSlowHeaders, slowHeadersDelay}) over {@link
   * #defaults()}.
   *
   * @throws IllegalArgumentException naming the key and what was expected
   */
  public static BenchServerConfig fromMap(Map<String, ?> options) {
    return ConfigMapReader.read(defaults(), options);
  }

  public BenchServerConfig withSeed(long v) {
    return new BenchServerConfig(
        v,
        eventLoops,
        ttft,
        itl,
        tokens,
        toolDelay,
        historyCost,
        maxConcurrency,
        queueLimit,
        rateLimitRps,
        rateLimitTpm,
        fault500,
        faultDrop,
        faultStall,
        stallDuration,
        faultMalformed,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withEventLoops(int v) {
    return new BenchServerConfig(
        seed,
        v,
        ttft,
        itl,
        tokens,
        toolDelay,
        historyCost,
        maxConcurrency,
        queueLimit,
        rateLimitRps,
        rateLimitTpm,
        fault500,
        faultDrop,
        faultStall,
        stallDuration,
        faultMalformed,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withTtft(Dist v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        v,
        itl,
        tokens,
        toolDelay,
        historyCost,
        maxConcurrency,
        queueLimit,
        rateLimitRps,
        rateLimitTpm,
        fault500,
        faultDrop,
        faultStall,
        stallDuration,
        faultMalformed,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withItl(Dist v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        ttft,
        v,
        tokens,
        toolDelay,
        historyCost,
        maxConcurrency,
        queueLimit,
        rateLimitRps,
        rateLimitTpm,
        fault500,
        faultDrop,
        faultStall,
        stallDuration,
        faultMalformed,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withTokens(Dist v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        ttft,
        itl,
        v,
        toolDelay,
        historyCost,
        maxConcurrency,
        queueLimit,
        rateLimitRps,
        rateLimitTpm,
        fault500,
        faultDrop,
        faultStall,
        stallDuration,
        faultMalformed,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withToolDelay(Dist v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        ttft,
        itl,
        tokens,
        v,
        historyCost,
        maxConcurrency,
        queueLimit,
        rateLimitRps,
        rateLimitTpm,
        fault500,
        faultDrop,
        faultStall,
        stallDuration,
        faultMalformed,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withHistoryCost(Dist v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        ttft,
        itl,
        tokens,
        toolDelay,
        v,
        maxConcurrency,
        queueLimit,
        rateLimitRps,
        rateLimitTpm,
        fault500,
        faultDrop,
        faultStall,
        stallDuration,
        faultMalformed,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withMaxConcurrency(int v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        ttft,
        itl,
        tokens,
        toolDelay,
        historyCost,
        v,
        queueLimit,
        rateLimitRps,
        rateLimitTpm,
        fault500,
        faultDrop,
        faultStall,
        stallDuration,
        faultMalformed,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withQueueLimit(int v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        ttft,
        itl,
        tokens,
        toolDelay,
        historyCost,
        maxConcurrency,
        v,
        rateLimitRps,
        rateLimitTpm,
        fault500,
        faultDrop,
        faultStall,
        stallDuration,
        faultMalformed,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withRateLimitRps(double v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        ttft,
        itl,
        tokens,
        toolDelay,
        historyCost,
        maxConcurrency,
        queueLimit,
        v,
        rateLimitTpm,
        fault500,
        faultDrop,
        faultStall,
        stallDuration,
        faultMalformed,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withRateLimitTpm(long v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        ttft,
        itl,
        tokens,
        toolDelay,
        historyCost,
        maxConcurrency,
        queueLimit,
        rateLimitRps,
        v,
        fault500,
        faultDrop,
        faultStall,
        stallDuration,
        faultMalformed,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withFault500(double v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        ttft,
        itl,
        tokens,
        toolDelay,
        historyCost,
        maxConcurrency,
        queueLimit,
        rateLimitRps,
        rateLimitTpm,
        v,
        faultDrop,
        faultStall,
        stallDuration,
        faultMalformed,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withFaultDrop(double v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        ttft,
        itl,
        tokens,
        toolDelay,
        historyCost,
        maxConcurrency,
        queueLimit,
        rateLimitRps,
        rateLimitTpm,
        fault500,
        v,
        faultStall,
        stallDuration,
        faultMalformed,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withFaultStall(double v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        ttft,
        itl,
        tokens,
        toolDelay,
        historyCost,
        maxConcurrency,
        queueLimit,
        rateLimitRps,
        rateLimitTpm,
        fault500,
        faultDrop,
        v,
        stallDuration,
        faultMalformed,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withStallDuration(Dist v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        ttft,
        itl,
        tokens,
        toolDelay,
        historyCost,
        maxConcurrency,
        queueLimit,
        rateLimitRps,
        rateLimitTpm,
        fault500,
        faultDrop,
        faultStall,
        v,
        faultMalformed,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withFaultMalformed(double v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        ttft,
        itl,
        tokens,
        toolDelay,
        historyCost,
        maxConcurrency,
        queueLimit,
        rateLimitRps,
        rateLimitTpm,
        fault500,
        faultDrop,
        faultStall,
        stallDuration,
        v,
        faultSlowHeaders,
        slowHeadersDelay);
  }

  public BenchServerConfig withFaultSlowHeaders(double v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        ttft,
        itl,
        tokens,
        toolDelay,
        historyCost,
        maxConcurrency,
        queueLimit,
        rateLimitRps,
        rateLimitTpm,
        fault500,
        faultDrop,
        faultStall,
        stallDuration,
        faultMalformed,
        v,
        slowHeadersDelay);
  }

  public BenchServerConfig withSlowHeadersDelay(Dist v) {
    return new BenchServerConfig(
        seed,
        eventLoops,
        ttft,
        itl,
        tokens,
        toolDelay,
        historyCost,
        maxConcurrency,
        queueLimit,
        rateLimitRps,
        rateLimitTpm,
        fault500,
        faultDrop,
        faultStall,
        stallDuration,
        faultMalformed,
        faultSlowHeaders,
        v);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static void probability(double p, String name) {
    require(p >= 0 && p <= 1, name + " must be a probability between 0 and 1, got " + p);
  }
}
