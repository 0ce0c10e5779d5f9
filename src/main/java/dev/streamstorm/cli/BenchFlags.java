package dev.streamstorm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streamstorm.bench.BenchException;
import dev.streamstorm.bench.BenchOptions;
import dev.streamstorm.bench.BenchReport;
import dev.streamstorm.bench.BenchRunner;
import dev.streamstorm.bench.BenchTables;
import dev.streamstorm.bench.StepWarmup;
import dev.streamstorm.bench.Workload;
import dev.streamstorm.report.AtomicFiles;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options {@code bench} and {@code calibrate} share, and running them. */
final class BenchFlags {

  @Option(
      names = "--target",
      paramLabel = "URL",
      description = "A running bench-server (default: start one in a child JVM on this machine).")
  URI target;

  @Option(
      names = "--protocol",
      paramLabel = "P",
      split = ",",
      description =
          "sse, websocket, h2c (SSE over cleartext HTTP/2), or several (default sse,websocket;"
              + " calibrate uses the first).")
  List<String> protocols = new ArrayList<>(List.of("sse", "websocket"));

  @Option(
      names = "--event-loops",
      description =
          "Event loops of the generator and of the floor client (default: one per core it may"
              + " use).")
  int eventLoops;

  @Option(names = "--transport", description = "native (epoll where it loads, the default) or nio.")
  String transport = "native";

  @Option(names = "--streams", description = "Concurrent streams of the cost run (default 1000).")
  int streams = 1_000;

  @Option(
      names = "--warmup",
      converter = DurationConverter.class,
      description =
          "Warm-up after the ramp, before each window (default: cost 15s; calibrate and scale"
              + " steps long enough for about 6,000 messages, 15s to 60s).")
  Duration warmup;

  @Option(
      names = "--jit-warmup",
      converter = DurationConverter.class,
      description =
          "Calibrate: run the cost workload this long first, unmeasured, so that the light steps"
              + " do not measure the JIT compiling (default 30s; 0 to skip; skipped after cost).")
  Duration jitWarmup = Duration.ofSeconds(30);

  @Option(
      names = "--window",
      converter = DurationConverter.class,
      description = "Measured window of cost and calibrate steps (default 20s).")
  Duration window = Duration.ofSeconds(20);

  @Option(
      names = "--steps",
      split = ",",
      paramLabel = "N",
      description = "Calibrate's concurrency steps (default 100,500,1000,2000,5000,10000).")
  List<Integer> steps = new ArrayList<>(List.of(100, 500, 1_000, 2_000, 5_000, 10_000));

  @Option(
      names = "--scale-streams",
      description = "Concurrent streams of the scale run (default 10000).")
  int scaleStreams = 10_000;

  @Option(
      names = "--scale-itl",
      converter = DurationConverter.class,
      description =
          "Gap between tokens of the scale run (default 200ms: 5 events/s a stream; 1s for one a"
              + " second).")
  Duration scaleItl = Duration.ofMillis(200);

  @Option(
      names = "--duration",
      converter = DurationConverter.class,
      description = "Measured window of the scale run; 5m for a soak (default 60s).")
  Duration duration = Duration.ofSeconds(60);

  @Option(
      names = "--max-lag",
      converter = DurationConverter.class,
      description = "Accurate means event-loop lag p99 at most this (default 5ms).")
  Duration maxLag = Duration.ofMillis(5);

  @Option(
      names = "--max-ttft-error",
      converter = DurationConverter.class,
      description = "...and first-token error p99 at most this (default 1ms).")
  Duration maxTtftError = Duration.ofMillis(1);

  @Option(
      names = "--server-jvm-options",
      paramLabel = "OPTS",
      description =
          "JVM options of the child bench-server (default: -XX:+UseParallelGC -Xms1g -Xmx1g"
              + " -Xmn600m, the collector that costs a streaming server the least CPU; see"
              + " docs/performance.md).")
  String serverJvmOptions = "-XX:+UseParallelGC -Xms1g -Xmx1g -Xmn600m";

  @Option(
      names = "--cold-duration",
      converter = DurationConverter.class,
      description = "How long each cold-start run starts messages (default 30s).")
  Duration coldDuration = Duration.ofSeconds(30);

  @Option(
      names = "--repeat",
      paramLabel = "N",
      description =
          "Cold start: runs of each client, the order alternating (default 2: floor, java -jar,"
              + " bin/streamstorm, then the reverse).")
  int repeat = 2;

  @Option(
      names = "--cost-runs",
      paramLabel = "N",
      description =
          "Cost: runs of each protocol, the clients' order alternating; from 2 runs the median"
              + " ratio is printed too (default 1; 3 for a figure to compare).")
  int costRuns = 1;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the numbers as JSON.")
  Path out;

  @Option(
      names = "--ttft-errors",
      paramLabel = "FILE",
      description =
          "Write every matched message's first-token instants (client, server) and error as CSV.")
  Path ttftErrors;

  @Option(
      names = "--with-floor",
      description =
          "Calibrate: measure the bare floor client at every step too (the timing error and lag"
              + " this machine allows any client); doubles the time.")
  boolean withFloor;

  @Option(
      names = "--split-cores",
      description =
          "Run the child bench-server on half of the CPUs and the generator on the other half"
              + " (Linux, taskset), so that their threads never compete: the generator's error"
              + " without the server's share of the scheduler, as with a server on another"
              + " machine.")
  boolean splitCores;

  @Option(
      names = "--live",
      description =
          "Run streamstorm with its live outputs open: the dashboard with one event-stream"
              + " subscriber and /metrics scraped every second, as a watched run has them"
              + " (docs/observability.md).")
  boolean live;

  int run(Set<BenchOptions.Mode> modes, PrintWriter out, PrintWriter err) throws Exception {
    BenchOptions options = options(modes);
    BenchReport report;
    try {
      report =
          new BenchRunner(
                  options,
                  line -> {
                    err.println(line);
                    err.flush();
                  })
              .run();
    } catch (BenchException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    out.print(BenchTables.render(report));
    out.flush();
    if (this.out != null) {
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      AtomicFiles.write(this.out, stream -> json.writeValue(stream, report));
    }
    return ExitCodes.OK;
  }

  private BenchOptions options(Set<BenchOptions.Mode> modes) {
    List<Workload.Protocol> ps = new ArrayList<>();
    for (String p : protocols) {
      switch (p.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "sse" -> ps.add(Workload.Protocol.SSE);
        case "websocket", "ws" -> ps.add(Workload.Protocol.WEBSOCKET);
        case "h2c" -> ps.add(Workload.Protocol.H2C);
        default ->
            throw new UsageException("--protocol: expected sse, websocket or h2c, got '" + p + "'");
      }
    }
    boolean preferNative =
        switch (transport) {
          case "native", "epoll" -> true;
          case "nio" -> false;
          default ->
              throw new UsageException(
                  "--transport: expected native or nio, got '" + transport + "'");
        };
    positive("--streams", streams);
    positive("--scale-streams", scaleStreams);
    if (scaleItl.toMillis() < 1 || scaleItl.toMillis() > 60_000) {
      throw new UsageException(
          "--scale-itl: expected 1ms to 60s, got " + scaleItl.toMillis() + "ms");
    }
    positive("--repeat", repeat);
    positive("--cost-runs", costRuns);
    FlagBounds.eventLoops(eventLoops, true);
    if (splitCores && target != null) {
      throw new UsageException(
          "--split-cores divides the CPUs with the child bench-server; with --target, the server"
              + " is not ours to place");
    }
    steps.forEach(s -> positive("--steps", s));
    if (window.isZero() || duration.isZero() || coldDuration.isZero()) {
      throw new UsageException("--window, --duration and --cold-duration must be longer than 0");
    }
    if (target != null && (target.getHost() == null || target.getPort() < 0)) {
      throw new UsageException("--target: expected http://HOST:PORT, got '" + target + "'");
    }
    return new BenchOptions(
        target,
        modes,
        ps.stream().distinct().toList(),
        eventLoops,
        preferNative,
        streams,
        warmup == null ? StepWarmup.adaptive() : StepWarmup.fixed(warmup.toMillis() / 1000.0),
        jitWarmup.toMillis() / 1000.0,
        window.toMillis() / 1000.0,
        steps.stream().sorted().distinct().toList(),
        scaleStreams,
        duration.toMillis() / 1000.0,
        (int) scaleItl.toMillis(),
        maxLag.toNanos() / 1e6,
        maxTtftError.toNanos() / 1e6,
        serverJvmOptions.isBlank() ? List.of() : List.of(serverJvmOptions.trim().split("\\s+")),
        ttftErrors,
        withFloor,
        splitCores,
        live,
        coldDuration.toMillis() / 1000.0,
        repeat,
        costRuns);
  }

  private static void positive(String flag, int value) {
    if (value <= 0) {
      throw new UsageException(flag + ": expected a positive number, got " + value);
    }
  }
}
