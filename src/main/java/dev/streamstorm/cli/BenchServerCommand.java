package dev.streamstorm.cli;

import dev.streamstorm.benchserver.BenchServer;
import dev.streamstorm.benchserver.config.BenchServerConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code streamstorm bench-server}: runs the fake streaming server until SIGTERM / Ctrl-C. Options
 * are handed to {@link BenchServerConfig#fromMap} under their camelCase names, so the CLI and a
 * scenario's {@code embeddedServer:} map accept exactly the same values.
 */
@Command(
    name = "bench-server",
    mixinStandardHelpOptions = true,
    description = {
      "Runs bench-server, the fake streaming LLM/agent server (OpenAI, Anthropic, session API,"
          + " WebSocket).",
      "Durations: 200ms | fixed:200ms | uniform:100ms:300ms | normal:200ms:30ms |"
          + " lognormal:200ms:0.5 | exponential:200ms (units ns, us, ms, s, m);"
          + " token counts the same without units."
    })
public final class BenchServerCommand implements Callable<Integer> {

  private static final long CLOSE_TIMEOUT_SECONDS = 10;

  @Spec CommandSpec spec;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind.")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Port; 0 picks a free one.")
  int port;

  @Option(names = "--seed", description = "Seed of every random draw (default 1).")
  Long seed;

  @Option(names = "--event-loops", description = "Event loops (default: cores).")
  Integer eventLoops;

  @Option(names = "--ttft", description = "Time to first token (default 200ms).")
  String ttft;

  @Option(names = "--itl", description = "Gap between tokens (default 20ms).")
  String itl;

  @Option(names = "--tokens", description = "Tokens per answer (default 50).")
  String tokens;

  @Option(names = "--tool-delay", description = "Tool execution time (default 100ms).")
  String toolDelay;

  @Option(
      names = "--history-cost",
      description = "Extra first-token time per prior message (default 0).")
  String historyCost;

  @Option(
      names = "--max-concurrency",
      description = "Streams generating at once; 0 = unlimited (default).")
  Integer maxConcurrency;

  @Option(
      names = "--queue-limit",
      description = "Requests waiting for a slot before 503; -1 = unlimited (default).")
  Integer queueLimit;

  @Option(names = "--rate-limit-rps", description = "Requests per second; 0 = none (default).")
  Double rateLimitRps;

  @Option(names = "--rate-limit-tpm", description = "Output tokens per minute; 0 = none.")
  Long rateLimitTpm;

  @Option(names = "--fault-500", description = "Probability of a 500 before streaming.")
  Double fault500;

  @Option(names = "--fault-drop", description = "Probability of a dropped connection mid-stream.")
  Double faultDrop;

  @Option(names = "--fault-stall", description = "Probability of a stall mid-stream.")
  Double faultStall;

  @Option(names = "--stall-duration", description = "Length of a stall (default 2s).")
  String stallDuration;

  @Option(names = "--fault-malformed", description = "Probability of one malformed event.")
  Double faultMalformed;

  @Option(names = "--fault-slow-headers", description = "Probability of delayed headers.")
  Double faultSlowHeaders;

  @Option(names = "--slow-headers-delay", description = "Header delay (default 1s).")
  String slowHeadersDelay;

  @Option(
      names = "--reasoning-tokens",
      description = "Reasoning tokens per message, before tool calls and answer (default 0).")
  String reasoningTokens;

  @Option(
      names = "--reasoning-itl",
      description = "Gap between reasoning tokens (default: same as --itl).")
  String reasoningItl;

  @Option(
      names = "--tool-calls",
      description =
          "Model tool calls per message on the LLM endpoints (default 0; the session agent keeps"
              + " its lookup).")
  String toolCalls;

  @Option(
      names = "--phase-delay",
      description = "Extra delay before a phase that follows another (default 0).")
  String phaseDelay;

  @Option(
      names = "--reasoning-field",
      description = "OpenAI chat reasoning delta field: reasoning_content (default) or reasoning.")
  String reasoningField;

  @Option(
      names = "--warm-up",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Warm the request paths in-process before the ready line (default; --no-warm-up skips).")
  boolean warmUp;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description =
          "Serve HTTPS (h2 and HTTP/1.1, by ALPN) with this PEM certificate (with --tls-key).")
  String tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert.")
  String tlsKey;

  @Option(
      names = "--tls-self-signed",
      description =
          "Serve HTTPS with a certificate generated for localhost; its file is named on stderr.")
  boolean tlsSelfSigned;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile BenchServer server;

  @Override
  public Integer call() throws Exception {
    BenchServerConfig config;
    try {
      config = BenchServerConfig.fromMap(options());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    server =
        BenchServer.start(null, config, host, port)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    Thread hook = new Thread(this::stopFromSignal, "bench-server-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (tlsSelfSigned) {
      // On stderr: stdout carries the ready line alone.
      spec.commandLine()
          .getErr()
          .println(
              "bench-server: self-signed certificate for localhost in "
                  + server.certificateFile()
                  + " (trust it with connection.tls.ca, and target https://localhost:"
                  + server.port()
                  + ")");
      spec.commandLine().getErr().flush();
    }
    var out = spec.commandLine().getOut();
    out.println("bench-server listening on " + server.baseUrl());
    out.flush();
    stopped.await();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it owns the exit
    }
    return ExitCodes.OK;
  }

  /** Stops a running server and lets {@link #call} return 0 (tests; the shutdown hook). */
  public void stop() {
    BenchServer s = server;
    if (s != null) {
      try {
        s.close()
            .toCompletionStage()
            .toCompletableFuture()
            .get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        spec.commandLine().getErr().println("error: closing bench-server: " + e.getMessage());
      }
    }
    stopped.countDown();
  }

  /** SIGTERM / Ctrl-C: close cleanly, then exit 0 rather than the JVM's 128+signal. */
  private void stopFromSignal() {
    stop();
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(ExitCodes.OK);
  }

  private Map<String, Object> options() {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "seed", seed);
    put(m, "eventLoops", eventLoops);
    put(m, "ttft", ttft);
    put(m, "itl", itl);
    put(m, "tokens", tokens);
    put(m, "toolDelay", toolDelay);
    put(m, "historyCost", historyCost);
    put(m, "maxConcurrency", maxConcurrency);
    put(m, "queueLimit", queueLimit);
    put(m, "rateLimitRps", rateLimitRps);
    put(m, "rateLimitTpm", rateLimitTpm);
    put(m, "fault500", fault500);
    put(m, "faultDrop", faultDrop);
    put(m, "faultStall", faultStall);
    put(m, "stallDuration", stallDuration);
    put(m, "faultMalformed", faultMalformed);
    put(m, "faultSlowHeaders", faultSlowHeaders);
    put(m, "slowHeadersDelay", slowHeadersDelay);
    put(m, "reasoningTokens", reasoningTokens);
    put(m, "reasoningItl", reasoningItl);
    put(m, "toolCalls", toolCalls);
    put(m, "phaseDelay", phaseDelay);
    put(m, "reasoningField", reasoningField);
    m.put("warmUp", warmUp);
    put(m, "tlsCert", tlsCert);
    put(m, "tlsKey", tlsKey);
    if (tlsSelfSigned) {
      m.put("tlsSelfSigned", true);
    }
    return m;
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
