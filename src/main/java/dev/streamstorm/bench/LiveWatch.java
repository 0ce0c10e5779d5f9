package dev.streamstorm.bench;

import dev.streamstorm.engine.IntervalListener;
import dev.streamstorm.live.LiveFeed;
import dev.streamstorm.live.LiveSetup;
import dev.streamstorm.live.LiveSetups;
import dev.streamstorm.live.dashboard.Dashboard;
import dev.streamstorm.live.prometheus.PrometheusEndpoint;
import dev.streamstorm.scenario.Scenario;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench --live}: a streamstorm run's live outputs, open and watched as a user would have
 * them: the dashboard with one subscriber reading its event stream (a browser's share of the work,
 * the JSON parsing and drawing aside) and the Prometheus endpoint scraped every second
 * (Prometheus's default is every 15 s). The watchers run in a child JVM ({@link LiveWatchers}), as
 * a browser and Prometheus run in processes of their own, so that the generator's CPU per event is
 * charged with what the outputs cost it and not with its watchers' work.
 */
final class LiveWatch implements AutoCloseable {
  private final LiveFeed feed;
  private final PrometheusEndpoint prometheus;
  private final Dashboard dashboard;
  private final Process watchers;
  private final CompletableFuture<String> watched = new CompletableFuture<>();
  private final long openedNs = System.nanoTime();
  private String summary;

  private LiveWatch(LiveSetup setup) throws Exception {
    prometheus = PrometheusEndpoint.start(setup, "127.0.0.1", 0);
    dashboard = Dashboard.start(setup, "127.0.0.1", 0, false);
    feed = new LiveFeed(setup, List.of(prometheus, dashboard), w -> {});
    watchers =
        new ProcessBuilder(
                ServerProcess.javaCommand(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                LiveWatchers.class.getName(),
                "http://127.0.0.1:" + dashboard.port() + "/events",
                "http://127.0.0.1:" + prometheus.port() + "/metrics")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(watchers.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.startsWith(LiveWatchers.REPORT)) {
                    watched.complete(line.substring(LiveWatchers.REPORT.length()));
                  }
                }
              } catch (IOException e) {
                // ended; the summary says the watchers' report is missing
              }
              watched.complete(null);
            },
            "streamstorm-bench-watchers-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  static LiveWatch open(Scenario scenario, URI target) {
    try {
      return new LiveWatch(
          LiveSetups.of(
              scenario,
              target,
              LiveSetups.newRunId(scenario.name()),
              Duration.ofSeconds(1),
              "bench"));
    } catch (Exception e) {
      throw new BenchException("cannot open the live outputs: " + e);
    }
  }

  /**
   * What the watchers saw, to show that they watched, and what the live outputs cost, read apart
   * from the rest of the process as CPU time (which other processes on a busy machine do not
   * inflate): the outputs' own threads and the run's ticker copying intervals for them; the
   * watchers' process apart.
   */
  String describe(String seen) {
    double seconds = (System.nanoTime() - openedNs) / 1e9;
    double live = cpuMs(t -> t.getName().startsWith("streamstorm-live"));
    double metrics = cpuMs(t -> t.getName().startsWith("streamstorm-metrics"));
    double page = cpuMs(t -> t == dashboard.eventLoop());
    double watchersMs =
        watchers.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
    String[] counts = seen == null ? new String[] {"?", "?"} : seen.split(" ");
    double copies = feed.copyNanos() / 1e6;
    double outputs = live + metrics + page + copies;
    return String.format(
        java.util.Locale.ROOT,
        "live outputs: the subscriber received %s events, /metrics was scraped %s times; CPU over"
            + " %.0f s: %.1f ms/s in all (ticker copies %.2f, live thread %.2f, /metrics server"
            + " %.2f, dashboard loop %.2f); the watchers, in a process of their own, %.1f ms/s",
        counts[0],
        counts.length > 1 ? counts[1] : "?",
        seconds,
        outputs / seconds,
        copies / seconds,
        live / seconds,
        metrics / seconds,
        page / seconds,
        watchersMs / seconds);
  }

  /** CPU time (ms) of the threads that match. */
  private static double cpuMs(java.util.function.Predicate<Thread> which) {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (which.test(t)) {
        total += Math.max(0, mx.getThreadCpuTime(t.getId()));
      }
    }
    return total / 1e6;
  }

  /** {@link #describe} as it stood when the watch was closed. */
  String summary() {
    return summary != null ? summary : describe(null);
  }

  IntervalListener listener() {
    return feed;
  }

  @Override
  public void close() {
    String seen = null;
    try {
      watchers.getOutputStream().close(); // the watchers' signal to report and exit
      seen = watched.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // reported as unknown counts
    }
    summary = describe(seen); // before the threads it reads end
    watchers.destroy();
    feed.close();
    dashboard.close();
    prometheus.close();
  }
}
