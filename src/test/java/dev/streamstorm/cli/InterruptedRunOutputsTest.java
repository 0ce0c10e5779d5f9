package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ResultsJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped by SIGTERM (what Ctrl-C does, without a terminal) in its own JVM: it ends
 * gracefully and still writes every requested output.
 */
@Tag("multi-jvm")
class InterruptedRunOutputsTest {

  @TempDir Path dir;

  @Test
  void everyOutputIsWrittenWhenTheRunIsStopped() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                "--target",
                "embedded",
                "--preset",
                "openai-chat",
                "--vus",
                "3",
                "--duration",
                "2m",
                "--out",
                dir.resolve("r.json").toString(),
                "--html",
                dir.resolve("r.html").toString(),
                "--csv",
                dir.resolve("m.csv").toString(),
                "--hlog",
                dir.resolve("r.hlog").toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader err =
          new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = err.readLine();
      } while (line != null && !line.startsWith("streamstorm: running"));
      assertThat(line).as("the run started").isNotNull();
      Thread.sleep(1500); // let some messages finish (the embedded server's first token: 200 ms)
      p.destroy(); // SIGTERM
      new Thread(() -> err.lines().forEach(l -> {})).start(); // keep stderr drained
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped in time").isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(p.exitValue()).isEqualTo(ExitCodes.FAILURE);
    RunResults results = ResultsJson.read(dir.resolve("r.json"));
    assertThat(results.run().endReason()).isEqualTo("interrupted");
    assertThat(results.run().partial()).isTrue();
    assertThat(results.messages().ok()).isPositive();
    String html = Files.readString(dir.resolve("r.html"));
    assertThat(html).endsWith("</html>\n").contains("interrupted");
    List<String> csv = Files.readAllLines(dir.resolve("m.csv"));
    assertThat(csv).hasSize(1 + (int) results.messages().total());
    assertThat(Files.readString(dir.resolve("r.hlog"))).contains("Tag=ttft,");
  }
}
