package dev.streamstorm.live;

import dev.streamstorm.metrics.Tag;

/**
 * One whole-run counter for one slice of the messages.
 *
 * @param index the counter's index in the run's counter arrays ({@link
 *     dev.streamstorm.metrics.Counter}: message outcomes, then error classes, then retried errors)
 * @param tag the slice (a turn for message counters, all messages for sessions)
 * @param value the total since the start (after the warm-up)
 */
public record CounterSeries(int index, Tag tag, long value) {}
