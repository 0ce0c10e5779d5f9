package dev.streamstorm.report;

import dev.streamstorm.metrics.results.GeneratorHealth;
import dev.streamstorm.metrics.results.Summary;
import java.util.Locale;
import java.util.StringJoiner;

/** Number formatting shared by the console and HTML outputs. */
public final class Format {
  private Format() {}

  /** Milliseconds with precision that suits their size: 0.42, 12.3, 1,234. */
  public static String ms(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    // Compare after rounding, so 9.998 reads 10.0, not 10.00.
    if (Math.round(v * 100) < 1_000) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    if (Math.round(v * 10) < 1_000) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  /** "2 event loops (epoll, Parallel GC)", with what of the runtime the results name. */
  public static String eventLoops(GeneratorHealth g) {
    StringJoiner runtime = new StringJoiner(", ", " (", ")").setEmptyValue("");
    if (g.transport() != null) {
      runtime.add(g.transport());
    }
    if (g.collector() != null) {
      runtime.add(g.collector() + " GC");
    }
    return g.eventLoops() + " event loops" + runtime;
  }

  /**
   * " · GC pauses 3, longest 9.00 ms" for a generator that paused after the warm-up; empty for one
   * that did not (or a results file from before pauses were recorded).
   */
  public static String gcPauses(Summary gc) {
    if (gc == null || gc.count() == 0) {
      return "";
    }
    return " · GC pauses " + count(gc.count()) + ", longest " + ms(gc.max()) + " ms";
  }

  public static String count(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  public static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%,.1f", v);
  }

  public static String rate(double v) {
    return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%,.1f", v);
  }

  public static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  public static String seconds(double s) {
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1fs", s);
    }
    long total = Math.round(s);
    return total / 60 + "m" + String.format(Locale.ROOT, "%02d", total % 60) + "s";
  }
}
