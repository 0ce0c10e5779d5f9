package dev.streamstorm.metrics;

/** One example of a failure, kept so reports can show what went wrong, not only how often. */
public record ErrorSample(String errorClass, String message, String conversation, int turn) {}
