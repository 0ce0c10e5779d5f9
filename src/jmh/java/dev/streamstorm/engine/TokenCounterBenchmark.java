package dev.streamstorm.engine;

import dev.streamstorm.scenario.Tokenizer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What counting a message's answer with a tokenizer costs at its end (ns/op; divide by {@code
 * words} for the cost per token): a 50- or 500-word answer of common English words, each one
 * o200k_base token, counted with JTokkit's encoding, as {@link TokenCounts} does when the server
 * reports no usage.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenCounterBenchmark {
  private static final String[] WORDS = {
    " the", " order", " shipped", " today", " and", " will", " arrive", " in", " two", " days",
    " please", " check", " your", " email", " for", " tracking", " details", " thank", " you", "."
  };

  @Param({"o200k_base", "cl100k_base"})
  public String encoding;

  @Param({"50", "500"})
  public int words;

  private TokenCounter counter;
  private StringBuilder answer;

  @Setup
  public void setUp() {
    counter = TokenCounter.load(Tokenizer.byId(encoding)).join();
    SplittableRandom random = new SplittableRandom(19);
    answer = new StringBuilder();
    for (int i = 0; i < words; i++) {
      answer.append(WORDS[random.nextInt(WORDS.length)]);
    }
  }

  @Benchmark
  public int countAnswer() {
    return counter.count(answer);
  }
}
