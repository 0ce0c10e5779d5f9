package dev.streamstorm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The CPUs of this machine divided between the generator and a child bench-server, so that the
 * server's threads never take the generator's cores: on one box, the nearest thing to a server on
 * another machine. Without it both JVMs share every core, and the scheduler's choice between them
 * shows up in the first-token error of any client, the floor's included (docs/performance.md).
 * Linux only: affinity is set with {@code taskset}, inherited by every thread started later.
 *
 * @param generator the CPUs left to this JVM (the first half, rounded up)
 * @param server the CPUs the child bench-server gets
 */
public record CoreSplit(List<Integer> generator, List<Integer> server) {

  private static final Path STATUS = Path.of("/proc/self/status");
  private static final String ALLOWED = "Cpus_allowed_list:";

  /** Halves the CPUs this process may run on. */
  static CoreSplit ofThisProcess() {
    List<Integer> cpus;
    try {
      cpus =
          Files.readAllLines(STATUS, StandardCharsets.UTF_8).stream()
              .filter(l -> l.startsWith(ALLOWED))
              .findFirst()
              .map(l -> parseCpuList(l.substring(ALLOWED.length())))
              .orElseThrow(() -> new BenchException("--split-cores: no CPU list in " + STATUS));
    } catch (IOException e) {
      throw new BenchException("--split-cores works on Linux only (cannot read " + STATUS + ")");
    }
    return of(cpus);
  }

  static CoreSplit of(List<Integer> cpus) {
    if (cpus.size() < 2) {
      throw new BenchException(
          "--split-cores needs at least 2 CPUs; this process may use " + cpus.size());
    }
    int generatorCount = (cpus.size() + 1) / 2;
    return new CoreSplit(
        List.copyOf(cpus.subList(0, generatorCount)),
        List.copyOf(cpus.subList(generatorCount, cpus.size())));
  }

  /** Parses the kernel's CPU list format: {@code 0-3,8,10-11}. */
  static List<Integer> parseCpuList(String list) {
    List<Integer> cpus = new ArrayList<>();
    for (String part : list.trim().split(",")) {
      String[] range = part.trim().split("-");
      int from = Integer.parseInt(range[0]);
      int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
      for (int c = from; c <= to; c++) {
        cpus.add(c);
      }
    }
    return cpus;
  }

  /** Moves every thread of this JVM onto the generator's CPUs. */
  void pinThisJvm() {
    run(
        List.of(
            "taskset",
            "-a",
            "-p",
            "-c",
            format(generator),
            Long.toString(ProcessHandle.current().pid())));
  }

  /** What the child server's command line starts with to run on the server's CPUs. */
  List<String> serverCommandPrefix() {
    return List.of("taskset", "-c", format(server));
  }

  /** "generator on CPU 0, bench-server on CPU 1". */
  String describe() {
    return "generator on CPU " + format(generator) + ", bench-server on CPU " + format(server);
  }

  private static String format(List<Integer> cpus) {
    return cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static void run(List<String> command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (p.waitFor() != 0) {
        throw new BenchException(
            "--split-cores: '" + String.join(" ", command) + "' exited with " + p.exitValue());
      }
    } catch (IOException e) {
      throw new BenchException("--split-cores needs taskset (util-linux): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted while pinning the generator's threads");
    }
  }
}
