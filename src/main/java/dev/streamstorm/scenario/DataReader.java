package dev.streamstorm.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code data: { file, order }} and, at load time, only the header of the file (CSV first
 * row; JSONL first object's keys) so that {@code ${column}} references can be checked before any
 * traffic. The rows themselves are read by the engine.
 */
final class DataReader {
  static final List<String> KEYS = List.of("file", "order");
  static final Map<String, DataSpec.Order> ORDERS = new LinkedHashMap<>();

  static {
    ORDERS.put("sequential", DataSpec.Order.SEQUENTIAL);
    ORDERS.put("random", DataSpec.Order.RANDOM);
    ORDERS.put("unique", DataSpec.Order.UNIQUE);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CsvMapper CSV = new CsvMapper();

  private final NodeReader values;

  DataReader(NodeReader values) {
    this.values = values;
  }

  DataSpec read(MapReader r) {
    Node fileNode =
        r.get("file")
            .orElseThrow(
                () ->
                    values
                        .source()
                        .error(r.pos(), "data: missing key 'file' (a .jsonl or .csv file)"));
    String name = values.text(r.path("file"), fileNode);
    DataSpec.Order order =
        r.get("order")
            .map(n -> values.choice(r.path("order"), n, "order", ORDERS))
            .orElse(DataSpec.Order.SEQUENTIAL);
    Path file = values.source().dataFile(name);
    if (!isDataFile(name)) {
      throw values.expected(fileNode, r.path("file"), "a .jsonl or .csv file");
    }
    if (!Files.isRegularFile(file)) {
      throw values.error(fileNode, r.path("file"), "data file not found: " + file);
    }
    List<String> columns;
    try {
      boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
      columns = csv ? csvHeader(file) : jsonlKeys(file);
    } catch (IOException | RuntimeException e) {
      throw values.error(
          fileNode, r.path("file"), "cannot read data file " + file + ": " + message(e));
    }
    if (columns == null) {
      throw values.error(fileNode, r.path("file"), "data file " + file + " has no rows");
    }
    for (String c : columns) {
      if (TemplateScope.RESERVED.contains(c)) {
        throw values.error(
            fileNode,
            r.path("file"),
            "data column '" + c + "' clashes with the built-in ${" + c + "}; rename the column");
      }
    }
    return new DataSpec(file, order, List.copyOf(columns));
  }

  private static boolean isDataFile(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".jsonl") || lower.endsWith(".csv");
  }

  /** The header row, or null when the file has no data row under it. */
  private static List<String> csvHeader(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      in.mark(1);
      if (in.read() != '\uFEFF') {
        in.reset();
      }
      MappingIterator<List<String>> rows =
          CSV.readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(in);
      if (!rows.hasNext()) {
        return null;
      }
      List<String> header = new ArrayList<>();
      for (String h : rows.next()) {
        header.add(h.strip());
      }
      if (header.stream().anyMatch(String::isEmpty)) {
        throw new IOException("the header row has an empty column name");
      }
      if (new HashSet<>(header).size() != header.size()) {
        throw new IOException("the header row names a column twice");
      }
      return rows.hasNext() ? header : null;
    }
  }

  /** The keys of the first object, or null when the file has no object. */
  private static List<String> jsonlKeys(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode first = JSON.readTree(line.replace("\uFEFF", ""));
        if (!first.isObject()) {
          throw new IOException("line " + number + " is not a JSON object");
        }
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = first.fieldNames(); it.hasNext(); ) {
          keys.add(it.next());
        }
        return keys;
      }
      return null;
    }
  }

  private static String message(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int cut = m.indexOf('\n');
    return cut < 0 ? m : m.substring(0, cut);
  }
}
