package dev.streamstorm.scenario;

/** The transport a message travels over. */
public enum Protocol {
  SSE,
  WEBSOCKET
}
