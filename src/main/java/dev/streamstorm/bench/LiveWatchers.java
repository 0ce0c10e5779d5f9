package dev.streamstorm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The watchers of {@code bench --live}, in a process of their own as a browser and Prometheus are:
 * one subscriber reading the dashboard's event stream and a scrape of {@code /metrics} every second
 * (Prometheus's default is every 15 s). They run until their standard input closes, then print what
 * they saw ({@code watched EVENTS SCRAPES}) and exit. Started by {@link LiveWatch} with the
 * generator's class path; not a user command.
 */
public final class LiveWatchers {

  static final String REPORT = "watched ";

  private LiveWatchers() {}

  /** Arguments: the dashboard's events URL, the metrics URL. */
  public static void main(String[] args) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    AtomicLong events = new AtomicLong();
    AtomicLong scrapes = new AtomicLong();
    http.sendAsync(
            HttpRequest.newBuilder(URI.create(args[0])).build(),
            HttpResponse.BodyHandlers.ofLines())
        .thenAccept(
            r ->
                r.body()
                    .filter(l -> l.startsWith("event: "))
                    .forEach(l -> events.incrementAndGet()));
    URI metrics = URI.create(args[1]);
    ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor();
    scraper.scheduleAtFixedRate(
        () -> {
          try {
            http.send(
                HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
            scrapes.incrementAndGet();
          } catch (IOException e) {
            // the next scrape tries again, as Prometheus would
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
    drain(System.in);
    scraper.shutdownNow();
    System.out.println(REPORT + events.get() + " " + scrapes.get());
    System.out.flush();
    System.exit(0);
  }

  /** Reads until the parent closes the pipe (or ends). */
  private static void drain(InputStream in) throws IOException {
    byte[] b = new byte[64];
    while (in.read(b) >= 0) {
      // nothing is sent; end of input is the signal
    }
  }
}
