package dev.streamstorm.metrics.results;

/** An example failure: class, message, where it happened. */
public record ErrorSampleResult(String errorClass, String message, String conversation, int turn) {}
