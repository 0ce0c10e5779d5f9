package dev.streamstorm.cli;

import dev.streamstorm.engine.GeneratorVertx;
import dev.streamstorm.engine.SecretValues;
import dev.streamstorm.metrics.Redactor;
import dev.streamstorm.scenario.ConversationSpec;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.trial.Style;
import dev.streamstorm.trial.TrialMessage;
import dev.streamstorm.trial.TrialReport;
import dev.streamstorm.trial.TrialRunner;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code streamstorm try}: one user sends the first message of each conversation, and each is
 * printed as it ends (docs/try.md). Messages go one after the other, through one Vert.x with one
 * event loop and one embedded bench-server when the scenario asks for it.
 */
@Command(
    name = "try",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    sortOptions = false,
    description = {
      "Tries a scenario: one user sends the first message of each conversation, and what came"
          + " back is shown event by event, with a verdict.",
      "Per message: the request, a timeline of its events as the stream rules classify them"
          + " (token, reasoning, tool, done, usage, error, ignored), its metrics, how many events"
          + " each rule took and the verdict; for a message without answer text, what its events"
          + " held instead. Session set-up included; the scenario needs no load section.",
      "With --target alone (no scenario file, no --preset or --protocol) it sends an OpenAI-style"
          + " request and names the preset that reads the answer, or says why none does.",
      "Exit code 0 when every message ended ok with output (answer tokens, or tool calls for a"
          + " reply that only calls tools), 1 otherwise, 2 for bad usage or an invalid scenario.",
      "Example: streamstorm try scenarios/quickstart.yaml"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every message answered",
      "1:a message failed or had no answer text",
      "2:bad usage or invalid scenario"
    })
public final class TryCommand implements Callable<Integer> {
  static final int DEFAULT_EVENTS = 20;

  @Spec CommandSpec spec;

  @Mixin ScenarioOptions scenarioOptions = new ScenarioOptions();

  @Option(
      names = "--events",
      paramLabel = "N",
      description = "Events shown per message before the rest is condensed (default 20).")
  int events = DEFAULT_EVENTS;

  @Option(names = "--no-color", description = "No colours (as with NO_COLOR set).")
  boolean noColor;

  @Option(names = "--color", description = "Colours even when stdout is not a terminal.")
  boolean color;

  @Override
  public Integer call() throws Exception {
    if (events < 1) {
      throw new UsageException("--events: expected 1 or more, got " + events);
    }
    if (noColor && color) {
      throw new UsageException("--color and --no-color: choose one");
    }
    // try sets its own load: one iteration satisfies the loader, so that a scenario needs no load
    // section (nor limit) to be tried.
    Scenario scenario = scenarioOptions.load(scenarioOptions.overrides().withIterations(1));
    // No file, no wire format: the scenario is openai-chat by default, and the answer decides.
    boolean detecting =
        scenarioOptions.file == null
            && scenarioOptions.preset == null
            && scenarioOptions.protocol == null;
    Style style = Style.choose(noColor, color, System.getenv("NO_COLOR"), System.console() != null);
    Redactor redactor = SecretValues.redactor(scenario, System::getenv);
    PrintWriter out = spec.commandLine().getOut();
    try (EmbeddedTarget embedded = EmbeddedTarget.startIfAsked(scenario)) {
      URI url = embedded.url().orElseGet(() -> scenario.target().url().orElseThrow());
      Vertx vertx = GeneratorVertx.create(1, true);
      try {
        TrialReport report = new TrialReport(scenario, style, events, redactor);
        out.print(report.header(url, detecting));
        out.flush();
        TrialRunner runner = new TrialRunner(vertx, scenario, url, System::getenv, redactor);
        List<TrialMessage> tried = new ArrayList<>();
        for (ConversationSpec c : scenario.conversations()) {
          TrialMessage m = runner.send(c);
          tried.add(m);
          out.print(report.message(m, detecting));
          out.flush();
        }
        out.print(report.summary(tried));
        out.flush();
        return tried.stream().allMatch(TrialMessage::answered) ? ExitCodes.OK : ExitCodes.FAILURE;
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().join();
      }
    }
  }
}
