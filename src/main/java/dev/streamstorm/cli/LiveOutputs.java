package dev.streamstorm.cli;

import dev.streamstorm.engine.IntervalListener;
import dev.streamstorm.engine.ResultsFactory;
import dev.streamstorm.live.LiveFeed;
import dev.streamstorm.live.LiveSetup;
import dev.streamstorm.live.LiveSetups;
import dev.streamstorm.live.LiveSink;
import dev.streamstorm.live.dashboard.Dashboard;
import dev.streamstorm.live.otlp.OtlpExport;
import dev.streamstorm.live.prometheus.PrometheusEndpoint;
import dev.streamstorm.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The live outputs a run asked for ({@link LiveOptions}), opened before the run so that their
 * addresses are printed first and a port in use fails at once, fed by one {@link LiveFeed}, and
 * finished after the run: the last values stay up for {@code --metrics-linger}.
 */
final class LiveOutputs implements AutoCloseable {
  /** How long the dashboard waits for its browsers to fetch the final report. */
  private static final Duration REPORT_FETCH_WAIT = Duration.ofSeconds(5);

  private final LiveOptions options;
  private final PrintWriter err;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private LiveFeed feed;
  private OtlpExport otlp;
  private Dashboard dashboard;

  private LiveOutputs(LiveOptions options, PrintWriter err) {
    this.options = options;
    this.err = err;
  }

  static LiveOutputs open(
      LiveOptions options, Scenario scenario, URI target, Duration interval, PrintWriter err)
      throws IOException {
    options.check();
    LiveOutputs live = new LiveOutputs(options, err);
    if (!options.any()) {
      return live;
    }
    LiveSetup setup =
        LiveSetups.of(
            scenario,
            target,
            LiveSetups.newRunId(scenario.name()),
            interval,
            VersionInfo.version());
    List<LiveSink> sinks = new ArrayList<>();
    try {
      if (options.metricsPort != null) {
        HostPort at = HostPort.parse("--metrics-port", options.metricsPort);
        warnIfExposed(err, "--metrics-port", at);
        PrometheusEndpoint prometheus = PrometheusEndpoint.start(setup, at.host(), at.port());
        live.opened.add(prometheus);
        sinks.add(prometheus);
        err.println(
            "streamstorm: Prometheus metrics at http://"
                + at.authority(prometheus.port())
                + "/metrics");
      }
      if (options.dashboard != null) {
        HostPort at = HostPort.parse("--dashboard", options.dashboard);
        warnIfExposed(err, "--dashboard", at);
        live.dashboard = Dashboard.start(setup, at.host(), at.port(), options.dashboardControl);
        live.opened.add(live.dashboard);
        sinks.add(live.dashboard);
        err.println(
            "streamstorm: live dashboard at http://"
                + at.authority(live.dashboard.port())
                + "/"
                + (options.dashboardControl ? " (with a stop button)" : ""));
      }
      if (options.otlp != null) {
        boolean grpc = "grpc".equals(options.otlpProtocol);
        live.otlp =
            OtlpExport.start(setup, options.otlp, grpc, options.otlpInterval, System::getenv);
        live.opened.add(live.otlp);
        sinks.add(live.otlp);
        err.println(
            "streamstorm: pushing metrics over OTLP ("
                + options.otlpProtocol
                + ") to "
                + ResultsFactory.redactUrl(options.otlp)
                + " every "
                + seconds(options.otlpInterval));
      }
    } catch (Exception e) {
      live.close();
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    live.feed = new LiveFeed(setup, sinks, err::println);
    err.flush();
    return live;
  }

  private static void warnIfExposed(PrintWriter err, String flag, HostPort at) {
    if (!at.loopback()) {
      err.println(
          "warning: "
              + flag
              + " listens on "
              + at.host()
              + ": anyone who can reach this machine can read the run"
              + " (docs/observability.md)");
    }
  }

  /** True when the final HTML report is served live, so it must be rendered. */
  boolean wantsReport() {
    return dashboard != null;
  }

  /** What the dashboard's stop button does. */
  void onStop(Runnable action) {
    if (dashboard != null) {
      dashboard.onStop(action);
    }
  }

  /** The interval listener to add to the run, or none. */
  List<IntervalListener> listeners() {
    return feed == null ? List.of() : List.of(feed);
  }

  /**
   * After the run and its outputs: publishes the last intervals, pushes the final values, hands the
   * dashboard its report ({@code html}, null when no dashboard) and waits a few seconds for the
   * browsers to fetch it, then keeps the endpoints up for {@code --metrics-linger} (Ctrl-C ends the
   * wait).
   */
  void finish(String endReason, String html) {
    if (feed == null) {
      return;
    }
    feed.close();
    if (feed.skippedIntervals() > 0) {
      err.println(
          "warning: the live outputs skipped "
              + feed.skippedIntervals()
              + " intervals (their thread fell behind); the results are complete");
    }
    if (otlp != null) {
      otlp.flush();
    }
    if (dashboard != null && html != null) {
      dashboard.finish(html, endReason);
      dashboard.awaitReportFetched(REPORT_FETCH_WAIT);
    }
    Duration linger = options.metricsLinger;
    if (!linger.isZero()) {
      err.println(
          "streamstorm: live outputs stay up for "
              + seconds(linger)
              + " (--metrics-linger; Ctrl-C ends the wait)");
      err.flush();
      CountDownLatch cut = new CountDownLatch(1);
      Interrupts.onInterrupt(cut::countDown, cut::countDown);
      try {
        cut.await(linger.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    if (feed != null) {
      feed.close();
    }
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        err.println("warning: closing a live output failed: " + e.getMessage());
      }
    }
    opened.clear();
  }

  /** A duration as the flags write it. */
  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
