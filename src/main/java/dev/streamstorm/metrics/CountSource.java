package dev.streamstorm.metrics;

import java.util.Locale;

/** Where a message's token count came from. */
public enum CountSource {
  /** The server's usage report. */
  USAGE,
  /** A BPE tokenizer over the text received (or sent, for input tokens). */
  TOKENIZER,
  /** One token per content chunk. */
  CHUNKS,
  /** Nothing to count from (input tokens without usage or tokenizer). */
  NONE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
