package dev.streamstorm.benchserver.config;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;

import java.util.Map;
import java.util.function.Consumer;

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
 * @param reasoningTokens reasoning tokens per message (endpoints that carry reasoning)
 * @param reasoningItl gap between reasoning tokens; null means the same as {@code itl}
 * @param toolCalls model tool calls per message (the LLM endpoints; the agent keeps its lookup)
 * @param phaseDelay extra delay before the first event of a phase that follows another
 * @param reasoningField the OpenAI chat delta field of reasoning: reasoning_content or reasoning
 * @param warmUp warm the request paths in-process before {@link BenchServer#start} completes
 * @param tlsCert PEM certificate (chain) to serve HTTPS with, or null for cleartext HTTP
 * @param tlsKey PEM private key of {@code tlsCert}, or null
 * @param tlsSelfSigned serve HTTPS with a certificate generated at start for {@code localhost}
 *     (written to a temporary file whose path {@link BenchServer#certificateFile()} tells)
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
    Dist slowHeadersDelay,
    Dist reasoningTokens,
    Dist reasoningItl,
    Dist toolCalls,
    Dist phaseDelay,
    String reasoningField,
    boolean warmUp,
    String tlsCert,
    String tlsKey,
    boolean tlsSelfSigned) {

  /** The OpenAI chat delta field reasoning goes in: DeepSeek's (the default) or vLLM's. */
  public static final String REASONING_CONTENT = "reasoning_content";

  public static final String REASONING = "reasoning";

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
        new Dist[] {
          ttft,
          itl,
          tokens,
          toolDelay,
          historyCost,
          stallDuration,
          slowHeadersDelay,
          reasoningTokens,
          toolCalls,
          phaseDelay
        }) {
      require(d != null, "distributions must not be null");
    }
    require(
        REASONING_CONTENT.equals(reasoningField) || REASONING.equals(reasoningField),
        "reasoningField must be reasoning_content or reasoning, got " + reasoningField);
  }

  /**
   * Checks the TLS options together (each is set on its own, so the record cannot): a certificate
   * and its key, or a generated certificate, not both.
   *
   * @throws IllegalArgumentException naming the options
   */
  public BenchServerConfig checkTls() {
    require(
        (tlsCert == null) == (tlsKey == null),
        "tlsCert and tlsKey go together (a PEM certificate and its private key)");
    require(
        !(tlsSelfSigned && tlsCert != null),
        "tlsSelfSigned generates the certificate: give it or tlsCert/tlsKey, not both");
    return this;
  }

  /** Whether it serves HTTPS (HTTP/2 by ALPN, and HTTP/1.1) rather than cleartext HTTP. */
  public boolean tls() {
    return tlsCert != null || tlsSelfSigned;
  }

  /**
   * ttft 200ms, itl 20ms, 50 tokens, tool delay 100ms, no reasoning, no model tool calls, no
   * limits, no faults, seed 1, no warm-up (the CLI warms up by default; see {@link #warmUp()}).
   */
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
        Dist.fixed(1, SECONDS),
        Dist.fixed(0),
        null,
        Dist.fixed(0),
        Dist.fixed(0),
        REASONING_CONTENT,
        false,
        null,
        null,
        false);
  }

  /**
   * Parses the CLI's option names in camelCase ({@code ttft, itl, tokens, toolDelay, historyCost,
   * seed, eventLoops, maxConcurrency, queueLimit, rateLimitRps, rateLimitTpm, fault500, faultDrop,
   * faultStall, stallDuration, faultMalformed, faultSlowHeaders, slowHeadersDelay, reasoningTokens,
   * reasoningItl, toolCalls, phaseDelay, reasoningField, warmUp, tlsCert, tlsKey, tlsSelfSigned})
   * over {@link #defaults()}.
   *
   * @throws IllegalArgumentException naming the key and what was expected
   */
  public static BenchServerConfig fromMap(Map<String, ?> options) {
    return ConfigMapReader.read(defaults(), options);
  }

  public BenchServerConfig withSeed(long v) {
    return copy(b -> b.seed = v);
  }

  public BenchServerConfig withEventLoops(int v) {
    return copy(b -> b.eventLoops = v);
  }

  public BenchServerConfig withTtft(Dist v) {
    return copy(b -> b.ttft = v);
  }

  public BenchServerConfig withItl(Dist v) {
    return copy(b -> b.itl = v);
  }

  public BenchServerConfig withTokens(Dist v) {
    return copy(b -> b.tokens = v);
  }

  public BenchServerConfig withToolDelay(Dist v) {
    return copy(b -> b.toolDelay = v);
  }

  public BenchServerConfig withHistoryCost(Dist v) {
    return copy(b -> b.historyCost = v);
  }

  public BenchServerConfig withMaxConcurrency(int v) {
    return copy(b -> b.maxConcurrency = v);
  }

  public BenchServerConfig withQueueLimit(int v) {
    return copy(b -> b.queueLimit = v);
  }

  public BenchServerConfig withRateLimitRps(double v) {
    return copy(b -> b.rateLimitRps = v);
  }

  public BenchServerConfig withRateLimitTpm(long v) {
    return copy(b -> b.rateLimitTpm = v);
  }

  public BenchServerConfig withFault500(double v) {
    return copy(b -> b.fault500 = v);
  }

  public BenchServerConfig withFaultDrop(double v) {
    return copy(b -> b.faultDrop = v);
  }

  public BenchServerConfig withFaultStall(double v) {
    return copy(b -> b.faultStall = v);
  }

  public BenchServerConfig withStallDuration(Dist v) {
    return copy(b -> b.stallDuration = v);
  }

  public BenchServerConfig withFaultMalformed(double v) {
    return copy(b -> b.faultMalformed = v);
  }

  public BenchServerConfig withFaultSlowHeaders(double v) {
    return copy(b -> b.faultSlowHeaders = v);
  }

  public BenchServerConfig withSlowHeadersDelay(Dist v) {
    return copy(b -> b.slowHeadersDelay = v);
  }

  public BenchServerConfig withReasoningTokens(Dist v) {
    return copy(b -> b.reasoningTokens = v);
  }

  /** Gaps between reasoning tokens; null means the same as {@link #itl()}. */
  public BenchServerConfig withReasoningItl(Dist v) {
    return copy(b -> b.reasoningItl = v);
  }

  public BenchServerConfig withToolCalls(Dist v) {
    return copy(b -> b.toolCalls = v);
  }

  public BenchServerConfig withPhaseDelay(Dist v) {
    return copy(b -> b.phaseDelay = v);
  }

  public BenchServerConfig withReasoningField(String v) {
    return copy(b -> b.reasoningField = v);
  }

  /**
   * Whether {@link BenchServer#start} first drives a second of short requests through every
   * endpoint on a throw-away instance, so that the first real request is not served by cold code.
   */
  public BenchServerConfig withWarmUp(boolean v) {
    return copy(b -> b.warmUp = v);
  }

  /** Serves HTTPS with this PEM certificate and key (both null: cleartext). */
  public BenchServerConfig withTls(String certFile, String keyFile) {
    return copy(
        b -> {
          b.tlsCert = certFile;
          b.tlsKey = keyFile;
        });
  }

  /** Serves HTTPS with a certificate generated at start for localhost. */
  public BenchServerConfig withTlsSelfSigned(boolean v) {
    return copy(b -> b.tlsSelfSigned = v);
  }

  private BenchServerConfig copy(Consumer<Builder> change) {
    Builder b = new Builder(this);
    change.accept(b);
    return b.build();
  }

  /** A mutable copy, so that each withX above stays one line. */
  private static final class Builder {
    private long seed;
    private int eventLoops;
    private Dist ttft;
    private Dist itl;
    private Dist tokens;
    private Dist toolDelay;
    private Dist historyCost;
    private int maxConcurrency;
    private int queueLimit;
    private double rateLimitRps;
    private long rateLimitTpm;
    private double fault500;
    private double faultDrop;
    private double faultStall;
    private Dist stallDuration;
    private double faultMalformed;
    private double faultSlowHeaders;
    private Dist slowHeadersDelay;
    private Dist reasoningTokens;
    private Dist reasoningItl;
    private Dist toolCalls;
    private Dist phaseDelay;
    private String reasoningField;
    private boolean warmUp;
    private String tlsCert;
    private String tlsKey;
    private boolean tlsSelfSigned;

    Builder(BenchServerConfig c) {
      seed = c.seed;
      eventLoops = c.eventLoops;
      ttft = c.ttft;
      itl = c.itl;
      tokens = c.tokens;
      toolDelay = c.toolDelay;
      historyCost = c.historyCost;
      maxConcurrency = c.maxConcurrency;
      queueLimit = c.queueLimit;
      rateLimitRps = c.rateLimitRps;
      rateLimitTpm = c.rateLimitTpm;
      fault500 = c.fault500;
      faultDrop = c.faultDrop;
      faultStall = c.faultStall;
      stallDuration = c.stallDuration;
      faultMalformed = c.faultMalformed;
      faultSlowHeaders = c.faultSlowHeaders;
      slowHeadersDelay = c.slowHeadersDelay;
      reasoningTokens = c.reasoningTokens;
      reasoningItl = c.reasoningItl;
      toolCalls = c.toolCalls;
      phaseDelay = c.phaseDelay;
      reasoningField = c.reasoningField;
      warmUp = c.warmUp;
      tlsCert = c.tlsCert;
      tlsKey = c.tlsKey;
      tlsSelfSigned = c.tlsSelfSigned;
    }

    BenchServerConfig build() {
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
          slowHeadersDelay,
          reasoningTokens,
          reasoningItl,
          toolCalls,
          phaseDelay,
          reasoningField,
          warmUp,
          tlsCert,
          tlsKey,
          tlsSelfSigned);
    }
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
