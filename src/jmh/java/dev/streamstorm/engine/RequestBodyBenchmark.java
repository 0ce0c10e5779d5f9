package dev.streamstorm.engine;

import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import dev.streamstorm.scenario.TemplateContext;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of the next message's request body at a message's end, on the event loop (ns/op; with {@code
 * -prof gc}, bytes per op): the openai-chat preset's body with {@code turns} messages of history,
 * compiled ({@link CompiledBody}, what streamstorm sends) against the tree rendered and serialized
 * by Jackson ({@link JsonRenderer}, what it sent before and still sends for bodies with templated
 * keys).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestBodyBenchmark {

  private static final String MESSAGE = "My email is test@example.com, can you check my account?";

  /** Messages already in the conversation (a user's and the assistant's per turn). */
  @Param({"0", "6"})
  public int history;

  private Scenario scenario;
  private CompiledBody compiled;
  private History chat;
  private final TemplateContext vars = FixedTemplateContext.PLAIN;

  @Setup
  public void setUp() throws Exception {
    Path file = Files.createTempFile("request-body", ".yaml");
    Files.writeString(
        file,
        "target: http://127.0.0.1:1\n"
            + "preset: openai-chat\n"
            + "load: { vus: 1, duration: 1s }\n"
            + "conversations: [{ name: c, turns: [\"hi\"] }]\n");
    scenario = new ScenarioLoader(name -> null).load(file, ScenarioOverrides.none());
    Files.delete(file);
    compiled =
        CompiledBody.compile(scenario.request().body(), scenario.request().history().orElseThrow())
            .orElseThrow();
    chat = new History();
    for (int i = 0; i < history / 2; i++) {
      chat.user(MESSAGE);
      chat.assistant("Sure: I found your account and reset the password; check your inbox.");
    }
  }

  @Benchmark
  public Buffer compiled() {
    return compiled.render(vars, chat, MESSAGE);
  }

  @Benchmark
  public Buffer tree() {
    return Buffer.buffer(
        JsonRenderer.bytes(
            JsonRenderer.body(
                scenario.request().body(),
                vars,
                scenario.request().history().orElseThrow(),
                chat,
                MESSAGE)));
  }
}
