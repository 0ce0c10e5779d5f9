package dev.streamstorm.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * A data file feeding variables per conversation: one row per conversation.
 *
 * @param file a .jsonl or .csv file, resolved relative to the scenario file
 * @param order how rows are handed out
 * @param columns the variable names every row provides (CSV header, or keys of the first JSON line)
 */
public record DataSpec(Path file, Order order, List<String> columns) {

  public enum Order {
    /** Rows in file order, wrapping around at the end. */
    SEQUENTIAL,
    /** A random row each time (seeded). */
    RANDOM,
    /** Each row at most once; the run ends when rows run out. */
    UNIQUE
  }
}
