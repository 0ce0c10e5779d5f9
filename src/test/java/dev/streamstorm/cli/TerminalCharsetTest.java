package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Under LANG=C the summary's symbols come out as ASCII, not as question marks. */
class TerminalCharsetTest {

  private static String through(java.nio.charset.Charset charset, String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintWriter w = TerminalCharset.writer(bytes, charset);
    w.print(text);
    w.flush();
    return bytes.toString(charset);
  }

  @Test
  void asciiGetsAsciiSymbols() {
    String line = "6 ok · 0 failed ✓ pass ✗ FAIL ⚠ lag 5 µs → next ── q … 3 more";
    assertThat(TerminalCharset.canShowSymbols(StandardCharsets.US_ASCII)).isFalse();
    assertThat(through(StandardCharsets.US_ASCII, line))
        .isEqualTo("6 ok - 0 failed ok pass X FAIL ! lag 5 us -> next -- q ... 3 more")
        .doesNotContain("?");
  }

  @Test
  void utf8KeepsThem() {
    String line = "6 ok · 0 failed ✓ ⚠ µs →";
    assertThat(TerminalCharset.canShowSymbols(StandardCharsets.UTF_8)).isTrue();
    assertThat(through(StandardCharsets.UTF_8, line)).isEqualTo(line);
  }
}
