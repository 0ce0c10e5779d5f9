package dev.streamstorm.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.results.RunResults;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramLogOutputTest {
  private static final long ANCHOR_EPOCH_MS = 1_796_000_000_000L;

  @TempDir Path dir;

  /** Writes the sample run's intervals; the run starts 1 s after the anchor. */
  private static byte[] write(boolean byConversation, SampleRun[] run) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long anchorNs = SampleRun.START_NS - 1_000 * SampleRun.MS;
    try (HistogramLogOutput out =
        new HistogramLogOutput(bytes, byConversation, anchorNs, ANCHOR_EPOCH_MS)) {
      run[0] = SampleRun.run(out::onInterval);
    }
    return bytes.toByteArray();
  }

  private static Map<String, Histogram> readBack(InputStream in, Set<Double> startsSec) {
    Map<String, Histogram> byTag = new HashMap<>();
    HistogramLogReader reader = new HistogramLogReader(in);
    EncodableHistogram e;
    while ((e = reader.nextIntervalHistogram()) != null) {
      Histogram h = (Histogram) e;
      byTag.computeIfAbsent(h.getTag(), t -> new Histogram(3)).add(h);
      startsSec.add(h.getStartTimeStamp() / 1000.0);
    }
    assertThat(reader.getStartTimeSec()).isEqualTo((ANCHOR_EPOCH_MS + 1000) / 1000.0);
    return byTag;
  }

  @Test
  void roundTripsEveryMetricWithTheResultsCounts() throws Exception {
    SampleRun[] run = new SampleRun[1];
    byte[] log = write(false, run);
    String text = new String(log, StandardCharsets.UTF_8);
    assertThat(text).contains("values are microseconds").contains("#[StartTime: ");
    Set<Double> starts = new HashSet<>();
    Map<String, Histogram> byTag = readBack(new ByteArrayInputStream(log), starts);
    RunResults r = run[0].results();
    assertThat(byTag.keySet())
        .contains("ttfb", "ttft", "itl", "tpot", "e2e", "ttft_service", "e2e_service")
        .noneMatch(t -> t.contains("."))
        .doesNotContain("tokens", "chunks");
    for (String metric : new String[] {"ttfb", "ttft", "itl", "tpot", "e2e", "send_delay"}) {
      Histogram h = byTag.get(metric);
      assertThat(h.getTotalCount()).as(metric).isEqualTo(r.metrics().get(metric).count());
      assertThat(h.getMaxValue() / 1000.0).as(metric).isEqualTo(r.metrics().get(metric).max());
      assertThat(h.getValueAtPercentile(95) / 1000.0)
          .as(metric)
          .isEqualTo(r.metrics().get(metric).p95());
    }
    // One histogram per interval per series, at absolute times from the run's start.
    double runStartSec = (ANCHOR_EPOCH_MS + 1000) / 1000.0;
    assertThat(starts).containsExactlyInAnyOrder(runStartSec, runStartSec + 1, runStartSec + 2);
    assertThat(run[0].intervals()).isEqualTo(3);
  }

  @Test
  void perConversationSeriesWhenAsked() throws Exception {
    SampleRun[] run = new SampleRun[1];
    byte[] log = write(true, run);
    Map<String, Histogram> byTag = readBack(new ByteArrayInputStream(log), new HashSet<>());
    RunResults r = run[0].results();
    for (String conv : new String[] {"simple", "tool_call"}) {
      assertThat(byTag.get("ttft." + conv).getTotalCount())
          .isEqualTo(r.byConversation().get(conv).metrics().get("ttft").count());
    }
    assertThat(byTag.keySet()).noneMatch(t -> t.contains("#"));
  }

  @Test
  void hdrHistogramsOwnProcessorReadsIt() throws Exception {
    Path hlog = dir.resolve("run.hlog");
    SampleRun[] run = new SampleRun[1];
    Files.write(hlog, write(false, run));
    Path out = dir.resolve("ttft");
    new HistogramLogProcessor(
            new String[] {
              "-i",
              hlog.toString(),
              "-o",
              out.toString(),
              "-tag",
              "ttft",
              "-outputValueUnitRatio",
              "1000"
            })
        .run();
    String percentiles = Files.readString(dir.resolve("ttft.hgrm"));
    var ttft = run[0].results().metrics().get("ttft");
    assertThat(percentiles)
        .containsPattern("#\\[Max += +" + String.format(java.util.Locale.ROOT, "%.3f", ttft.max()))
        .containsPattern("Total count += +" + ttft.count() + "]");
  }
}
