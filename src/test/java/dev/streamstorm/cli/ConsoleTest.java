package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.engine.RunStatus;
import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.Snapshots;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConsoleTest {
  private static final long S = 1_000_000_000L;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private Console console(boolean quiet, boolean terminal) {
    return new Console(new PrintWriter(out), new PrintWriter(err), quiet, terminal);
  }

  /** One second of a 30 s run ending at {@code second}, with one failure in it. */
  private static void tick(Console c, int second) {
    var snapshot =
        new Snapshots()
            .count(Counter.OK, 9)
            .count(Counter.FAILED, 1)
            .errors(ErrorClass.TIMEOUT, 1)
            .gauges(new Gauges(10, 8, 0, 0, 0, 0, 10, 10))
            .build((second - 1) * S, second * S);
    c.progress().onInterval(snapshot, new RunStatus(second * S, 30 * S, 0, 0, false, null, false));
  }

  @Test
  void onATerminalOneLineIsRewrittenEveryInterval() {
    Console c = console(false, true);
    tick(c, 1);
    tick(c, 2);
    tick(c, 3);
    String e = err.toString();
    assertThat(e.split("\r", -1)).hasSize(4);
    assertThat(e)
        .startsWith("\r1.0s (29.0s left) · 10 users · 8 streaming")
        .contains("\r2.0s (28.0s left)")
        .contains("errors 2 (10.0%) +1\033[K\r3.0s")
        .endsWith("errors 3 (10.0%) +1\033[K")
        .doesNotContain("\n");
  }

  @Test
  void aRunsShortLastIntervalDoesNotReplaceTheLine() {
    Console c = console(false, true);
    tick(c, 1);
    tick(c, 2);
    var sliver = new Snapshots().count(Counter.OK, 9).build(2 * S, 2 * S + S / 5);
    c.progress()
        .onInterval(sliver, new RunStatus(2 * S + S / 5, 30 * S, 0, 0, false, "duration", false));
    assertThat(err.toString()).endsWith("errors 2 (10.0%) +1\033[K");
    c.summary("SUMMARY\n");
    assertThat(out.toString()).isEqualTo("\nSUMMARY\n");
  }

  @Test
  void theSummaryStartsOnAFreshLineAfterTheStatusLine() {
    Console c = console(false, true);
    tick(c, 1);
    c.note("stopping");
    c.summary("SUMMARY\n");
    assertThat(err.toString()).endsWith("\033[K\nstopping\n");
    assertThat(out.toString()).isEqualTo("\nSUMMARY\n");
  }

  @Test
  void inALogAPlainLineEveryTenSeconds() {
    Console c = console(false, false);
    for (int second = 1; second <= 25; second++) {
      tick(c, second);
    }
    String[] lines = err.toString().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0])
        .startsWith("10.0s (20.0s left) · 10 users")
        .endsWith("errors 10 (10.0%) +1");
    assertThat(lines[1]).startsWith("20.0s (10.0s left)").contains("errors 20 (10.0%)");
    assertThat(err.toString()).doesNotContain("\r").doesNotContain("\033");
  }

  @Test
  void quietPrintsOnlyTheSummary() {
    Console c = console(true, true);
    c.started(null, java.net.URI.create("http://127.0.0.1:1/"));
    for (int second = 1; second <= 12; second++) {
      tick(c, second);
    }
    c.summary("SUMMARY\n");
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString()).isEqualTo("\nSUMMARY\n");
  }
}
