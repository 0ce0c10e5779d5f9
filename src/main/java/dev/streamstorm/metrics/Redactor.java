package dev.streamstorm.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Masks the run's secrets wherever they appear in text that reaches an output: the values of the
 * environment variables its templates name and the literal values of its sensitive headers. A
 * server that echoes an Authorization header back in an error body must not put the token into a
 * report. Immutable and thread-safe.
 */
public final class Redactor {
  /** Shorter values are not masked: a two-letter "secret" would blank half of every text. */
  static final int MIN_SECRET_CHARS = 4;

  public static final String MASK = "***";
  public static final Redactor NONE = new Redactor(List.of());

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /** A redactor for these values (blank and too-short values are ignored). */
  public static Redactor of(Collection<String> values) {
    List<String> kept = new ArrayList<>();
    for (String v : values) {
      if (v != null && v.strip().length() >= MIN_SECRET_CHARS && !kept.contains(v)) {
        kept.add(v);
      }
    }
    // Longest first: a secret that contains another is masked whole.
    kept.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(List.copyOf(kept));
  }

  /** This redactor's secrets and {@code more}. */
  public Redactor with(Collection<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new ArrayList<>(secrets);
    all.addAll(more);
    return of(all);
  }

  /** {@code text} with every secret replaced by {@link #MASK}; null stays null. */
  public String redact(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : secrets) {
      if (out.contains(s)) {
        out = out.replace(s, MASK);
      }
    }
    return out;
  }

  public boolean isEmpty() {
    return secrets.isEmpty();
  }
}
