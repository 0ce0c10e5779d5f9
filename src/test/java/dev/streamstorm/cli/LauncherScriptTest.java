package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/streamstorm, run against a stand-in {@code java} that prints the command line it was given,
 * in a copy of the repository layout (the real jar is not built when unit tests run).
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherScriptTest {

  @TempDir Path home;
  private Path fakeJavaHome;

  @BeforeEach
  void layout() throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Path script = home.resolve("bin/streamstorm");
    Files.copy(Path.of("bin/streamstorm"), script);
    executable(script);
    Files.createDirectories(home.resolve("target"));
    Files.writeString(home.resolve("target/streamstorm.jar"), "");
    fakeJavaHome = home.resolve("jdk");
    Files.createDirectories(fakeJavaHome.resolve("bin"));
    Path java = fakeJavaHome.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho \"$@\"\nexit 7\n");
    executable(java);
  }

  @Test
  void appliesTheMeasuredCollectorAndHeapByDefault() throws Exception {
    Result r = launch(null, "run", "scenarios/quickstart.yaml");
    assertThat(r.out())
        .isEqualTo(
            "-XX:+UseParallelGC -Xms1g -Xmx1g -Xmn700m -XX:-UseAdaptiveSizePolicy -XX:MetaspaceSize=128m -jar "
                + home.resolve("target/streamstorm.jar").toRealPath()
                + " run scenarios/quickstart.yaml");
  }

  @Test
  void findsItsJarThroughASymlink() throws Exception {
    Path elsewhere = Files.createDirectories(home.resolve("usr/local/bin"));
    Files.createSymbolicLink(elsewhere.resolve("streamstorm"), Path.of("../../../bin/streamstorm"));
    Result r = launchVia(elsewhere.resolve("streamstorm"), null, "--version");
    assertThat(r.out())
        .endsWith(home.resolve("target/streamstorm.jar").toRealPath() + " --version");
  }

  @Test
  void passesJavasExitCodeThrough() throws Exception {
    assertThat(launch(null, "--version").exit()).isEqualTo(7);
  }

  @Test
  void aCollectorInJavaOptsReplacesOursAndTheYoungGenerationTunedForIt() throws Exception {
    assertJavaGets("-XX:+UseG1GC", "-Xms1g -Xmx1g -XX:MetaspaceSize=128m -XX:+UseG1GC");
    assertJavaGets(
        "-XX:+UseZGC -XX:+ZGenerational",
        "-Xms1g -Xmx1g -XX:MetaspaceSize=128m -XX:+UseZGC -XX:+ZGenerational");
  }

  @Test
  void aHeapSizeInJavaOptsReplacesOurHeapButKeepsTheYoungGeneration() throws Exception {
    // The heap starts at the user's maximum: with adaptive sizing off it would never grow.
    assertJavaGets(
        "-Xmx4g",
        "-XX:+UseParallelGC -Xms4g -Xmn700m -XX:-UseAdaptiveSizePolicy -XX:MetaspaceSize=128m -Xmx4g");
    assertJavaGets(
        "-Xmx2g -Xmx3g",
        "-XX:+UseParallelGC -Xms3g -Xmn700m -XX:-UseAdaptiveSizePolicy -XX:MetaspaceSize=128m -Xmx2g -Xmx3g");
    assertJavaGets(
        "-XX:MaxRAMPercentage=50",
        "-XX:+UseParallelGC -XX:InitialRAMPercentage=50 -Xmn700m -XX:-UseAdaptiveSizePolicy -XX:MetaspaceSize=128m -XX:MaxRAMPercentage=50");
    assertJavaGets(
        "-XX:MaxHeapSize=2g",
        "-XX:+UseParallelGC -XX:InitialHeapSize=2g -Xmn700m -XX:-UseAdaptiveSizePolicy -XX:MetaspaceSize=128m -XX:MaxHeapSize=2g");
  }

  @Test
  void anInitialHeapInJavaOptsIsTheUsers() throws Exception {
    assertJavaGets(
        "-Xms2g -Xmx3g",
        "-XX:+UseParallelGC -Xmn700m -XX:-UseAdaptiveSizePolicy -XX:MetaspaceSize=128m -Xms2g -Xmx3g");
  }

  @Test
  void aMaximumThatCannotBeCopiedLetsParallelSizeTheHeap() throws Exception {
    assertJavaGets(
        "-XX:MaxRAM=4g", "-XX:+UseParallelGC -Xmn700m -XX:MetaspaceSize=128m -XX:MaxRAM=4g");
  }

  @Test
  void aYoungGenerationInJavaOptsReplacesOurs() throws Exception {
    assertJavaGets(
        "-XX:NewRatio=2", "-XX:+UseParallelGC -Xms1g -Xmx1g -XX:MetaspaceSize=128m -XX:NewRatio=2");
  }

  @Test
  void aMetaspaceThresholdInJavaOptsReplacesOurs() throws Exception {
    assertJavaGets(
        "-XX:MetaspaceSize=64m",
        "-XX:+UseParallelGC -Xms1g -Xmx1g -Xmn700m -XX:-UseAdaptiveSizePolicy -XX:MetaspaceSize=64m");
  }

  @Test
  void unrelatedJavaOptsKeepEveryDefault() throws Exception {
    assertJavaGets(
        "-Dfoo=bar -XX:+PrintCommandLineFlags",
        "-XX:+UseParallelGC -Xms1g -Xmx1g -Xmn700m -XX:-UseAdaptiveSizePolicy -XX:MetaspaceSize=128m -Dfoo=bar"
            + " -XX:+PrintCommandLineFlags");
  }

  @Test
  void saysHowToBuildWhenTheJarIsMissing() throws Exception {
    Files.delete(home.resolve("target/streamstorm.jar"));
    Result r = launch(null, "run");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains("not found").contains("mvn -q -B package -DskipTests");
  }

  /** What java is given before {@code -jar} when JAVA_OPTS is {@code javaOpts}. */
  private void assertJavaGets(String javaOpts, String options) throws Exception {
    assertThat(launch(javaOpts, "run").out()).startsWith(options + " -jar ");
  }

  private record Result(int exit, String out) {}

  private Result launch(String javaOpts, String... args) throws Exception {
    return launchVia(home.resolve("bin/streamstorm"), javaOpts, args);
  }

  private Result launchVia(Path script, String javaOpts, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("JAVA_HOME", fakeJavaHome.toString());
    env.remove("JAVA_OPTS");
    if (javaOpts != null) {
      env.put("JAVA_OPTS", javaOpts);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return new Result(p.waitFor(), out);
  }

  private static void executable(Path p) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
