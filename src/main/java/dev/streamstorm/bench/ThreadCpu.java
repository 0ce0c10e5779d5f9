package dev.streamstorm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of every thread of this JVM, native ones included (GC, JIT compilers), from {@code
 * /proc/self/task/TID/stat}: what the process's one CPU figure is made of. The JVM's {@code
 * ThreadMXBean} sees Java threads only; G1's concurrent refinement threads, which once cost a fresh
 * generator 15% of its CPU per SSE event unseen (docs/performance.md, "Reference stores on the
 * per-event path"), are native.
 *
 * @param byThread user + system time so far per thread id, with the thread's name
 */
record ThreadCpu(Map<Long, Named> byThread) {

  /** A thread's name (as /proc gives it, cut to 15 characters) and its CPU time so far. */
  record Named(String name, long cpuNs) {}

  /** Where a thread's time goes in {@link CpuByThread}. */
  enum Group {
    EVENT_LOOPS,
    GC,
    JIT,
    OTHER;

    static Group of(String threadName) {
      if (threadName.startsWith("vert.x-eventloo")) {
        return EVENT_LOOPS;
      }
      if (threadName.startsWith("G1 ")
          || threadName.startsWith("GC Thread")
          || threadName.startsWith("VM Thread")
          || threadName.startsWith("ZWorker")
          || threadName.startsWith("ZDriver")
          || threadName.startsWith("Shenandoah")) {
        return GC;
      }
      if (threadName.contains("CompilerThre")) {
        return JIT;
      }
      return OTHER;
    }
  }

  /** This JVM's threads now, or null where /proc cannot be read. */
  static ThreadCpu self() {
    Map<Long, Named> threads = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          ProcessCpu cpu = ProcessCpu.parse(stat);
          threads.put(
              Long.parseLong(task.getFileName().toString()), new Named(name(stat), cpu.totalNs()));
        } catch (IOException | RuntimeException gone) {
          // The thread ended between the listing and the read: nothing of it to count.
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return new ThreadCpu(threads);
  }

  /** The command name of a stat line: between the first '(' and the last ')'. */
  static String name(String stat) {
    return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  }

  /**
   * What each group spent from {@code start} to this sample, per event. A thread that ended inside
   * the window is not counted (its time is gone from /proc); one that started inside it counts
   * whole.
   */
  CpuByThread since(ThreadCpu start, long events) {
    long[] ns = new long[Group.values().length];
    for (Map.Entry<Long, Named> e : byThread.entrySet()) {
      Named before = start.byThread.get(e.getKey());
      long spent = e.getValue().cpuNs() - (before == null ? 0 : before.cpuNs());
      ns[Group.of(e.getValue().name()).ordinal()] += Math.max(0, spent);
    }
    double perEvent = events > 0 ? 1e-3 / events : Double.NaN;
    return new CpuByThread(
        Cost.round(ns[Group.EVENT_LOOPS.ordinal()] * perEvent, 2),
        Cost.round(ns[Group.GC.ordinal()] * perEvent, 2),
        Cost.round(ns[Group.JIT.ordinal()] * perEvent, 2),
        Cost.round(ns[Group.OTHER.ordinal()] * perEvent, 2));
  }
}
