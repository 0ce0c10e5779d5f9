package dev.streamstorm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.streamstorm.scenario.DataSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
    String name = spec.file().getFileName().toString().toLowerCase();
    try {
      List<Map<String, String>> rows = name.endsWith(".csv") ? readCsv(spec) : readJsonLines(spec);
      return new DataFeeder(rows, spec.order());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read data file " + spec.file() + ": " + e.getMessage(), e);
    }
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

  private static List<Map<String, String>> readCsv(DataSpec spec) throws IOException {
    CsvMapper mapper = new CsvMapper();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it =
        mapper.readerForMapOf(String.class).with(schema).readValues(spec.file().toFile())) {
      while (it.hasNext()) {
        rows.add(it.next());
      }
    }
    return rows;
  }

  private static List<Map<String, String>> readJsonLines(DataSpec spec) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(spec.file())) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = mapper.readTree(line);
      Map<String, String> row = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        row.put(
            f.getKey(),
            f.getValue().isTextual() ? f.getValue().textValue() : f.getValue().toString());
      }
      rows.add(row);
    }
    return rows;
  }
}
