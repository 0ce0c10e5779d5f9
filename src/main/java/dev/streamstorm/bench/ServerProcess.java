package dev.streamstorm.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * bench-server in a child JVM on this machine (same java, same class path), so that the server's
 * CPU is not counted as the generator's. It is killed when closed, and by a shutdown hook should
 * this JVM end first.
 */
final class ServerProcess implements AutoCloseable {

  private static final String READY = "bench-server listening on ";
  private static final long START_TIMEOUT_S = 60;

  private final Process process;
  private final URI url;
  private final Thread killer;

  private ServerProcess(Process process, URI url, Thread killer) {
    this.process = process;
    this.url = url;
    this.killer = killer;
  }

  /**
   * Starts {@code streamstorm bench-server --port 0} and waits for its ready line.
   *
   * @param prefix what runs java (e.g. {@code taskset -c 1}), usually nothing
   * @param jvmOptions options for the child JVM (heap...)
   * @param serverArgs bench-server options after {@code --port 0}
   */
  static ServerProcess start(
      List<String> prefix, List<String> jvmOptions, List<String> serverArgs) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(javaCommand());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.streamstorm.cli.Main");
    cmd.add("bench-server");
    cmd.add("--port");
    cmd.add("0");
    cmd.addAll(serverArgs);
    Process p;
    try {
      p =
          new ProcessBuilder(cmd)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
    } catch (IOException e) {
      throw new BenchException("cannot start bench-server: " + e.getMessage());
    }
    Thread killer = new Thread(p::destroyForcibly, "streamstorm-bench-server-killer");
    Runtime.getRuntime().addShutdownHook(killer);
    CompletableFuture<URI> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> readStdout(p, ready), "streamstorm-bench-server-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ServerProcess(p, ready.get(START_TIMEOUT_S, TimeUnit.SECONDS), killer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new BenchException("interrupted while bench-server started");
    } catch (ExecutionException e) {
      throw new BenchException(
          "bench-server exited before it listened"
              + exitCode(p).map(c -> " (exit code " + c + ")").orElse("")
              + ": its error output is above; check --server-jvm-options");
    } catch (TimeoutException e) {
      p.destroyForcibly();
      throw new BenchException("bench-server did not start within " + START_TIMEOUT_S + " s");
    }
  }

  private static void readStdout(Process p, CompletableFuture<URI> ready) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith(READY)) {
          ready.complete(URI.create(line.substring(READY.length()).trim()));
        }
      }
    } catch (IOException e) {
      // The process ended; a start that never printed its line times out above.
    }
    ready.completeExceptionally(new IOException("bench-server exited"));
  }

  private static Optional<Integer> exitCode(Process p) {
    try {
      return p.waitFor(5, TimeUnit.SECONDS) ? Optional.of(p.exitValue()) : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      p.destroyForcibly();
    }
  }

  /** The java launcher of this JVM, so the child runs on the same runtime. */
  static String javaCommand() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  URI url() {
    return url;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook kills it anyway.
    }
  }
}
