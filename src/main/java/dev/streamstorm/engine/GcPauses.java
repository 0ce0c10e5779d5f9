package dev.streamstorm.engine;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The stop-the-world pauses of this JVM for garbage collection, as its collectors report them.
 * While one lasts no event loop runs, so every token that arrives meanwhile is stamped late by up
 * to the pause: the generator has to know about them to say when its own timings are distorted.
 * Concurrent collector work (ZGC's and Shenandoah's cycles) is not a pause and is left out; it
 * shows as CPU. Durations come in whole milliseconds, the resolution the JVM reports.
 */
public final class GcPauses implements AutoCloseable {

  /** Told about every pause, on the JVM's notification thread, soon after the pause ended. */
  public interface Listener {
    void onPause(String collector, long durationNs);
  }

  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener handler;

  private GcPauses(Listener listener) {
    this.handler = (n, handback) -> deliver(n, listener);
  }

  /** Starts telling {@code listener} about every pause until {@link #close()}. */
  public static GcPauses watch(Listener listener) {
    GcPauses watch = new GcPauses(listener);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (reportsPauses(gc.getName()) && gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(watch.handler, null, null);
        watch.emitters.add(emitter);
      }
    }
    return watch;
  }

  /**
   * ZGC and Shenandoah have one collector for their concurrent cycles ("ZGC Cycles", "ZGC Minor
   * Cycles", ...) beside the one for their pauses; every other collector's reports are pauses (G1's
   * and Parallel's young and full collections, G1's remark and cleanup).
   */
  static boolean reportsPauses(String collectorName) {
    return !collectorName.endsWith("Cycles");
  }

  /**
   * This JVM's collector as its {@code -XX:+Use...GC} flag names it ({@code G1}, {@code Parallel},
   * {@code Serial}, {@code ZGC}, {@code Shenandoah}, {@code Epsilon}); null on a JVM without
   * HotSpot's flags.
   */
  public static String collectorName() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    if (vm == null) {
      return null;
    }
    for (String name : List.of("G1", "Parallel", "Serial", "Z", "Shenandoah", "Epsilon")) {
      try {
        if (Boolean.parseBoolean(vm.getVMOption("Use" + name + "GC").getValue())) {
          return name.equals("Z") ? "ZGC" : name;
        }
      } catch (IllegalArgumentException notInThisJvm) {
        // Shenandoah's flag, for one, exists only in the builds that include it.
      }
    }
    return null;
  }

  private static void deliver(Notification n, Listener listener) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    listener.onPause(
        info.getGcName(), TimeUnit.MILLISECONDS.toNanos(info.getGcInfo().getDuration()));
  }

  @Override
  public void close() {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(handler);
      } catch (ListenerNotFoundException ignored) {
        // Already gone: nothing left to stop.
      }
    }
    emitters.clear();
  }
}
