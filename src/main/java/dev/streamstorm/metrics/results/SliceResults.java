package dev.streamstorm.metrics.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Results for one conversation or one turn of one conversation.
 *
 * @param conversation the conversation name
 * @param turn the 1-based turn, or null for a whole conversation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SliceResults(
    String conversation,
    Integer turn,
    MessageCounts messages,
    ErrorCounts errors,
    Throughput throughput,
    Map<String, Summary> metrics,
    Map<String, Summary> usage,
    Goodput goodput) {}
