package dev.streamstorm.report;

import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.SeriesKey;
import dev.streamstorm.metrics.Tag;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * {@code --hlog run.hlog}: every interval's histograms in HdrHistogram's interval log format, one
 * tagged series per time metric ({@code Tag=ttft}, {@code Tag=e2e}, ...) and, when asked, per
 * conversation ({@code Tag=ttft.simple}). Values are microseconds. HdrHistogram's
 * HistogramLogProcessor and HistogramLogReader read it back (e.g. {@code -tag ttft
 * -outputValueUnitRatio 1000} for milliseconds).
 *
 * <p>Called from one thread (the run's ticker) with snapshots whose histograms it must not keep: it
 * copies each into its own histogram before tagging and writing it.
 */
public final class HistogramLogOutput implements AutoCloseable {
  private static final Pattern NOT_TAG_SAFE = Pattern.compile("[^A-Za-z0-9_.:-]");
  private static final double MICROS_PER_MS = 1000.0;

  private final PrintStream stream;
  private final HistogramLogWriter log;
  private final boolean byConversation;
  private final long anchorNs;
  private final long anchorEpochMs;
  private final Map<SeriesKey, Histogram> written = new LinkedHashMap<>();
  private final Map<SeriesKey, String> tags = new LinkedHashMap<>();
  private long runStartNs = Long.MIN_VALUE;

  /**
   * @param byConversation also write one series per conversation
   */
  public HistogramLogOutput(Path file, boolean byConversation) throws IOException {
    this(open(file), byConversation, System.nanoTime(), System.currentTimeMillis());
  }

  /**
   * @param anchorNs a System.nanoTime() reading taken at {@code anchorEpochMs}, to turn interval
   *     instants into wall-clock time
   */
  HistogramLogOutput(OutputStream out, boolean byConversation, long anchorNs, long anchorEpochMs) {
    this.stream = new PrintStream(new BufferedOutputStream(out), false, StandardCharsets.UTF_8);
    this.log = new HistogramLogWriter(stream);
    this.byConversation = byConversation;
    this.anchorNs = anchorNs;
    this.anchorEpochMs = anchorEpochMs;
  }

  /** Writes one interval: every series seen so far, empty when nothing was recorded in it. */
  public void onInterval(IntervalSnapshot s) {
    if (runStartNs == Long.MIN_VALUE) {
      header(s.startNs());
    }
    for (Map.Entry<SeriesKey, Histogram> e : s.histograms().entrySet()) {
      SeriesKey key = e.getKey();
      if (wanted(key) && !written.containsKey(key)) {
        written.put(key, new Histogram(e.getValue().getNumberOfSignificantValueDigits()));
        tags.put(key, tag(key));
      }
    }
    double startSec = (s.startNs() - runStartNs) / 1e9;
    double endSec = (s.endNs() - runStartNs) / 1e9;
    for (Map.Entry<SeriesKey, Histogram> e : written.entrySet()) {
      Histogram own = e.getValue();
      own.reset(); // also clears the tag
      own.setTag(tags.get(e.getKey()));
      Histogram recorded = s.histograms().get(e.getKey());
      if (recorded != null) {
        own.add(recorded);
      }
      log.outputIntervalHistogram(startSec, endSec, own, MICROS_PER_MS);
    }
    stream.flush();
  }

  /** Flushes and closes the file; writes the header first when no interval ever came. */
  @Override
  public void close() throws IOException {
    if (runStartNs == Long.MIN_VALUE) {
      header(System.nanoTime());
    }
    log.close();
    if (stream.checkError()) {
      throw new IOException("could not write the HdrHistogram log");
    }
  }

  private static OutputStream open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return Files.newOutputStream(file);
  }

  /** The tag of a series: the metric id, then the conversation for per-conversation series. */
  static String tag(SeriesKey key) {
    String t = key.tag().isAll() ? key.metric() : key.metric() + "." + key.tag().conversation();
    return NOT_TAG_SAFE.matcher(t).replaceAll("_");
  }

  private boolean wanted(SeriesKey key) {
    Metric m = Metric.byId(key.metric());
    if (m == null || !m.isTime()) {
      return false;
    }
    Tag t = key.tag();
    return t.isAll() || (byConversation && !t.isTurn());
  }

  private void header(long startNs) {
    runStartNs = startNs;
    long startEpochMs = anchorEpochMs + Math.floorDiv(startNs - anchorNs, 1_000_000L);
    log.outputLogFormatVersion();
    log.outputComment("streamstorm interval histograms: one series per metric, Tag=<metric>");
    log.outputComment(
        "values are microseconds (Interval_Max in milliseconds); read them as ms with"
            + " HistogramLogProcessor -outputValueUnitRatio 1000");
    log.outputComment("run started " + Instant.ofEpochMilli(startEpochMs));
    log.outputStartTime(startEpochMs);
    log.outputBaseTime(startEpochMs);
    log.outputLegend();
  }
}
