package dev.streamstorm.live;

import dev.streamstorm.engine.ResultsFactory;
import dev.streamstorm.scenario.LoadSpec;
import dev.streamstorm.scenario.Scenario;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** Builds a run's {@link LiveSetup} from its scenario, with secrets left out. */
public final class LiveSetups {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private LiveSetups() {}

  public static LiveSetup of(
      Scenario s, URI target, String runId, Duration interval, String version) {
    return new LiveSetup(
        runId,
        s.name(),
        s.source(),
        ResultsFactory.redactUrl(target),
        s.protocol().name().toLowerCase(Locale.ROOT),
        s.preset().id(),
        ResultsFactory.describeLoad(s.load()),
        s.thresholds(),
        s.load().limits().warmup(),
        interval,
        stageEnds(s.load()),
        version);
  }

  /** {@code <scenario>-<UTC time>-<4 hex digits>}: sortable, readable, unique enough per run. */
  public static String newRunId(String scenario) {
    String name = scenario.replaceAll("[^A-Za-z0-9_.-]", "_");
    return name
        + "-"
        + STAMP.format(LocalDateTime.now(ZoneOffset.UTC))
        + "-"
        + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  private static List<Double> stageEnds(LoadSpec load) {
    List<LoadSpec.Stage> stages =
        load instanceof LoadSpec.Closed c ? c.stages() : ((LoadSpec.Open) load).stages();
    List<Double> ends = new ArrayList<>();
    double t = 0;
    for (LoadSpec.Stage st : stages) {
      t += st.duration().toMillis() / 1000.0;
      ends.add(t);
    }
    return ends;
  }
}
