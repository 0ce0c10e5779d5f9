package dev.streamstorm.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.streamstorm.metrics.MessageOutcome;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvMessageLogTest {
  private static final long MS = SampleRun.MS;

  @TempDir Path dir;

  private static List<Map<String, String>> read(Path file) throws IOException {
    CsvMapper m = new CsvMapper();
    try (MappingIterator<Map<String, String>> it =
        m.readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(file.toFile())) {
      return it.readAll();
    }
  }

  @Test
  void writesOneRowPerMessageWithItsTimings() throws Exception {
    Path file = dir.resolve("sub/messages.csv");
    SampleRun run = SampleRun.run(s -> {});
    try (CsvMessageLog log = new CsvMessageLog(file, Duration.ZERO)) {
      run.outcomes().forEach(o -> log.onMessage(o, SampleRun.START_NS));
    }
    List<Map<String, String>> rows = read(file);
    var counts = run.results().messages();
    assertThat(rows).hasSize((int) counts.total());
    assertThat(rows.stream().filter(r -> r.get("status").equals("ok"))).hasSize((int) counts.ok());
    assertThat(rows.stream().filter(r -> r.get("status").equals("failed")))
        .hasSize((int) counts.failed())
        .allSatisfy(
            r -> {
              assertThat(r.get("error_class")).isEqualTo("http_5xx");
              assertThat(r.get("error_message")).isEqualTo(SampleRun.HOSTILE);
              assertThat(r.get("ttft_ms")).isEmpty();
              assertThat(r.get("tokens")).isEmpty();
              assertThat(r.get("e2e_ms")).isEqualTo("4.000");
            });
    Map<String, String> first = rows.get(0);
    MessageOutcome o = run.outcomes().get(0);
    assertThat(first.keySet())
        .containsExactly(
            "start_ms",
            "start_time",
            "user",
            "conversation",
            "turn",
            "status",
            "error_class",
            "ttfb_ms",
            "ttft_ms",
            "ttfr_ms",
            "ttfc_ms",
            "e2e_ms",
            "ttft_service_ms",
            "send_delay_ms",
            "tokens",
            "token_source",
            "reasoning_tokens",
            "tool_calls",
            "input_tokens",
            "chunks",
            "retries",
            "retry_wait_ms",
            "warmup",
            "error_message");
    assertThat(first.get("start_ms")).isEqualTo("0.000");
    assertThat(first.get("ttfb_ms")).isEqualTo("2.000");
    assertThat(first.get("ttft_ms")).isEqualTo((o.ttftNs() / MS) + ".000");
    assertThat(first.get("e2e_ms")).isEqualTo((o.e2eNs() / MS) + ".000");
    assertThat(first.get("tokens")).isEqualTo("10");
    assertThat(first.get("chunks")).isEqualTo("10");
    assertThat(first.get("token_source")).isEqualTo("chunks");
    assertThat(first.get("ttfr_ms")).isEmpty();
    assertThat(first.get("input_tokens")).isEmpty();
    assertThat(first.get("retries")).isEqualTo("0");
    assertThat(first.get("warmup")).isEqualTo("false");
    assertThat(first.get("conversation")).isEqualTo(o.conversation());
    // Wall-clock times keep the exact spacing of the monotonic start times.
    Map<String, String> last = rows.get(rows.size() - 1);
    Duration wall =
        Duration.between(
            Instant.parse(first.get("start_time")), Instant.parse(last.get("start_time")));
    assertThat(wall.toNanos())
        .isEqualTo(run.outcomes().get(rows.size() - 1).intendedStartNs() - o.intendedStartNs());
  }

  @Test
  void flagsMessagesThatStartedInTheWarmUp() throws Exception {
    Path file = dir.resolve("warm.csv");
    SampleRun run = SampleRun.run(s -> {});
    try (CsvMessageLog log = new CsvMessageLog(file, Duration.ofMillis(1000))) {
      run.outcomes().forEach(o -> log.onMessage(o, SampleRun.START_NS));
    }
    long inWarmup =
        run.outcomes().stream()
            .filter(o -> o.intendedStartNs() - SampleRun.START_NS < 1_000 * MS)
            .count();
    assertThat(read(file).stream().filter(r -> r.get("warmup").equals("true")))
        .hasSize((int) inWarmup);
  }

  /** A writer that blocks its first write until released: the disk stalls. */
  private static final class StalledWriter extends Writer {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final StringWriter out = new StringWriter();

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      out.write(cbuf, off, len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void aStalledWriterCostsRowsNeverTheCaller() throws Exception {
    StalledWriter stalled = new StalledWriter();
    List<MessageOutcome> outcomes = SampleRun.run(s -> {}).outcomes();
    CsvMessageLog log = new CsvMessageLog(stalled, dir.resolve("x.csv"), Duration.ZERO, 2);
    log.onMessage(outcomes.get(0), SampleRun.START_NS);
    // The writer thread takes that row and blocks on the file when it flushes.
    assertThat(stalled.entered.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i < 10; i++) {
      log.onMessage(outcomes.get(i), SampleRun.START_NS); // returns at once: queue or drop
    }
    assertThat(log.droppedRows()).isEqualTo(7); // two fit in the queue
    stalled.release.countDown();
    log.close();
    assertThat(log.writtenRows()).isEqualTo(3);
    assertThat(stalled.out.toString().lines()).hasSize(1 + 3);
  }

  @Test
  void aFailedWriteIsReportedAtClose() throws Exception {
    Writer broken =
        new Writer() {
          @Override
          public void write(char[] cbuf, int off, int len) throws IOException {
            throw new IOException("disk full");
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    CsvMessageLog log = new CsvMessageLog(broken, dir.resolve("y.csv"), Duration.ZERO, 16);
    log.onMessage(SampleRun.run(s -> {}).outcomes().get(0), SampleRun.START_NS);
    assertThatThrownBy(log::close)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("disk full");
  }

  @Test
  void anEmptyRunStillWritesTheHeader() throws Exception {
    Path file = dir.resolve("empty.csv");
    new CsvMessageLog(file, Duration.ZERO).close();
    assertThat(Files.readString(file).lines()).singleElement().asString().startsWith("start_ms,");
  }
}
