package dev.streamstorm.metrics.results;

import java.util.Map;

/**
 * One threshold and how the run did against it.
 *
 * @param metric metric name as written
 * @param tags tag filter (conversation, turn), empty for all messages
 * @param expression the expression as written, e.g. {@code p95 < 2s}
 * @param actual the measured value in the expression's unit (ms for times, fraction for rates), NaN
 *     when there was nothing to measure
 * @param pass true when it held at the end of the run; false when it aborted the run
 * @param aborted true when it stopped the run early (abortOnFail)
 */
public record ThresholdResult(
    String metric,
    Map<String, String> tags,
    String expression,
    double actual,
    boolean pass,
    boolean aborted) {}
