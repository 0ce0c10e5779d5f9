package dev.streamstorm.engine;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.streamstorm.scenario.Tokenizer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts tokens of text with a BPE encoding (JTokkit: OpenAI's tiktoken encodings in pure Java).
 * Thread-safe (JTokkit's encodings are immutable). Loading an encoding takes about a second and
 * tens of megabytes of heap, so it is loaded once per JVM, in the background, before the first
 * run's clock starts, and kept: later runs in the same JVM ({@code try} runs one per conversation,
 * an agent one per distributed run) share it. Counting runs at a message's end, never per token
 * (docs/performance.md has the cost).
 */
final class TokenCounter {
  /**
   * One load per encoding and JVM; a load that failed is forgotten, so the next run tries again.
   */
  private static final Map<Tokenizer, CompletableFuture<TokenCounter>> LOADED =
      new ConcurrentHashMap<>();

  private final Encoding encoding;

  private TokenCounter(Encoding encoding) {
    this.encoding = encoding;
  }

  /**
   * The encoding of {@code tokenizer}: loading on a thread of its own the first time it is asked
   * for in this JVM, the same future afterwards; completes with null for {@code chunks}.
   */
  static CompletableFuture<TokenCounter> load(Tokenizer tokenizer) {
    if (tokenizer == Tokenizer.CHUNKS) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<TokenCounter> loading =
        LOADED.computeIfAbsent(tokenizer, TokenCounter::startLoading);
    loading.whenComplete(
        (counter, failure) -> {
          if (failure != null) {
            LOADED.remove(tokenizer, loading);
          }
        });
    return loading;
  }

  private static CompletableFuture<TokenCounter> startLoading(Tokenizer tokenizer) {
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
