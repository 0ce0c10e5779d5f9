package dev.streamstorm.cli;

import dev.streamstorm.engine.IntervalListener;
import dev.streamstorm.engine.RunStatus;
import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.Tag;
import dev.streamstorm.report.ProgressLine;
import dev.streamstorm.scenario.Scenario;
import java.io.PrintWriter;
import java.net.URI;

/**
 * What a run prints while it runs: on a terminal one status line rewritten every interval; in a log
 * (no terminal) a plain line every {@link #PLAIN_EVERY_NS}; nothing with --quiet. Progress goes to
 * stderr so that stdout holds only the summary.
 */
final class Console {
  static final long PLAIN_EVERY_NS = 10_000_000_000L;

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean quiet;
  private final boolean terminal;
  private long errorsSoFar;
  private long messagesSoFar;
  private long lastPlainNs = 0;
  private boolean lineOpen;
  private double longestIntervalSeconds;

  Console(PrintWriter out, PrintWriter err, boolean quiet) {
    this(out, err, quiet, System.console() != null);
  }

  Console(PrintWriter out, PrintWriter err, boolean quiet, boolean terminal) {
    this.out = out;
    this.err = err;
    this.quiet = quiet;
    this.terminal = terminal;
  }

  void started(Scenario s, URI target) {
    if (!quiet) {
      err.println(
          "streamstorm: running "
              + s.name()
              + " against "
              + target.getHost()
              + ":"
              + target.getPort()
              + " (Ctrl-C stops and still writes every output)");
      err.flush();
    }
  }

  void note(String message) {
    synchronized (this) {
      endLine();
      err.println(message);
      err.flush();
    }
  }

  IntervalListener progress() {
    return this::onInterval;
  }

  synchronized void summary(String text) {
    endLine();
    out.println();
    out.print(text);
    out.flush();
  }

  private synchronized void onInterval(IntervalSnapshot s, RunStatus st) {
    for (ErrorClass c : ErrorClass.values()) {
      errorsSoFar += s.errors(Tag.ALL, c);
    }
    messagesSoFar += s.counter(Tag.ALL, Counter.OK) + s.counter(Tag.ALL, Counter.FAILED);
    // The last interval of a run is cut short where the run ended; its per-second rates over a
    // sliver of time would misstate the run, so the line before it stays.
    boolean sliver = s.seconds() < longestIntervalSeconds / 2;
    longestIntervalSeconds = Math.max(longestIntervalSeconds, s.seconds());
    if (quiet || sliver) {
      return;
    }
    String line =
        ProgressLine.render(
            s,
            new ProgressLine.Context(
                st.elapsedNs(),
                st.plannedNs(),
                st.stage(),
                st.stages(),
                st.openModel(),
                errorsSoFar,
                messagesSoFar,
                st.warmingUp(),
                st.agentsHealthy(),
                st.agentsTotal()));
    if (terminal) {
      err.print("\r" + line + "\033[K");
      lineOpen = true;
      err.flush();
    } else if (st.elapsedNs() - lastPlainNs >= PLAIN_EVERY_NS) {
      lastPlainNs = st.elapsedNs();
      err.println(line);
      err.flush();
    }
  }

  private void endLine() {
    if (lineOpen) {
      err.println();
      lineOpen = false;
    }
  }
}
