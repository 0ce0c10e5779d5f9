package dev.streamstorm.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every YAML example in docs/scenario-reference.md loads. A fragment without {@code target} or
 * {@code load} gets {@code target: embedded} and a 10-second duration, as a reader would add.
 */
class ReferenceDocTest {
  static final Path DOC = Path.of("docs", "scenario-reference.md");
  static final Pattern BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path dir;

  static Stream<String> examples() throws IOException {
    Matcher m = BLOCK.matcher(Files.readString(DOC));
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertThat(blocks).hasSizeGreaterThan(20);
    return blocks.stream();
  }

  @ParameterizedTest(name = "[{index}]")
  @MethodSource("examples")
  void loads(String example) {
    Fixture f = new Fixture(dir);
    f.write("prompts.jsonl", "{\"prompt\": \"What is SSE?\", \"topic\": \"streaming\"}\n");
    // The files and variables connection's examples name.
    try {
      Files.createDirectories(dir.resolve("certs"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    TestCertificates ca = TestCertificates.create(dir.resolve("certs"), "ca", "localhost");
    TestCertificates client = TestCertificates.create(dir.resolve("certs"), "client", "me");
    copy(ca.cert(), dir.resolve("certs/ca.pem"));
    copy(client.cert(), dir.resolve("certs/client.pem"));
    copy(client.key(), dir.resolve("certs/client-key.pem"));
    ca.trustStore(dir.resolve("certs/truststore.p12"), "changeit");
    f.env.put("TRUSTSTORE_PASSWORD", "changeit");
    f.env.put("PROXY_PASSWORD", "hunter22");
    String text = example;
    if (!Pattern.compile("(?m)^load:").matcher(text).find()) {
      text = "load: { duration: 10s }\n" + text;
    }
    if (!Pattern.compile("(?m)^target:").matcher(text).find()) {
      text = "target: embedded\n" + text;
    }
    Scenario s = f.yaml(text);
    assertThat(s.conversations()).isNotEmpty();
  }

  private static void copy(Path from, Path to) {
    try {
      Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
