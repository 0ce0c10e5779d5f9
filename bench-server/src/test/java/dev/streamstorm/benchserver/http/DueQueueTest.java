package dev.streamstorm.benchserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DueQueueTest {

  private record Entry(long dueNs, Exchange exchange) {}

  @Test
  void yieldsExchangesInDueOrderThroughAddsPollsAndReschedules() {
    DueQueue queue = new DueQueue();
    // Instants near Long.MAX_VALUE, as System.nanoTime() may return, so some wrap: ordered by their
    // difference, as the queue orders them.
    long base = Long.MAX_VALUE - 1_000_000;
    PriorityQueue<Entry> reference =
        new PriorityQueue<>(Comparator.comparingLong(e -> e.dueNs() - base));
    SplittableRandom random = new SplittableRandom(7);
    List<Exchange> exchanges = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      exchanges.add(exchange(i));
    }
    for (int step = 0; step < 20_000; step++) {
      int op = random.nextInt(3);
      if (op == 0 || reference.isEmpty()) {
        long due = base + random.nextLong(2_000_000);
        Exchange e = exchanges.get(random.nextInt(exchanges.size()));
        queue.add(e, due);
        reference.add(new Entry(due, e));
      } else if (op == 1) {
        Entry expected = reference.poll();
        assertThat(queue.headDueNs()).isEqualTo(expected.dueNs());
        queue.poll();
      } else {
        Entry expected = reference.poll();
        assertThat(queue.headDueNs()).isEqualTo(expected.dueNs());
        long later = expected.dueNs() + random.nextLong(500_000);
        queue.rescheduleHead(later);
        reference.add(new Entry(later, expected.exchange()));
      }
      assertThat(queue.isEmpty()).isEqualTo(reference.isEmpty());
    }
    while (!reference.isEmpty()) {
      assertThat(queue.headDueNs()).isEqualTo(reference.poll().dueNs());
      queue.poll();
    }
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void theHeadIsTheExchangeDueFirst() {
    DueQueue queue = new DueQueue();
    Exchange late = exchange(1);
    Exchange early = exchange(2);
    queue.add(late, 300);
    queue.add(early, 100);
    assertThat(queue.head()).isSameAs(early);
    queue.rescheduleHead(500);
    assertThat(queue.head()).isSameAs(late);
    assertThat(queue.headDueNs()).isEqualTo(300);
    queue.clear();
    assertThat(queue.isEmpty()).isTrue();
  }

  private static Exchange exchange(int i) {
    return new Exchange(new RequestInfo("r" + i, "test", i, 0, 0), null, null, null, () -> {});
  }
}
