package dev.streamstorm.bench;

/**
 * What the generator spent over a measured window, per content-token event. Events are counted by
 * the server (tokens written), the same count for every client on the same load; CPU is the
 * generator process's user + system time, GC and JIT threads included, as an operator pays it.
 *
 * @param seconds window length
 * @param tokenEvents content tokens delivered in the window
 * @param eventsPerSecond their rate
 * @param cpuPercent generator CPU, 100 = one core busy
 * @param cpuUsPerEvent generator CPU time per token event (µs)
 * @param userUsPerEvent the user-mode part
 * @param systemUsPerEvent the kernel part (NaN when not known apart)
 * @param allocBytesPerEvent bytes the event-loop threads allocated per token event (NaN: unknown)
 * @param serverCpuPercent the server process's CPU, 100 = one core (NaN: not a local child)
 * @param jitMs time the generator's JIT compilers spent compiling in the window (NaN: unknown):
 *     compiler threads share the cores with the event loops, so a window that compiles measures the
 *     JIT as well (docs/performance.md, "The JIT in the light steps")
 * @param threads {@code cpuUsPerEvent} by thread group (null: not known apart)
 */
public record Cost(
    double seconds,
    long tokenEvents,
    double eventsPerSecond,
    double cpuPercent,
    double cpuUsPerEvent,
    double userUsPerEvent,
    double systemUsPerEvent,
    double allocBytesPerEvent,
    double serverCpuPercent,
    double jitMs,
    CpuByThread threads) {

  /** The cost between two samples of the same window. */
  static Cost between(WindowSample start, WindowSample end) {
    double seconds = (end.nanoTime() - start.nanoTime()) / 1e9;
    long events = end.serverTokens() - start.serverTokens();
    double perEvent = events > 0 ? 1.0 / events : Double.NaN;
    long cpuNs = end.cpu().totalNs() - start.cpu().totalNs();
    boolean split = start.cpu().systemNs() >= 0 && end.cpu().systemNs() >= 0;
    long userNs = end.cpu().userNs() - start.cpu().userNs();
    long systemNs = split ? end.cpu().systemNs() - start.cpu().systemNs() : 0;
    boolean alloc = start.loopAllocatedBytes() >= 0 && end.loopAllocatedBytes() >= 0;
    double serverCpu =
        start.serverCpu() == null || end.serverCpu() == null || seconds <= 0
            ? Double.NaN
            : percent(end.serverCpu().totalNs() - start.serverCpu().totalNs(), seconds);
    return new Cost(
        round(seconds, 3),
        events,
        round(seconds > 0 ? events / seconds : Double.NaN, 1),
        round(seconds > 0 ? percent(cpuNs, seconds) : Double.NaN, 1),
        round(cpuNs / 1e3 * perEvent, 2),
        round(userNs / 1e3 * perEvent, 2),
        split ? round(systemNs / 1e3 * perEvent, 2) : Double.NaN,
        alloc
            ? round((end.loopAllocatedBytes() - start.loopAllocatedBytes()) * perEvent, 1)
            : Double.NaN,
        round(serverCpu, 1),
        start.jitMs() >= 0 && end.jitMs() >= 0 ? end.jitMs() - start.jitMs() : Double.NaN,
        start.threads() == null || end.threads() == null
            ? null
            : end.threads().since(start.threads(), events));
  }

  private static double percent(long cpuNs, double seconds) {
    return 100.0 * cpuNs / (seconds * 1e9);
  }

  static double round(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.NaN;
    }
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
