package dev.streamstorm.cli;

import dev.streamstorm.bench.BenchOptions;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code streamstorm calibrate}: {@code bench calibrate}, the question "can this box do it?". */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    sortOptions = false,
    description = {
      "Steps concurrency up against bench-server in a separate JVM and says how many streams this"
          + " machine can drive accurately (same as 'bench calibrate').",
      "Example: streamstorm calibrate --steps 100,1000,5000 --max-lag 5ms --max-ttft-error 1ms"
    })
public final class CalibrateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin BenchFlags flags = new BenchFlags();

  @Override
  public Integer call() throws Exception {
    return flags.run(
        EnumSet.of(BenchOptions.Mode.CALIBRATE),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }
}
