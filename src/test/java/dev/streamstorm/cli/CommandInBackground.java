package dev.streamstorm.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A streamstorm command running on a thread of its own, as a user starts it, so that a test can
 * talk to what it serves while it runs. Its standard error can be read as it grows.
 */
final class CommandInBackground implements AutoCloseable {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final CompletableFuture<Integer> exit;

  CommandInBackground(String... args) {
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    exit = CompletableFuture.supplyAsync(() -> cl.execute(args));
  }

  /** Waits for a line of standard error matching {@code pattern}; returns its first group. */
  String awaitErr(Pattern pattern, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = pattern.matcher(err.toString());
      if (m.find()) {
        return m.groupCount() > 0 ? m.group(1) : m.group();
      }
      if (exit.isDone()) {
        break;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no " + pattern + " in:\n" + err + "\n" + out);
  }

  int exitCode(Duration timeout) throws Exception {
    return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  String err() {
    return err.toString();
  }

  String out() {
    return out.toString();
  }

  @Override
  public void close() throws Exception {
    if (!exit.isDone()) {
      exit.get(60, TimeUnit.SECONDS);
    }
  }
}
