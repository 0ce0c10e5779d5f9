package dev.streamstorm.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scenario files changed the way people and tools get them wrong: a value replaced by one of the
 * wrong type or range, a line deleted, repeated, moved or indented differently, a key added where
 * it does not belong, YAML's own features (anchors, tags, block scalars, several documents) where a
 * scenario does not expect them. Starts from the shipped scenarios and presets, so that the result
 * is often nearly valid and reaches the validation of every section.
 */
final class ScenarioMutations {

  /** Picks a number in {@code [0, max]}; a source that has run out answers 0. */
  @FunctionalInterface
  interface Choice {
    int upTo(int max);

    default String of(String[] options) {
      return options[upTo(options.length - 1)];
    }
  }

  /** What makes a preset's file a whole scenario. */
  private static final String AROUND_PRESET =
      "target: http://127.0.0.1:9/\nload: { vus: 1, duration: 1s }\n"
          + "conversations: [ { turns: [hi] } ]\n";

  private static final String WITH_DATA =
      "target: embedded\nload: { duration: 5s }\ndata: { file: rows.csv, order: random }\n"
          + "conversations: [ { turns: [\"${prompt} (${lang})\"] } ]\n";

  private static final String[] VALUES = {
    "",
    "0",
    "-1",
    "1e999",
    "0x10",
    "99999999999999999999",
    "~",
    "null",
    "true",
    "[]",
    "{}",
    "[1, [2, [3]]]",
    "'",
    "\"unterminated",
    "*nope",
    "&a x",
    "${env:NOPE}",
    "${",
    "${message",
    "$${x}",
    "/",
    "~1",
    "/a~2b",
    "/choices/-",
    "5",
    "5s",
    "-5s",
    "1h",
    "0s",
    "1ms",
    "0.5",
    "uniform:1ms:0ms",
    "lognormal:1ms:-1",
    "normal:",
    "exponential:0s",
    "ttft p99 < 0",
    "p99(ttft) <",
    "http://127.0.0.1:99999",
    "ws://[::1",
    "http://",
    "embedded",
    "websocket",
    "sse",
    "openai-chat",
    "generic",
    "openai-realtime",
    "rows.csv",
    "rows.jsonl",
    "missing.csv",
    "é😀",
    "\"\\t\\u0000\"",
    "!!binary AAAA",
    "!!int x",
    "!!float .nan",
    ".inf",
    "{a: 1, a: 2}",
    "[*nope]",
    "|-",
    ">",
    "@x",
    "`x`",
    "%x",
    "? x",
    "- - -",
    "{json: /x}",
    "{json: /x, equals: 1}",
    "{anyOf: []}",
    "{allOf: [{event: x}]}",
    "{not: {data: x}}",
    "{data: [DONE]}"
  };

  private static final String[] LINES = {
    "retry: { max: 3 }",
    "thresholds: [ \"ttft p99 < 1s\" ]",
    "stream: { token: /x }",
    "data: { file: rows.jsonl }",
    "session: { request: { path: /s }, extract: { id: /id } }",
    "a: &a [1, 2]",
    "b: *a",
    "<<: { x: 1 }",
    "---",
    "...",
    "%YAML 1.1",
    "? complex key",
    "protocol: websocket",
    "preset: openai-realtime",
    "websocket: { path: /ws, message: { t: x } }",
    "load: { arrival: { rate: 5 } }",
    "load: { stages: [ { duration: 1s, target: 2 } ] }",
    "slo: { ttft: 1s }",
    "connection: { maxBodyBytes: 0 }",
    "timeouts: { firstToken: -1s }",
    "embeddedServer: { tokens: -5 }",
    "headers: { Authorization: \"Bearer ${env:API_KEY}\" }",
    "thinkTime: uniform:1s:2s",
    "seed: -1",
    "  - \"${unknown}\"",
    "    weight: 0",
    "\t",
    "# comment",
  };

  private final Choice choice;

  ScenarioMutations(Choice choice) {
    this.choice = choice;
  }

  /** The shipped scenarios, each preset made a scenario, and one with a data file. */
  static List<String> bases(Path scenarios) {
    List<String> bases = new ArrayList<>();
    try (Stream<Path> files = Files.list(scenarios)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        bases.add(Files.readString(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Preset preset : Preset.values()) {
      bases.add(AROUND_PRESET + PresetRules.text(preset));
    }
    bases.add(WITH_DATA);
    return bases;
  }

  /** {@code text} with one to four mutations. */
  String mutate(String text) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int mutations = 1 + choice.upTo(3);
    for (int m = 0; m < mutations; m++) {
      int at = choice.upTo(lines.size() - 1);
      String line = lines.get(at);
      switch (choice.upTo(6)) {
        case 0 -> lines.set(at, replaceValue(line));
        case 1 -> lines.remove(at);
        case 2 -> lines.add(at, line);
        case 3 -> lines.set(at, choice.upTo(1) == 0 ? "  " + line : line.stripLeading());
        case 4 -> lines.add(at, indentOf(line) + choice.of(LINES));
        case 5 -> lines.set(at, replaceRange(line));
        default -> {
          int other = choice.upTo(lines.size() - 1);
          lines.set(at, lines.get(other));
          lines.set(other, line);
        }
      }
      if (lines.isEmpty()) {
        lines.add("");
      }
    }
    return String.join("\n", lines);
  }

  /** The value after the line's first {@code ": "} (or its list item) replaced. */
  private String replaceValue(String line) {
    int colon = line.indexOf(": ");
    int dash = line.indexOf("- ");
    int from = colon >= 0 ? colon + 2 : dash >= 0 ? dash + 2 : line.length();
    return line.substring(0, from) + choice.of(VALUES);
  }

  /** A piece of the line replaced by a value. */
  private String replaceRange(String line) {
    int from = choice.upTo(line.length());
    int to = from + choice.upTo(line.length() - from);
    return line.substring(0, from) + choice.of(VALUES) + line.substring(to);
  }

  private static String indentOf(String line) {
    return line.substring(0, line.length() - line.stripLeading().length());
  }
}
