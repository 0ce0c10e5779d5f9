package dev.streamstorm.metrics;

/**
 * Point-in-time readings taken at an interval's end.
 *
 * @param activeUsers virtual users alive (closed model) or conversations in flight (open model)
 * @param inFlight messages being streamed right now
 * @param targetRate the arrival rate the schedule asks for now (open model), else 0
 * @param arrivals arrivals started in the interval (open model)
 * @param dropped arrivals refused by maxInFlight in the interval
 * @param stage 1-based stage index (0 without stages)
 * @param cpuPercent process CPU over the interval, 100 = all cores busy
 * @param busiestLoopPercent CPU of the busiest event-loop thread, 100 = one core busy
 */
public record Gauges(
    int activeUsers,
    int inFlight,
    double targetRate,
    long arrivals,
    long dropped,
    int stage,
    double cpuPercent,
    double busiestLoopPercent) {

  public static final Gauges NONE = new Gauges(0, 0, 0, 0, 0, 0, 0, 0);
}
