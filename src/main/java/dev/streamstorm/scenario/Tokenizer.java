package dev.streamstorm.scenario;

import java.util.Locale;

/**
 * How a channel's tokens are counted when the server reports no count: by a BPE encoding of the
 * text received, or one per content chunk.
 */
public enum Tokenizer {
  /** GPT-4o's and the o-series' encoding. */
  O200K_BASE,
  /** GPT-4's and GPT-3.5's encoding. */
  CL100K_BASE,
  /** One token per content chunk: no text kept, nothing to count. */
  CHUNKS;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The tokenizer of that name, or null. */
  public static Tokenizer byId(String id) {
    for (Tokenizer t : values()) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    return null;
  }
}
