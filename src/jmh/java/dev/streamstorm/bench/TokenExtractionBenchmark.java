package dev.streamstorm.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.streamstorm.protocol.sse.SseDecoder;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.scenario.Preset;
import dev.streamstorm.scenario.PresetRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of one OpenAI content chunk (ns/op; with {@code -prof gc}, bytes allocated per op).
 *
 * <ul>
 *   <li>{@code interpretChunk}: the token extraction alone (StreamInterpreter on the chunk's data);
 *   <li>{@code decodeAndInterpretEvent}: the whole per-token path, SSE bytes to token callback;
 *   <li>{@code jacksonFreshParserPerChunk}: reference, not our code: a new blocking Jackson parser
 *       per chunk reading every token, the usual way, to show what reusing one parser saves.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenExtractionBenchmark {

  private static final JsonFactory JSON = new JsonFactory();

  private final byte[] chunk = OpenAiStream.contentChunk(" hello").getBytes(StandardCharsets.UTF_8);
  private final byte[] event =
      ("data: " + OpenAiStream.contentChunk(" hello") + "\n\n").getBytes(StandardCharsets.UTF_8);
  private final StreamInterpreter interpreter = StreamInterpreter.compile(OpenAiStream.SPEC);

  /** The whole openai-chat preset: answer, reasoning (two pointers), tool calls, three counts. */
  private final StreamInterpreter preset =
      StreamInterpreter.compile(PresetRules.stream(Preset.OPENAI_CHAT));

  private BlackholeSink sink;
  private SseDecoder decoder;

  @Setup
  public void setUp(Blackhole blackhole) {
    sink = new BlackholeSink(blackhole);
    decoder = new SseDecoder(e -> interpreter.onSseEvent(e, sink));
  }

  @Benchmark
  public void interpretChunk() {
    interpreter.onTextFrame(chunk, 0, chunk.length, sink);
  }

  @Benchmark
  public void interpretChunkWithEveryChannel() {
    preset.onTextFrame(chunk, 0, chunk.length, sink);
  }

  @Benchmark
  public void decodeAndInterpretEvent() {
    decoder.feed(event, 0, event.length);
  }

  @Benchmark
  public int jacksonFreshParserPerChunk() throws IOException {
    int tokens = 0;
    try (JsonParser parser = JSON.createParser(chunk, 0, chunk.length)) {
      while (parser.nextToken() != null) {
        tokens++;
      }
    }
    return tokens;
  }
}
