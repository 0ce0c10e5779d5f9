package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AttemptDeadlinesTest {

  private final Vertx vertx = Vertx.vertx();
  private final AttemptDeadlines deadlines = new AttemptDeadlines(vertx);
  private final List<String> timedOut = new ArrayList<>();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** Times out (and leaves the sweep, as an attempt does when it ends) at its deadline. */
  private final class Item implements AttemptDeadlines.Watched {
    final String name;
    final long deadlineNs;
    int slot = -1;

    Item(String name, long deadlineNs) {
      this.name = name;
      this.deadlineNs = deadlineNs;
    }

    @Override
    public void checkDeadlines(long nowNs) {
      if (nowNs >= deadlineNs) {
        timedOut.add(name);
        deadlines.remove(this);
      }
    }

    @Override
    public int deadlineSlot() {
      return slot;
    }

    @Override
    public void deadlineSlot(int slot) {
      this.slot = slot;
    }
  }

  @Test
  void everyAttemptPastItsDeadlineTimesOutInOneSweepAndTheRestStay() {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Item item = new Item("a" + i, i % 3 == 0 ? 100 : 1_000);
      items.add(item);
      vertx.runOnContext(v -> deadlines.add(item));
    }
    vertx.runOnContext(v -> deadlines.sweep(500));
    vertx.runOnContext(v -> deadlines.sweep(600));
    awaitLoop();

    assertThat(timedOut).hasSize(14).doesNotHaveDuplicates();
    assertThat(deadlines.size()).isEqualTo(26);
    items.stream()
        .filter(i -> i.deadlineNs == 1_000)
        .forEach(i -> assertThat(i.slot).isBetween(0, 25));
  }

  @Test
  void removingAnAttemptThatEndedOnItsOwnKeepsTheOthersWatched() {
    Item a = new Item("a", 100);
    Item b = new Item("b", 100);
    Item c = new Item("c", 100);
    vertx.runOnContext(
        v -> {
          deadlines.add(a);
          deadlines.add(b);
          deadlines.add(c);
          deadlines.remove(a); // it ended before its deadline
          deadlines.remove(a); // twice is harmless
          deadlines.sweep(200);
        });
    awaitLoop();

    assertThat(timedOut).containsExactlyInAnyOrder("b", "c");
    assertThat(deadlines.size()).isZero();
  }

  private void awaitLoop() {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    vertx.runOnContext(v -> done.complete());
    done.future().await();
  }
}
