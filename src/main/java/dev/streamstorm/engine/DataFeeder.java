package dev.streamstorm.engine;

import dev.streamstorm.scenario.DataSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Rows of a data file handed to conversations: in order (wrapping), at random, or each at most
 * once. Loaded fully before the run starts (no file I/O on event loops). Thread-safe.
 */
final class DataFeeder {
  private final List<Map<String, String>> rows;
  private final DataSpec.Order order;
  private final AtomicLong next = new AtomicLong();

  DataFeeder(List<Map<String, String>> rows, DataSpec.Order order) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("the data file has no rows");
    }
    this.rows = List.copyOf(rows);
    this.order = order;
  }

  /** Reads every row of a .csv (with a header line) or .jsonl file. */
  static DataFeeder load(DataSpec spec) {
    return new DataFeeder(DataRows.read(spec), spec.order());
  }

  /** The next row, or null when {@code unique} rows have run out. */
  Map<String, String> next(RandomGenerator random) {
    return switch (order) {
      case SEQUENTIAL -> rows.get((int) (next.getAndIncrement() % rows.size()));
      case RANDOM -> rows.get(random.nextInt(rows.size()));
      case UNIQUE -> {
        long i = next.getAndIncrement();
        yield i < rows.size() ? rows.get((int) i) : null;
      }
    };
  }

  int size() {
    return rows.size();
  }
}
