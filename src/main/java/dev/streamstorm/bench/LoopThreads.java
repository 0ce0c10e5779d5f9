package dev.streamstorm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

/**
 * Bytes allocated so far by this JVM's Vert.x event-loop threads (HotSpot's per-thread allocation
 * counter), the threads the per-token path runs on. Read from the harness thread.
 */
final class LoopThreads {

  private static final String EVENT_LOOP_PREFIX = "vert.x-eventloop-thread-";

  private LoopThreads() {}

  /** Sum over live event-loop threads, or -1 when the JVM does not count per thread. */
  static long allocatedBytes() {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean)
        || !bean.isThreadAllocatedMemorySupported()
        || !bean.isThreadAllocatedMemoryEnabled()) {
      return -1;
    }
    long sum = 0;
    for (ThreadInfo info : bean.getThreadInfo(bean.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(EVENT_LOOP_PREFIX)) {
        long bytes = bean.getThreadAllocatedBytes(info.getThreadId());
        if (bytes > 0) {
          sum += bytes;
        }
      }
    }
    return sum;
  }
}
