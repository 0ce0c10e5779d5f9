package dev.streamstorm.engine;

import dev.streamstorm.scenario.ConnectionSpec;
import dev.streamstorm.scenario.LoadSpec;
import dev.streamstorm.scenario.Protocol;
import dev.streamstorm.scenario.Scenario;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether this process can hold the connections a run needs, checked before it starts: one socket
 * (a file descriptor) per connection against the open-file limit, and the connections from one
 * source address against the kernel's ephemeral port range. A run past either would fail part-way,
 * its connections refused with "Too many open files" or "Cannot assign requested address" as {@code
 * connect} errors that look like the server's; checked first, it can say what to raise instead.
 * Linux only (it reads /proc); elsewhere nothing is known and nothing is said.
 */
public final class SocketBudget {

  /**
   * Descriptors a run opens besides its connections after the check (the results file, the outputs,
   * the warm-up's throwaway server, an epoll per loop): measured at 40-60, doubled.
   */
  static final int SPARE_FILES = 128;

  /**
   * What this process may hold.
   *
   * @param openFiles the open-file limit (the JVM has raised its soft limit to the hard one at
   *     start-up), or -1 when unknown
   * @param openNow descriptors open now, or 0 when unknown
   * @param ephemeralPorts the size of the kernel's ephemeral port range, or -1 when unknown
   * @param portRange that range as the kernel writes it ("32768 60999")
   */
  public record Limits(long openFiles, int openNow, int ephemeralPorts, String portRange) {

    /** This process's, read from /proc. */
    public static Limits ofThisProcess() {
      String range = read(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
      int ports = -1;
      if (range != null) {
        String[] lowHigh = range.trim().split("\\s+");
        try {
          ports = Integer.parseInt(lowHigh[1]) - Integer.parseInt(lowHigh[0]) + 1;
        } catch (RuntimeException e) {
          // Unknown format: no port check.
        }
      }
      return new Limits(
          openFileLimit(),
          descriptorsOpen(),
          ports,
          range == null ? "" : range.trim().replaceAll("\\s+", " "));
    }
  }

  private SocketBudget() {}

  /**
   * Connections open at once at the peak: one per user (its keep-alive connection, or its message's
   * connection without reuse), one more per WebSocket user with a session set-up (an HTTP one),
   * users being the closed model's peak or the open model's conversations in flight, and no more
   * than {@code connection.maxConnections}. Over HTTP/2 with reuse a loop's users share its
   * connections, {@code connection.streamsPerConnection} streams each (more connections if the
   * server allows fewer streams than that: its SETTINGS are not known before the run).
   *
   * @param eventLoops the run's event loops: each holds its own HTTP/2 connections
   */
  public static long peakConnections(Scenario s, int eventLoops) {
    long users =
        s.load() instanceof LoadSpec.Closed c ? c.vus() : ((LoadSpec.Open) s.load()).maxInFlight();
    ConnectionSpec connection = s.connection();
    if (s.protocol() != Protocol.WEBSOCKET
        && connection.protocol().multiplexed()
        && connection.reuse()) {
      return sharedConnections(users, eventLoops, connection.streamsPerConnection());
    }
    long perUser = s.protocol() == Protocol.WEBSOCKET && s.session().isPresent() ? 2 : 1;
    long connections = users * perUser;
    return connection.maxConnections().map(m -> Math.min(connections, m)).orElse(connections);
  }

  /**
   * Connections {@code streams} multiplexed streams hold when each of {@code eventLoops} loops
   * keeps its own connections for the users spread evenly over the loops, {@code perConnection}
   * each.
   */
  public static long sharedConnections(long streams, int eventLoops, int perConnection) {
    long loops = Math.max(1, Math.min(eventLoops, streams));
    long perLoop = (streams + loops - 1) / loops;
    return loops * ((perLoop + perConnection - 1) / perConnection);
  }

  /**
   * What stops {@code s} from holding its connections in a process with {@code limits}, as a
   * message that says how to raise the limit; empty when nothing does (or nothing is known).
   *
   * @param eventLoops the run's event loops
   * @param serverInProcess the target is bench-server in this JVM ({@code target: embedded}): every
   *     connection takes a second descriptor, the server's end
   */
  public static Optional<String> problem(
      Scenario s, int eventLoops, boolean serverInProcess, Limits limits) {
    long connections = peakConnections(s, eventLoops);
    long files = connections * (serverInProcess ? 2 : 1);
    if (limits.openFiles() >= 0 && files + limits.openNow() + SPARE_FILES > limits.openFiles()) {
      long need = files + limits.openNow() + SPARE_FILES;
      return Optional.of(
          String.format(
              Locale.ROOT,
              "this run holds up to %,d connections at once%s, one open file each, but this process"
                  + " may open %,d files (%,d in use already): raise the limit to at least %d"
                  + " before starting it (ulimit -n %d in the shell that starts it, up to the hard"
                  + " limit ulimit -Hn; above that, as root: the nofile limit in"
                  + " /etc/security/limits.conf, LimitNOFILE= for a systemd service, docker run"
                  + " --ulimit nofile=%d:%d), or spread the users over several agents (--agents,"
                  + " docs/distributed.md)",
              connections,
              serverInProcess ? " (and the embedded server as many)" : "",
              limits.openFiles(),
              limits.openNow(),
              need,
              need,
              need,
              need));
    }
    int sources = Math.max(1, s.connection().localAddresses().size());
    long perSource = (connections + sources - 1) / sources;
    if (limits.ephemeralPorts() > 0 && perSource > limits.ephemeralPorts()) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "this run holds up to %,d connections at once, %,d from each of its %d source"
                  + " address%s, but the kernel's ephemeral port range (%s) gives %,d connections"
                  + " per source address and destination: spread them over more source addresses"
                  + " with connection.localAddresses (at least %d; on loopback e.g."
                  + " [127.0.0.1-%d], else addresses of this machine's network interfaces), or"
                  + " widen net.ipv4.ip_local_port_range (docs/scenario-reference.md#connection)",
              connections,
              perSource,
              sources,
              sources == 1 ? "" : "es",
              limits.portRange(),
              limits.ephemeralPorts(),
              (connections + limits.ephemeralPorts() - 1) / limits.ephemeralPorts(),
              (connections + limits.ephemeralPorts() - 1) / limits.ephemeralPorts()));
    }
    return Optional.empty();
  }

  private static long openFileLimit() {
    String limits = read(Path.of("/proc/self/limits"));
    if (limits == null) {
      return -1;
    }
    for (String line : limits.split("\n")) {
      if (line.startsWith("Max open files")) {
        String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
        try {
          return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  private static int descriptorsOpen() {
    int n = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path ignored : fds) {
        n++;
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return n;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
