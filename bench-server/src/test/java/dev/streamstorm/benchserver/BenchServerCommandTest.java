package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.cli.BenchServerCommand;
import dev.streamstorm.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code bench-server} command, run in-process. */
class BenchServerCommandTest {

  private static final Pattern LISTENING =
      Pattern.compile("bench-server listening on (http://127\\.0\\.0\\.1:(\\d+))\\n");

  @Test
  void printsTheListeningLineServesAndStopsWithExitZero() throws Exception {
    BenchServerCommand command = new BenchServerCommand();
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> cl.execute("--port", "0", "--ttft", "5ms", "--tokens", "2", "--seed", "4"));
    try {
      Matcher m = awaitLine(out);
      HttpResponse<String> stats =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(m.group(1) + "/stats")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(stats.statusCode()).isEqualTo(200);
      assertThat(Integer.parseInt(m.group(2))).isPositive();
    } finally {
      command.stop();
    }
    assertThat(exit.get(15, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void aBadValueIsAOneLineUsageError() {
    assertThat(Main.execute("bench-server", "--ttft", "soon")).isEqualTo(2);
    assertThat(Main.execute("bench-server", "--fault-drop", "0.7", "--fault-500", "0.5"))
        .isEqualTo(2);
  }

  private static Matcher awaitLine(StringWriter out) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(out.toString());
      if (m.find()) {
        return m;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no listening line; output so far: " + out);
  }
}
