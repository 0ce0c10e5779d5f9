package dev.streamstorm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The cold-start step: each client in a fresh JVM, its users all started at once against the same
 * bench-server, every message counted from the first. The floor runs as {@code streamstorm
 * bench-floor} (a hidden command; plain {@code java}, no options), streamstorm as {@code java -jar
 * streamstorm.jar run} (or {@code java -cp ... Main run} from classes) and, when the launcher sits
 * next to the jar, as {@code bin/streamstorm run} with the options it sets. The order of the
 * clients alternates from one repetition to the next, so a machine that drifts does not favour one.
 * Harness thread only.
 */
final class ColdStart {

  /** How a client is started. */
  enum Client {
    FLOOR("floor"),
    JAR("streamstorm java -jar"),
    CLASSES("streamstorm java -cp"),
    LAUNCHER("streamstorm bin/streamstorm");

    final String label;

    Client(String label) {
      this.label = label;
    }
  }

  /** Room for a JVM to start, drain its last messages and write its results. */
  private static final long EXIT_MARGIN_S = 120;

  /** Between runs: the server closes the last run's connections, the machine settles. */
  private static final long PAUSE_MS = 3_000;

  /** Unmeasured, before the first run: bench-server's request path is compiled for all clients. */
  private static final double SERVER_WARMUP_S = 10;

  private final BenchOptions options;
  private final URI target;
  private final Consumer<String> progress;
  private final ObjectMapper json = new ObjectMapper();

  ColdStart(BenchOptions options, URI target, Consumer<String> progress) {
    this.options = options;
    this.target = target;
    this.progress = progress;
  }

  ColdStep run(Workload workload, double seconds, int repetitions) {
    List<String> notes = new ArrayList<>();
    Path codeSource = codeSource();
    boolean fromJar = codeSource != null && codeSource.toString().endsWith(".jar");
    Path launcher = fromJar ? launcherNextTo(codeSource) : null;
    List<Client> clients = new ArrayList<>(List.of(Client.FLOOR));
    clients.add(fromJar ? Client.JAR : Client.CLASSES);
    if (launcher != null) {
      clients.add(Client.LAUNCHER);
    } else {
      notes.add(
          fromJar
              ? "no bin/streamstorm beside " + codeSource + ": the launcher was not measured"
              : "run from classes, not the jar: streamstorm ran as java -cp ... Main run, and the"
                  + " launcher was not measured");
    }
    warmUpServer(workload);
    Path dir = tempDir();
    List<ColdRun> runs = new ArrayList<>();
    try {
      for (int rep = 1; rep <= repetitions; rep++) {
        List<Client> order = new ArrayList<>(clients);
        if (rep % 2 == 0) {
          java.util.Collections.reverse(order);
        }
        for (int i = 0; i < order.size(); i++) {
          sleepMillis(PAUSE_MS);
          Client c = order.get(i);
          ColdRun r = runOne(c, rep, i + 1, workload, seconds, dir, codeSource, launcher);
          progress.accept(summary(r));
          runs.add(r);
        }
      }
    } finally {
      deleteTree(dir);
    }
    List<ColdSummary> summary = new ArrayList<>();
    ColdSummary floor = ColdSummary.of(Client.FLOOR.label, of(runs, Client.FLOOR), null);
    summary.add(floor);
    for (Client c : clients.subList(1, clients.size())) {
      summary.add(ColdSummary.of(c.label, of(runs, c), floor));
    }
    return new ColdStep(workload.describe(), seconds, runs, summary, notes);
  }

  private static List<ColdRun> of(List<ColdRun> runs, Client c) {
    return runs.stream().filter(r -> r.client().equals(c.label)).toList();
  }

  private void warmUpServer(Workload workload) {
    progress.accept(
        String.format(
            Locale.ROOT,
            "cold start: bench-server warm-up, not measured: the floor client in this JVM for %.0f"
                + " s",
            workload.rampSeconds() + SERVER_WARMUP_S));
    int loops =
        options.eventLoops() > 0
            ? options.eventLoops()
            : Runtime.getRuntime().availableProcessors();
    try (FloorClient f = new FloorClient(workload, target, loops, options.preferNative())) {
      long endNs = f.start() + (long) ((workload.rampSeconds() + SERVER_WARMUP_S) * 1e9);
      sleepMillis(Math.max(0, (endNs - System.nanoTime()) / 1_000_000));
    }
  }

  private ColdRun runOne(
      Client client,
      int rep,
      int position,
      Workload workload,
      double seconds,
      Path dir,
      Path codeSource,
      Path launcher) {
    Path out = dir.resolve(client.name().toLowerCase(Locale.ROOT) + "-" + rep + ".json");
    Path log = dir.resolve(client.name().toLowerCase(Locale.ROOT) + "-" + rep + ".log");
    List<String> cmd = command(client, workload, seconds, dir, out, codeSource, launcher);
    progress.accept(
        String.format(
            Locale.ROOT,
            "cold start %d.%d: %s, %s for %.0f s, all users at once, in a fresh JVM",
            rep,
            position,
            client.label,
            workload.describe(),
            seconds));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    Map<String, String> env = pb.environment();
    // The children run as a user would start them: the bench's own JVM options stay out.
    env.remove("JAVA_OPTS");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    double loadBefore = loadAverage();
    long startNs = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new BenchException("cannot start the cold run of " + client.label + ": " + e);
    }
    try {
      p.getOutputStream().close();
      if (!p.waitFor((long) seconds + EXIT_MARGIN_S, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new BenchException(
            client.label + "'s cold run did not end in time" + tail(log) + "\n  command: " + cmd);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted");
    } catch (IOException e) {
      // Closing its stdin failed: it has exited already.
    }
    double wall = (System.nanoTime() - startNs) / 1e9;
    double loadAfter = loadAverage();
    if (!Files.isRegularFile(out)) {
      throw new BenchException(
          client.label
              + "'s cold run wrote no results (exit code "
              + p.exitValue()
              + ")"
              + tail(log)
              + "\n  command: "
              + String.join(" ", cmd));
    }
    ColdFigures figures;
    try {
      figures =
          client == Client.FLOOR
              ? json.readValue(out.toFile(), ColdFigures.class)
              : ColdFigures.ofResults(json.readTree(out.toFile()));
    } catch (IOException e) {
      throw new BenchException("cannot read " + out + ": " + e.getMessage());
    }
    return new ColdRun(
        client.label,
        rep,
        position,
        figures,
        Cost.round(wall, 1),
        loadBefore,
        loadAfter,
        String.join(" ", cmd));
  }

  private List<String> command(
      Client client,
      Workload workload,
      double seconds,
      Path dir,
      Path out,
      Path codeSource,
      Path launcher) {
    List<String> cmd = new ArrayList<>();
    String java = ServerProcess.javaCommand();
    String classPath = System.getProperty("java.class.path");
    switch (client) {
      case FLOOR -> {
        cmd.addAll(List.of(java, "-cp", classPath, "dev.streamstorm.cli.Main", "bench-floor"));
        cmd.addAll(
            List.of(
                "--target",
                target.toString(),
                "--protocol",
                workload.protocol().id(),
                "--streams",
                Integer.toString(workload.streams()),
                "--ttft-ms",
                Integer.toString(workload.ttftMs()),
                "--itl-ms",
                Integer.toString(workload.itlMs()),
                "--tokens",
                Integer.toString(workload.tokens()),
                "--duration",
                Math.round(seconds * 1000) + "ms"));
      }
      case JAR -> cmd.addAll(List.of(java, "-jar", codeSource.toString(), "run"));
      case CLASSES ->
          cmd.addAll(List.of(java, "-cp", classPath, "dev.streamstorm.cli.Main", "run"));
      case LAUNCHER -> cmd.addAll(List.of(launcher.toString(), "run"));
      default -> throw new IllegalStateException(client.toString());
    }
    if (client != Client.FLOOR) {
      Path scenario = dir.resolve("cold-" + workload.protocol().id() + ".yaml");
      try {
        Files.writeString(
            scenario, workload.coldScenarioYaml(target, "cold", seconds), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new BenchException("cannot write the cold-start scenario: " + e.getMessage());
      }
      cmd.addAll(List.of(scenario.toString(), "--quiet"));
    }
    if (options.eventLoops() > 0) {
      cmd.addAll(List.of("--event-loops", Integer.toString(options.eventLoops())));
    }
    if (client == Client.FLOOR && !options.preferNative()) {
      cmd.addAll(List.of("--transport", "nio"));
    }
    cmd.addAll(List.of("--out", out.toString()));
    return cmd;
  }

  private static Path codeSource() {
    try {
      var source = ColdStart.class.getProtectionDomain().getCodeSource();
      return source == null ? null : Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /** {@code bin/streamstorm} of the checkout whose {@code target/} holds {@code jar}, or null. */
  static Path launcherNextTo(Path jar) {
    Path target = jar.toAbsolutePath().getParent();
    if (target == null || target.getParent() == null) {
      return null;
    }
    Path script = target.getParent().resolve("bin").resolve("streamstorm");
    boolean same = target.resolve("streamstorm.jar").equals(jar.toAbsolutePath());
    return same && Files.isExecutable(script) ? script : null;
  }

  private static String summary(ColdRun r) {
    ColdFigures f = r.figures();
    return String.format(
        Locale.ROOT,
        "  ttft p50 %.1f / p99 %.1f ms, ttfb p99 %.1f ms, %,d messages, %,d failed, lag p99 %.1f /"
            + " max %.1f ms, GC %d pauses (max %.0f ms, %s), %.1f s; load %.2f -> %.2f",
        f.ttftP50Ms(),
        f.ttftP99Ms(),
        f.ttfbP99Ms(),
        f.messages(),
        f.failed(),
        f.lagP99Ms(),
        f.lagMaxMs(),
        f.gcPauses(),
        f.gcMaxMs(),
        f.collector(),
        r.wallSeconds(),
        r.loadBefore(),
        r.loadAfter());
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
      return last.isEmpty() ? "" : ":\n    " + String.join("\n    ", last);
    } catch (IOException e) {
      return "";
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("streamstorm-cold-");
    } catch (IOException e) {
      throw new BenchException("cannot create a temporary directory: " + e.getMessage());
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Temporary files only.
    }
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted");
    }
  }
}
