package dev.streamstorm.engine;

import dev.streamstorm.metrics.Redactor;
import dev.streamstorm.metrics.TraceLog;

/**
 * What a run traces: its first {@code messages} messages, into {@code log}, with secrets masked.
 */
record TraceSettings(TraceLog log, int messages, Redactor redactor) {}
