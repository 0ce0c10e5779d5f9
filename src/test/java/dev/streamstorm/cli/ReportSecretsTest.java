package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.engine.ResultsFactory;
import dev.streamstorm.engine.Run;
import dev.streamstorm.engine.RunOutcome;
import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ResultsJson;
import dev.streamstorm.report.html.HtmlReport;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real run that sends secrets in its headers: neither the results nor the report show them. */
class ReportSecretsTest {
  private static final String SECRET = "sekrit";

  @TempDir Path dir;

  @Test
  void secretsFromTheEnvironmentNeverReachTheReport() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("secret.yaml"),
            """
            name: secrets
            target: embedded
            preset: openai-chat
            embeddedServer: { ttft: 10ms, itl: 1ms, tokens: 3 }
            headers:
              Authorization: "Bearer ${env:TOKEN}"
              X-Api-Key: "sekrit-literal"
            load: { vus: 2, duration: 1s }
            """);
    Function<String, String> env = Map.of("TOKEN", SECRET)::get;
    Scenario scenario = new ScenarioLoader(env).load(file, ScenarioOverrides.none());
    RunResults results;
    try (EmbeddedTarget embedded = EmbeddedTarget.startIfAsked(scenario)) {
      URI url = embedded.url().orElseThrow();
      Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
      try {
        Run run =
            Run.start(
                vertx,
                scenario,
                url,
                new Run.Config(2, Duration.ofMillis(250), env, List.of(), MessageLog.NONE));
        RunOutcome outcome = run.completion().get(30, TimeUnit.SECONDS);
        results = ResultsFactory.build(scenario, url, outcome, "test");
      } finally {
        vertx.close().await();
      }
    }
    assertThat(results.messages().ok()).as("the run sent its headers").isPositive();
    String html = HtmlReport.render(results);
    assertThat(html).doesNotContain(SECRET).contains("Bearer ${env:TOKEN}").contains("***");
    assertThat(ResultsJson.toJson(results)).doesNotContain(SECRET);
  }
}
