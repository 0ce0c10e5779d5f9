package dev.streamstorm.engine;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.streamstorm.scenario.Tokenizer;
import java.util.concurrent.CompletableFuture;

/**
 * Counts tokens of text with a BPE encoding (JTokkit: OpenAI's tiktoken encodings in pure Java).
 * Thread-safe (JTokkit's encodings are immutable). Loading an encoding takes about a second and
 * tens of megabytes of heap, so a run loads it once, in the background, before its clock starts;
 * counting runs at a message's end, never per token (docs/performance.md has the cost).
 */
final class TokenCounter {
  private final Encoding encoding;

  private TokenCounter(Encoding encoding) {
    this.encoding = encoding;
  }

  /**
   * Loads the encoding of {@code tokenizer} on a thread of its own; completes with null for {@code
   * chunks}.
   */
  static CompletableFuture<TokenCounter> load(Tokenizer tokenizer) {
    if (tokenizer == Tokenizer.CHUNKS) {
      return CompletableFuture.completedFuture(null);
    }
    EncodingType type =
        tokenizer == Tokenizer.O200K_BASE ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE;
    CompletableFuture<TokenCounter> loaded = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                loaded.complete(
                    new TokenCounter(Encodings.newLazyEncodingRegistry().getEncoding(type)));
              } catch (RuntimeException | Error e) {
                loaded.completeExceptionally(e);
              }
            },
            "streamstorm-tokenizer-load");
    t.setDaemon(true);
    t.start();
    return loaded;
  }

  /** Tokens of {@code text} as the model's tokenizer splits it (special tokens as plain text). */
  int count(CharSequence text) {
    return text.length() == 0 ? 0 : encoding.countTokensOrdinary(text.toString());
  }
}
