package dev.streamstorm.metrics.results;

import java.util.Map;

/**
 * An agent lost during a distributed run: from then on its share of the load was not generated, so
 * the results are partial.
 *
 * @param agent the agent's name
 * @param atSeconds when the coordinator noticed, seconds from the start
 * @param reason how it was noticed (left the cluster, no heartbeat, its run failed, ...)
 * @param share the load it was running, described like {@code run.load}
 */
public record LostAgent(String agent, double atSeconds, String reason, Map<String, Object> share) {}
