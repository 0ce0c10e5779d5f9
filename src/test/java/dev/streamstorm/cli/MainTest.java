package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void versionNamesTheBuild() {
    StringWriter out = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("--version")).isZero();
    assertThat(out.toString()).startsWith("streamstorm ").doesNotContain("${");
  }

  @Test
  void unknownOptionIsAUsageError() {
    var cl = Main.commandLine();
    cl.setErr(new PrintWriter(new StringWriter()));
    assertThat(cl.execute("--no-such-flag")).isEqualTo(ExitCodes.USAGE);
  }
}
