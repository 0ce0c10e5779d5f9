package dev.streamstorm.trial;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Colour on a terminal only, never when asked not to (https://no-color.org). */
class StyleTest {

  @Test
  void colourOnATerminalUnlessNoColorIsSetOrTheFlagSaysNo() {
    assertThat(Style.choose(false, false, null, true).colour()).isTrue();
    assertThat(Style.choose(false, false, null, false).colour()).isFalse();
    assertThat(Style.choose(false, false, "1", true).colour()).isFalse();
    assertThat(Style.choose(false, false, "", true).colour()).isTrue();
    assertThat(Style.choose(true, false, null, true).colour()).isFalse();
    assertThat(Style.choose(false, true, "1", false).colour()).isTrue();
  }

  @Test
  void plainHasNoEscapeCodes() {
    assertThat(Style.PLAIN.ofClass("token", "x") + Style.PLAIN.bad("y")).isEqualTo("xy");
    assertThat(Style.ANSI.ofClass("token", "x")).isEqualTo("\033[32mx\033[0m");
  }
}
