package dev.streamstorm.trial;

import java.util.Locale;

/**
 * How {@code try} colours its output: ANSI colours on a terminal, plain text in a file, a pipe, CI
 * logs, and whenever the user said so ({@code NO_COLOR}, https://no-color.org, or {@code
 * --no-color}). Colour only repeats what the words say (every class and verdict is written out), so
 * plain output loses nothing.
 */
public final class Style {
  public static final Style PLAIN = new Style(false);
  public static final Style ANSI = new Style(true);

  private static final String RESET = "\033[0m";

  private final boolean colour;

  private Style(boolean colour) {
    this.colour = colour;
  }

  /**
   * Colour when forced ({@code --color}), else only on a terminal, and never with {@code
   * --no-color} or a non-empty {@code NO_COLOR}.
   *
   * @param noColorFlag {@code --no-color}
   * @param colorFlag {@code --color}
   * @param noColorEnv the value of {@code NO_COLOR}, or null
   * @param terminal whether stdout is a terminal
   */
  public static Style choose(
      boolean noColorFlag, boolean colorFlag, String noColorEnv, boolean terminal) {
    if (noColorFlag) {
      return PLAIN;
    }
    if (colorFlag) {
      return ANSI;
    }
    boolean asked = noColorEnv != null && !noColorEnv.isEmpty();
    return terminal && !asked ? ANSI : PLAIN;
  }

  public boolean colour() {
    return colour;
  }

  String ok(String s) {
    return paint("32", s);
  }

  String bad(String s) {
    return paint("31", s);
  }

  String warn(String s) {
    return paint("33", s);
  }

  String dim(String s) {
    return paint("2", s);
  }

  String bold(String s) {
    return paint("1", s);
  }

  /** {@code s} in the colour of an event class (token, reasoning, tool, done, usage, ...). */
  String ofClass(String cls, String s) {
    String code =
        switch (cls.toLowerCase(Locale.ROOT)) {
          case "token" -> "32";
          case "reasoning" -> "35";
          case "tool" -> "36";
          case "done" -> "1;34";
          case "usage" -> "33";
          case "error" -> "1;31";
          default -> "2";
        };
    return paint(code, s);
  }

  /** {@code s} green for a 2xx (or 101) status, red otherwise. */
  String ofStatus(int status, String s) {
    return status / 100 == 2 || status == 101 ? ok(s) : bad(s);
  }

  private String paint(String code, String s) {
    return colour ? "\033[" + code + "m" + s + RESET : s;
  }
}
