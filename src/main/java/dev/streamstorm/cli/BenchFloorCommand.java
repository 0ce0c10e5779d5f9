package dev.streamstorm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streamstorm.bench.ColdFigures;
import dev.streamstorm.bench.ColdFloor;
import dev.streamstorm.bench.Workload;
import dev.streamstorm.report.AtomicFiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code streamstorm bench-floor}: the bare Vert.x floor client on its own, every stream opened at
 * once, each message timed; what {@code bench cold} starts in a fresh JVM to compare streamstorm's
 * cold start with. Hidden: a piece of the bench, not a tool.
 */
@Command(
    name = "bench-floor",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "The bench's floor client in this JVM, all streams at once (bench cold).")
public final class BenchFloorCommand implements Callable<Integer> {

  @Option(names = "--target", required = true, paramLabel = "URL", description = "bench-server.")
  URI target;

  @Option(names = "--protocol", description = "sse or websocket (default sse).")
  String protocol = "sse";

  @Option(names = "--streams", description = "Concurrent streams (default 1000).")
  int streams = 1_000;

  @Option(names = "--ttft-ms", description = "Server time to first token (default 100).")
  int ttftMs = 100;

  @Option(names = "--itl-ms", description = "Server gap between tokens (default 20).")
  int itlMs = 20;

  @Option(names = "--tokens", description = "Tokens per message (default 50).")
  int tokens = 50;

  @Option(
      names = "--duration",
      converter = DurationConverter.class,
      description = "How long messages are started (default 30s).")
  Duration duration = Duration.ofSeconds(30);

  @Option(names = "--event-loops", description = "Event loops (default: one per core).")
  int eventLoops;

  @Option(names = "--transport", description = "native (the default) or nio.")
  String transport = "native";

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The figures.")
  Path out;

  @Override
  public Integer call() throws Exception {
    Workload.Protocol p =
        switch (protocol.toLowerCase(Locale.ROOT)) {
          case "sse" -> Workload.Protocol.SSE;
          case "websocket", "ws" -> Workload.Protocol.WEBSOCKET;
          default -> throw new UsageException("--protocol: expected sse or websocket");
        };
    FlagBounds.eventLoops(eventLoops, true);
    ColdFigures figures =
        ColdFloor.run(
            new Workload(p, streams, ttftMs, itlMs, tokens),
            target,
            eventLoops,
            !transport.equals("nio"),
            duration.toMillis() / 1000.0);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    AtomicFiles.write(out, stream -> json.writeValue(stream, figures));
    return ExitCodes.OK;
  }
}
