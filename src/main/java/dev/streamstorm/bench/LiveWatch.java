package dev.streamstorm.bench;

import dev.streamstorm.engine.IntervalListener;
import dev.streamstorm.live.LiveFeed;
import dev.streamstorm.live.LiveSetup;
import dev.streamstorm.live.LiveSetups;
import dev.streamstorm.live.dashboard.Dashboard;
import dev.streamstorm.live.prometheus.PrometheusEndpoint;
import dev.streamstorm.scenario.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code bench --live}: a streamstorm run's live outputs, open and watched as a user would have
 * them: the dashboard with one subscriber reading its event stream (a browser's share of the work,
 * the JSON parsing and drawing aside, which a browser does in its own process) and the Prometheus
 * endpoint scraped every second (Prometheus's default is every 15 s). The watchers run in this JVM,
 * so their own CPU is charged to the generator too: the figure is an upper bound.
 */
final class LiveWatch implements AutoCloseable {
  private final LiveFeed feed;
  private final PrometheusEndpoint prometheus;
  private final Dashboard dashboard;
  private final ExecutorService clientThreads;
  private final ScheduledExecutorService scraper;
  private final CompletableFuture<HttpResponse<Stream<String>>> subscriber;
  private final AtomicLong intervalsSeen = new AtomicLong();
  private final AtomicLong scrapes = new AtomicLong();
  private final long openedNs = System.nanoTime();
  private String summary;

  private LiveWatch(LiveSetup setup) throws Exception {
    prometheus = PrometheusEndpoint.start(setup, "127.0.0.1", 0);
    dashboard = Dashboard.start(setup, "127.0.0.1", 0, false);
    feed = new LiveFeed(setup, List.of(prometheus, dashboard), w -> {});
    clientThreads = Executors.newFixedThreadPool(2, daemon("streamstorm-bench-watcher"));
    scraper = Executors.newSingleThreadScheduledExecutor(daemon("streamstorm-bench-scraper"));
    HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
    subscriber =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port() + "/events"))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    subscriber.thenAcceptAsync(
        r ->
            r.body()
                .filter(l -> l.startsWith("event: "))
                .forEach(l -> intervalsSeen.incrementAndGet()),
        clientThreads);
    URI metrics = URI.create("http://127.0.0.1:" + prometheus.port() + "/metrics");
    scraper.scheduleAtFixedRate(
        () -> {
          try {
            http.send(
                HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
            scrapes.incrementAndGet();
          } catch (Exception e) {
            // the next scrape tries again, as Prometheus would
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
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
   * inflate): the outputs' own threads, the run's ticker copying intervals for them, and the
   * watchers (what a browser and Prometheus would spend in processes of their own).
   */
  String describe() {
    double seconds = (System.nanoTime() - openedNs) / 1e9;
    double live = cpuMs(t -> t.getName().startsWith("streamstorm-live"));
    double metrics = cpuMs(t -> t.getName().startsWith("streamstorm-metrics"));
    double page = cpuMs(t -> t == dashboard.eventLoop());
    double watchers =
        cpuMs(
            t ->
                t.getName().startsWith("streamstorm-bench-")
                    || t.getName().startsWith("HttpClient-"));
    double copies = feed.copyNanos() / 1e6;
    double outputs = live + metrics + page + copies;
    return String.format(
        java.util.Locale.ROOT,
        "live outputs: the subscriber received %d events, /metrics was scraped %d times; CPU over"
            + " %.0f s: %.1f ms/s in all (ticker copies %.2f, live thread %.2f, /metrics server"
            + " %.2f, dashboard loop %.2f), the watchers %.1f ms/s besides",
        intervalsSeen.get(),
        scrapes.get(),
        seconds,
        outputs / seconds,
        copies / seconds,
        live / seconds,
        metrics / seconds,
        page / seconds,
        watchers / seconds);
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
    return summary != null ? summary : describe();
  }

  IntervalListener listener() {
    return feed;
  }

  @Override
  public void close() {
    summary = describe(); // before the threads it reads end
    scraper.shutdownNow();
    subscriber.cancel(true);
    feed.close();
    dashboard.close();
    prometheus.close();
    clientThreads.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
