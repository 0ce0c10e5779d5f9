package dev.streamstorm.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One measured step: a client (streamstorm or the bare floor client) on one workload.
 *
 * @param client {@code streamstorm} or {@code floor}
 * @param workload the load
 * @param transport the generator's Netty transport (epoll, nio)
 * @param cost CPU and allocation per token event over the window
 * @param lag event-loop lag over the window, probed the same way for both clients
 * @param gc the JVM's garbage-collection pauses over the window
 * @param ttftError generator first-token instants against the server's (streamstorm only)
 * @param messagesOk messages that ended well in the window
 * @param messagesFailed messages that failed in the window
 * @param serverJitterP99Ms the server's own send lateness p99 over the window: when high, the
 *     server (not the generator) fell behind its schedule
 * @param heapLiveStartMiB generator heap after a full GC at the end of the ramp (every stream open)
 * @param heapLiveEndMiB the same just after it, with every stream still open
 * @param heapAfterGcMiB heap after the latest collection, once a minute during long windows
 * @param loadAverage the machine's 1-minute load average at the window's end (other processes
 *     included: on a shared machine, read every number with it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepResult(
    String client,
    Workload workload,
    String transport,
    Cost cost,
    Lag lag,
    GcWindow.Stats gc,
    TtftError ttftError,
    long messagesOk,
    long messagesFailed,
    double serverJitterP99Ms,
    double heapLiveStartMiB,
    double heapLiveEndMiB,
    List<Double> heapAfterGcMiB,
    double loadAverage) {

  public static final String STREAMSTORM = "streamstorm";
  public static final String FLOOR = "floor";
}
