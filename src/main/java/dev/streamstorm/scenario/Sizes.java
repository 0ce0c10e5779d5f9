package dev.streamstorm.scenario;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes in bytes: {@code 8MiB}, {@code 512KiB}, {@code 1MB}, {@code 65536} (bytes). */
public final class Sizes {
  static final String EXPECTED =
      "expected a size like 8MiB, 512KiB or 65536 (bytes; units B, KB, KiB, MB, MiB, GB, GiB)";

  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmg]i?b|b)?", Pattern.CASE_INSENSITIVE);

  private Sizes() {}

  static OptionalLong parse(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long factor =
        switch (unit) {
          case "kb" -> 1_000L;
          case "kib" -> 1L << 10;
          case "mb" -> 1_000_000L;
          case "mib" -> 1L << 20;
          case "gb" -> 1_000_000_000L;
          case "gib" -> 1L << 30;
          default -> 1L;
        };
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor));
    if (bytes.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(bytes.longValue());
  }

  /** A size as a person writes it: {@code 8 MiB}, {@code 64 KiB}, {@code 1000 bytes}. */
  public static String describe(long bytes) {
    if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
      return (bytes >> 30) + " GiB";
    }
    if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }
}
