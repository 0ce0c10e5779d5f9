package dev.streamstorm.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data files: only the header is read at load time, and references to columns are checked. */
class DataFileTest {
  static final String BASE = "target: embedded\nload: { duration: 5s }\n";

  @TempDir Path dir;
  Fixture f;

  @BeforeEach
  void setUp() {
    f = new Fixture(dir);
  }

  @Test
  void csvHeaderGivesTheColumns() {
    f.write("prompts.csv", "\uFEFFprompt,\"user, id\",lang\n\"What is 1, 2?\",u1,en\n");
    Scenario s =
        f.yaml(
            BASE
                + "data: { file: prompts.csv, order: random }\n"
                + "conversations: [ { turns: [\"${prompt} (${lang})\"] } ]\n");
    DataSpec data = s.data().orElseThrow();
    assertThat(data.columns()).containsExactly("prompt", "user, id", "lang");
    assertThat(data.order()).isEqualTo(DataSpec.Order.RANDOM);
    assertThat(data.file()).isEqualTo(dir.resolve("prompts.csv"));
  }

  @Test
  void jsonlFirstObjectGivesTheColumns() {
    f.write("p.jsonl", "\n{\"prompt\": \"hi\", \"expected\": {\"a\": 1}}\n{\"prompt\": \"yo\"}\n");
    Scenario s =
        f.yaml(
            BASE
                + "data: { file: p.jsonl }\nrequest: { body: { q: \"${prompt}\", e: \"${expected}\" } }\n");
    assertThat(s.data().orElseThrow().columns()).containsExactly("prompt", "expected");
    assertThat(s.data().orElseThrow().order()).isEqualTo(DataSpec.Order.SEQUENTIAL);
  }

  @Test
  void pathIsRelativeToTheScenarioFile() {
    f.write("prompts.csv", "q\nhello\n");
    Path sub = dir.resolve("sub");
    sub.toFile().mkdirs();
    Scenario s =
        f.loader()
            .load(
                f.write("sub/s.yaml", BASE + "data: { file: ../prompts.csv }\n"),
                ScenarioOverrides.none());
    assertThat(s.data().orElseThrow().file()).isEqualTo(dir.resolve("prompts.csv"));
  }

  @Test
  void anUnknownColumnIsAnErrorAtItsUse() {
    f.write("prompts.csv", "prompt\nhello\n");
    assertThat(
            f.yamlError(
                BASE
                    + "data: { file: prompts.csv }\nconversations: [ { turns: [\"${promt}\"] } ]\n"))
        .isEqualTo(
            "s.yaml:4:29: conversations[0].turns[0]: unknown variable 'promt', did you mean"
                + " 'prompt'?");
  }

  @Test
  void uniqueOrderEndsARunByItself() {
    f.write("prompts.csv", "prompt\nhello\n");
    Scenario s =
        f.yaml("target: embedded\nload: { vus: 2 }\ndata: { file: prompts.csv, order: unique }\n");
    assertThat(s.load().limits().duration()).isEmpty();
  }

  @Test
  void fileErrors() {
    f.write("empty.csv", "");
    assertThat(f.yamlError(BASE + "data: { file: empty.csv }\n"))
        .isEqualTo("s.yaml:3:15: data.file: data file empty.csv has no rows");
    f.write("header.csv", "a,b\n");
    assertThat(f.yamlError(BASE + "data: { file: header.csv }\n"))
        .isEqualTo("s.yaml:3:15: data.file: data file header.csv has no rows");
    f.write("dup.csv", "a,a\n1,2\n");
    assertThat(f.yamlError(BASE + "data: { file: dup.csv }\n"))
        .isEqualTo(
            "s.yaml:3:15: data.file: cannot read data file dup.csv: the header row names a column"
                + " twice");
    f.write("list.jsonl", "[1, 2]\n");
    assertThat(f.yamlError(BASE + "data: { file: list.jsonl }\n"))
        .isEqualTo(
            "s.yaml:3:15: data.file: cannot read data file list.jsonl: line 1 is not a JSON"
                + " object");
    f.write("bad.jsonl", "{nope\n");
    assertThat(f.yamlError(BASE + "data: { file: bad.jsonl }\n"))
        .startsWith(
            "s.yaml:3:15: data.file: cannot read data file bad.jsonl: Unexpected character");
    f.write("builtin.csv", "message\nhi\n");
    assertThat(f.yamlError(BASE + "data: { file: builtin.csv }\n"))
        .isEqualTo(
            "s.yaml:3:15: data.file: data column 'message' clashes with the built-in ${message};"
                + " rename the column");
    assertThat(f.yamlError(BASE + "data: { order: random }\n"))
        .isEqualTo("s.yaml:3:7: data: missing key 'file' (a .jsonl or .csv file)");
  }

  @Test
  void aColumnNamedLikeASessionVariableIsAnError() {
    f.write("p.csv", "session_id\nx\n");
    assertThat(
            f.yamlError(
                BASE
                    + "session: { request: { path: /s }, extract: { session_id: /id } }\n"
                    + "data: { file: p.csv }\n"))
        .isEqualTo(
            "s.yaml:4:7: data: data column 'session_id' has the name of a session variable"
                + " (session.extract); rename one");
  }
}
