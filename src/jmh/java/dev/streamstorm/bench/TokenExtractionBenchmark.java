package dev.streamstorm.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.JsonPointerBasedFilter;
import com.fasterxml.jackson.core.filter.TokenFilter;
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
 *   <li>{@code jacksonPointerFilter}, {@code jacksonNonBlockingPointerFilter}: reference, the
 *       libraries' own way to what {@code interpretChunk} does: Jackson's parser (blocking, or the
 *       non-blocking one fed the chunk's bytes as they arrive) behind a {@code JsonPointer} filter
 *       that keeps only {@code /choices/0/delta/content}, reading its text. JsonScan's Javadoc
 *       cites the figures.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenExtractionBenchmark {

  private static final JsonFactory JSON = new JsonFactory();
  private static final JsonPointer CONTENT = JsonPointer.compile("/choices/0/delta/content");

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
    decoder = new SseDecoder(e -> interpreter.onSseEvent(e, 0L, sink));
  }

  @Benchmark
  public void interpretChunk() {
    interpreter.onTextFrame(chunk, 0, chunk.length, 0L, sink);
  }

  @Benchmark
  public void interpretChunkWithEveryChannel() {
    preset.onTextFrame(chunk, 0, chunk.length, 0L, sink);
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

  @Benchmark
  public int jacksonPointerFilter() throws IOException {
    try (JsonParser parser =
        new FilteringParserDelegate(
            JSON.createParser(chunk, 0, chunk.length),
            new JsonPointerBasedFilter(CONTENT),
            TokenFilter.Inclusion.ONLY_INCLUDE_ALL,
            false)) {
      return textLength(parser);
    }
  }

  @Benchmark
  public int jacksonNonBlockingPointerFilter() throws IOException {
    JsonParser raw = JSON.createNonBlockingByteArrayParser();
    ((ByteArrayFeeder) raw.getNonBlockingInputFeeder()).feedInput(chunk, 0, chunk.length);
    ((ByteArrayFeeder) raw.getNonBlockingInputFeeder()).endOfInput();
    try (JsonParser parser =
        new FilteringParserDelegate(
            raw,
            new JsonPointerBasedFilter(CONTENT),
            TokenFilter.Inclusion.ONLY_INCLUDE_ALL,
            false)) {
      return textLength(parser);
    }
  }

  /** The length of the first string the filter lets through (read as characters, not a String). */
  private static int textLength(JsonParser parser) throws IOException {
    for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
      if (t == JsonToken.VALUE_STRING) {
        parser.getTextCharacters();
        return parser.getTextLength();
      }
    }
    return 0;
  }
}
