package dev.streamstorm.benchserver.model;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** The fake model's tools and how one call of them is drawn. */
final class LlmTools {

  private static final List<String> CITIES =
      List.of("Paris", "Lisbon", "Osaka", "Toronto", "Nairobi", "Lima", "Oslo", "Hanoi");
  private static final List<String> QUERIES =
      List.of("refund policy", "delivery window", "invoice total", "account status");

  private LlmTools() {}

  /** Draws, in order: the tool, its argument value, the call id. */
  static LlmToolCall draw(RandomGenerator rng) {
    int tool = rng.nextInt(3);
    JsonObject args = new JsonObject();
    String name;
    switch (tool) {
      case 0 -> {
        name = "get_weather";
        args.put("city", CITIES.get(rng.nextInt(CITIES.size()))).put("unit", "celsius");
      }
      case 1 -> {
        name = "lookup_order";
        args.put("order_id", Integer.toString(10_000 + rng.nextInt(90_000)));
      }
      default -> {
        name = "search_docs";
        args.put("query", QUERIES.get(rng.nextInt(QUERIES.size())));
      }
    }
    String id = "call_" + Long.toString(rng.nextLong() & Long.MAX_VALUE, 36);
    String json = args.encode();
    return new LlmToolCall(id, name, json, split(json, PlanLimits.ARG_CHUNKS));
  }

  /** Cuts text into {@code parts} non-empty pieces of about equal length, in order. */
  static List<String> split(String text, int parts) {
    List<String> out = new ArrayList<>(parts);
    int from = 0;
    for (int i = 1; i <= parts; i++) {
      int to = i == parts ? text.length() : Math.max(from + 1, text.length() * i / parts);
      out.add(text.substring(from, to));
      from = to;
    }
    return List.copyOf(out);
  }
}
