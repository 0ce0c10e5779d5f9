package dev.streamstorm.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Agents and a coordinator as separate JVMs on 127.0.0.1, started from the test JVM's own java and
 * classpath, with their output in files; {@link #close} destroys whatever is still running.
 */
final class ClusterProcesses implements AutoCloseable {
  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  /** Reserves a Hazelcast port for each of {@code members} processes. */
  ClusterProcesses(Path dir, int members) throws IOException {
    this.dir = dir;
    for (int i = 0; i < members; i++) {
      ports.add(freePort());
    }
  }

  /** Every member's address, for --join. */
  String join() {
    return String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
  }

  int port(int member) {
    return ports.get(member);
  }

  /** Starts {@code streamstorm agent} as member {@code member}; returns once it has joined. */
  Process agent(String name, int member, Path resultsDir) throws Exception {
    Process p =
        start(
            name,
            "agent",
            "--name",
            name,
            "--event-loops",
            "1",
            "--cluster-port",
            Integer.toString(port(member)),
            "--join",
            join(),
            "--results-dir",
            resultsDir.toString());
    awaitLine(name, "joined the cluster", Duration.ofSeconds(90), p);
    return p;
  }

  /** Starts a JVM running {@code streamstorm args...}; stdout and stderr go to NAME.out/.err. */
  Process start(String name, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .redirectError(dir.resolve(name + ".err").toFile())
            .start();
    processes.add(p);
    return p;
  }

  String out(String name) throws IOException {
    return read(dir.resolve(name + ".out"));
  }

  String err(String name) throws IOException {
    return read(dir.resolve(name + ".err"));
  }

  /** Waits until NAME.out holds {@code text}; fails when the process dies or time runs out. */
  void awaitLine(String name, String text, Duration timeout, Process p) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (out(name).contains(text)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError(
            name + " exited with " + p.exitValue() + " before '" + text + "':\n" + err(name));
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        name + " did not print '" + text + "' in time:\n" + out(name) + "\n" + err(name));
  }

  /** Waits for {@code p} to exit and returns its exit code. */
  int await(String name, Process p, Duration timeout) throws Exception {
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " still running after " + timeout + ":\n" + err(name));
    }
    return p.exitValue();
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
