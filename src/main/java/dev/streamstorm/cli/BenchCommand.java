package dev.streamstorm.cli;

import dev.streamstorm.bench.BenchOptions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code streamstorm bench}: what this machine costs per token, how accurate it is, how far it
 * goes.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    sortOptions = false,
    description = {
      "Measures the generator on this machine against bench-server in a separate JVM and prints a"
          + " table.",
      "  cost       CPU per token event at 1,000 streams, streamstorm against a bare Vert.x client"
          + " (the floor), SSE and WebSocket (the default)",
      "  calibrate  concurrency stepped up: events/s, CPU, loop lag, first-token error, heap;"
          + " the most streams driven accurately",
      "  scale      10,000 SSE streams, then 10,000 WebSocket conversations, for --duration",
      "  cold       1,000 SSE users started at once, each client in a fresh JVM (the floor,"
          + " java -jar, bin/streamstorm), --repeat times: the first seconds side by side",
      "  all        all four",
      "Example: streamstorm bench cost calibrate --out bench.json"
    })
public final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "MODE",
      description = "cost, calibrate, scale, cold or all (default cost).")
  List<String> modes = new ArrayList<>();

  @Mixin BenchFlags flags = new BenchFlags();

  @Override
  public Integer call() throws Exception {
    return flags.run(modes(), spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  private Set<BenchOptions.Mode> modes() {
    Set<BenchOptions.Mode> set = EnumSet.noneOf(BenchOptions.Mode.class);
    for (String m : modes) {
      switch (m.toLowerCase(Locale.ROOT)) {
        case "cost" -> set.add(BenchOptions.Mode.COST);
        case "calibrate" -> set.add(BenchOptions.Mode.CALIBRATE);
        case "scale" -> set.add(BenchOptions.Mode.SCALE);
        case "cold" -> set.add(BenchOptions.Mode.COLD);
        case "all" -> set.addAll(EnumSet.allOf(BenchOptions.Mode.class));
        default ->
            throw new UsageException(
                "MODE: expected cost, calibrate, scale, cold or all, got '" + m + "'");
      }
    }
    return set.isEmpty() ? EnumSet.of(BenchOptions.Mode.COST) : set;
  }
}
