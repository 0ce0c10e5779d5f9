package dev.streamstorm.live;

import dev.streamstorm.scenario.ThresholdSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the live outputs know of a run before its first interval: names for labels and resource
 * attributes, the thresholds to judge as the run goes, the planned shape for the charts. Nothing
 * here holds a secret: the target is redacted and headers are not carried.
 *
 * @param runId unique per run, for labels and resource attributes
 * @param scenario the scenario's name
 * @param source the scenario file, or "-" for a flag-only run
 * @param target the target URL without user info or query
 * @param protocol sse or websocket
 * @param preset the wire format preset
 * @param load the load as the results describe it
 * @param thresholds judged on the whole run so far at every interval
 * @param warmup measured nothing before this
 * @param interval the nominal interval
 * @param stageEndsSeconds planned stage ends from the start (empty without stages)
 * @param version streamstorm's version
 */
public record LiveSetup(
    String runId,
    String scenario,
    String source,
    String target,
    String protocol,
    String preset,
    Map<String, Object> load,
    List<ThresholdSpec> thresholds,
    Duration warmup,
    Duration interval,
    List<Double> stageEndsSeconds,
    String version) {}
