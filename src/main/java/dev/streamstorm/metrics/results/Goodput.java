package dev.streamstorm.metrics.results;

import java.util.Map;

/**
 * Messages that succeeded and met every SLO.
 *
 * @param slo the objectives, in milliseconds, by metric
 * @param good good messages
 * @param ratio good / (ok + failed)
 * @param perSecond good messages per measured second
 */
public record Goodput(Map<String, Double> slo, long good, double ratio, double perSecond) {}
