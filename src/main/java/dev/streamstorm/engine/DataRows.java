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

/**
 * Reads the rows of a data file, each a map from column to value: a .csv file with a header line,
 * or a .jsonl file (non-string JSON values as their JSON text). Used by the run's feeder, and by a
 * distributed run's coordinator to send each agent its rows.
 */
public final class DataRows {
  private DataRows() {}

  public static List<Map<String, String>> read(DataSpec spec) {
    String name = spec.file().getFileName().toString().toLowerCase();
    try {
      return name.endsWith(".csv") ? readCsv(spec) : readJsonLines(spec);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read data file " + spec.file() + ": " + e.getMessage(), e);
    }
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
