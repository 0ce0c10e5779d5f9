package dev.streamstorm.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used, user and system apart: from {@code /proc/PID/stat} on Linux (clock
 * ticks of 10 ms, plenty over a window of seconds), else the JVM's own total with no split.
 *
 * @param userNs time in user mode
 * @param systemNs time in the kernel (-1 when not known apart: then {@code userNs} is the total)
 */
public record ProcessCpu(long userNs, long systemNs) {

  /** Linux reports /proc times in USER_HZ, which is 100 on every architecture it runs on. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  public long totalNs() {
    return userNs + Math.max(0, systemNs);
  }

  /** This JVM's CPU time. */
  public static ProcessCpu self() {
    ProcessCpu fromProc = of(ProcessHandle.current().pid());
    if (fromProc != null) {
      return fromProc;
    }
    var bean = ManagementFactory.getOperatingSystemMXBean();
    long total =
        bean instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    return new ProcessCpu(Math.max(0, total), -1);
  }

  /** Another process's CPU time, or null when it cannot be read (not Linux, or it is gone). */
  public static ProcessCpu of(long pid) {
    try {
      return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Parses a {@code /proc/PID/stat} line: utime and stime are fields 14 and 15, counted after the
   * command name, which is in parentheses and may itself hold spaces and parentheses.
   */
  static ProcessCpu parse(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // f[0] is field 3 (state): utime is field 14 -> f[11], stime field 15 -> f[12].
    return new ProcessCpu(
        Long.parseLong(f[11]) * NANOS_PER_TICK, Long.parseLong(f[12]) * NANOS_PER_TICK);
  }
}
