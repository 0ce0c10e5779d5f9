package dev.streamstorm.cluster;

import dev.streamstorm.engine.DataRows;
import dev.streamstorm.scenario.ScenarioOverrides;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds each agent's {@link TestPlan} of one test: the scenario file's text and the overrides
 * (aimed at the embedded server when the coordinator started one), and the agent's rows of the data
 * file, all read once.
 */
final class TestPlans {
  /** Slack past the agent timeout before a ready agent stops waiting for its start. */
  private static final long START_SLACK_MS = 30_000;

  private final Coordinator.Request request;
  private final String scenarioText;
  private final List<Map<String, String>> rows;

  TestPlans(Coordinator.Request request) {
    this.request = request;
    this.scenarioText = request.scenarioFile() == null ? null : readText(request.scenarioFile());
    this.rows = request.scenario().data().map(DataRows::read).orElse(null);
  }

  /** Rows of the data file (0 without one). */
  int rowCount() {
    return rows == null ? 0 : rows.size();
  }

  TestPlan forAgent(int index, String testId, String coordinatorNode) {
    ScenarioOverrides overrides =
        request.scenario().target().embedded()
            ? OverridesCodec.withTarget(request.overrides(), request.target().toString())
            : request.overrides();
    return new TestPlan(
        testId,
        coordinatorNode,
        request.cluster().host(),
        request.version(),
        index,
        request.agents(),
        request.scenarioFile() == null ? null : request.scenarioFile().toString(),
        scenarioText,
        OverridesCodec.encode(overrides),
        rows == null ? null : PlanSplitter.rows(rows, index, request.agents()),
        request.config().interval().toMillis(),
        request.config().messageLog() != dev.streamstorm.metrics.MessageLog.NONE,
        request.agentTimeout().toMillis() + CoordinatedRun.START_LEAD_MS + START_SLACK_MS);
  }

  private static String readText(Path file) {
    try {
      String text = Files.readString(file);
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
