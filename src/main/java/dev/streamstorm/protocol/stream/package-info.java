/**
 * Stream interpretation: what one SSE event or WebSocket text frame means for the metrics (content
 * token, server token count, usage numbers, done, in-stream error, malformed data), by the rules of
 * a {@link dev.streamstorm.scenario.StreamSpec}. {@link
 * dev.streamstorm.protocol.stream.StreamInterpreter} is compiled once per scenario and reports to a
 * {@link dev.streamstorm.protocol.stream.StreamSink}.
 */
package dev.streamstorm.protocol.stream;
