package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.scenario.Tokenizer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The encoding is loaded once per JVM: later runs share the first run's load. */
class TokenCounterTest {

  @Test
  void everyRunOfAJvmSharesOneLoadPerEncoding() throws Exception {
    var first = TokenCounter.load(Tokenizer.O200K_BASE);
    var second = TokenCounter.load(Tokenizer.O200K_BASE);
    assertThat(second).isSameAs(first);
    TokenCounter counter = first.get(60, TimeUnit.SECONDS);
    assertThat(counter.count("Hello, world")).isPositive();
    assertThat(TokenCounter.load(Tokenizer.O200K_BASE).get()).isSameAs(counter);
    assertThat(TokenCounter.load(Tokenizer.CHUNKS).get()).isNull();
  }
}
