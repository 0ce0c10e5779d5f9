package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlagBoundsTest {
  @Test
  void eventLoopsStayWithinAThreadCountAMachineCanRun() {
    assertThat(FlagBounds.eventLoops(1, false)).isEqualTo(1);
    assertThat(FlagBounds.eventLoops(256, false)).isEqualTo(256);
    assertThat(FlagBounds.eventLoops(0, true)).isZero();
    assertThatThrownBy(() -> FlagBounds.eventLoops(0, false))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--event-loops: expected 1 to 256, got 0");
    assertThatThrownBy(() -> FlagBounds.eventLoops(100_000, true))
        .hasMessageStartingWith("--event-loops: expected 0 (one per core) to 256, got 100000");
  }

  @Test
  void theIntervalIsFrom100msTo10m() {
    assertThat(FlagBounds.interval(Duration.ofMillis(100))).hasMillis(100);
    assertThatThrownBy(() -> FlagBounds.interval(Duration.ZERO))
        .isInstanceOf(UsageException.class)
        .hasMessage("--interval: expected 100ms to 10m, got 0s");
    assertThatThrownBy(() -> FlagBounds.interval(Duration.ofHours(1)))
        .hasMessage("--interval: expected 100ms to 10m, got 1h");
  }

  @Test
  void theRunCommandChecksThemBeforeAnythingStarts() {
    var cl = Main.commandLine();
    var err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err));
    assertThat(cl.execute("run", "--target", "embedded", "--event-loops", "100000"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(cl.execute("run", "--target", "embedded", "--interval", "0s"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--event-loops: expected").contains("--interval: expected");
  }
}
