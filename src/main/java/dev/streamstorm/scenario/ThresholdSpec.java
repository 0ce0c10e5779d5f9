package dev.streamstorm.scenario;

import dev.streamstorm.metrics.threshold.Threshold;
import java.time.Duration;

/**
 * One threshold as written, with where it was written (for messages), its abort policy and its
 * parsed form. The expression is parsed by the metrics package's threshold parser at load time, so
 * a malformed one is a scenario error with a position and nobody parses it again.
 *
 * @param key the metric and optional tags as written, e.g. {@code ttft{conversation:multi_turn}}
 * @param expression e.g. {@code p95 < 2s}
 * @param abortOnFail stop the run early once this threshold can no longer pass
 * @param abortGrace do not abort before this much of the run has passed
 * @param line where the expression was written (1-based), 0 for a command-line flag
 * @param column likewise
 * @param threshold the parsed rule: metric, tags, aggregate, operator and normalised limit
 */
public record ThresholdSpec(
    String key,
    String expression,
    boolean abortOnFail,
    Duration abortGrace,
    int line,
    int column,
    Threshold threshold) {}
