package dev.streamstorm.benchserver.model;

import dev.streamstorm.benchserver.config.BenchServerConfig;

/**
 * Maps one uniform draw in [0, 1) onto at most one fault: consecutive intervals of the configured
 * probabilities (500, drop, stall, malformed, slow_headers), so each fault keeps its exact rate.
 */
final class FaultPicker {

  private FaultPicker() {}

  static Fault pick(BenchServerConfig c, double u) {
    double edge = c.fault500();
    if (u < edge) {
      return Fault.HTTP_500;
    }
    edge += c.faultDrop();
    if (u < edge) {
      return Fault.DROP;
    }
    edge += c.faultStall();
    if (u < edge) {
      return Fault.STALL;
    }
    edge += c.faultMalformed();
    if (u < edge) {
      return Fault.MALFORMED;
    }
    edge += c.faultSlowHeaders();
    if (u < edge) {
      return Fault.SLOW_HEADERS;
    }
    return Fault.NONE;
  }
}
