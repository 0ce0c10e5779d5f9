package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code try} on every shipped scenario, as written (embedded bench-server, session set-up,
 * WebSocket): each conversation's first message answers, and the command exits 0. One message per
 * conversation keeps it to a second or two per conversation.
 */
class TryShippedScenariosTest {

  static java.util.stream.Stream<Path> scenarios() throws Exception {
    return ShippedScenariosTest.scenarios();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void everyConversationAnswers(Path file) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute("try", file.toString(), "--events", "8");
    String text = out.toString();
    assertThat(code).as(text + err).isZero();
    Scenario s = new ScenarioLoader(name -> "x").load(file, ScenarioOverrides.none());
    assertThat(text).startsWith("streamstorm try · " + s.name() + " (" + file + ")");
    for (var c : s.conversations()) {
      assertThat(text).contains("── " + c.name() + "  turn 1");
    }
    assertThat(text.split("\n  ✓ ok: ", -1)).hasSize(s.conversations().size() + 1);
    assertThat(text).containsPattern("HTTP (200 text/event-stream|101)").doesNotContain("\033[");
    assertThat(text).contains("answered (" + s.conversations().size() + " message");
  }
}
