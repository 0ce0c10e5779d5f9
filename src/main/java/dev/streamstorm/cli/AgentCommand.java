package dev.streamstorm.cli;

import dev.streamstorm.cluster.Agent;
import dev.streamstorm.engine.ResultsFactory;
import dev.streamstorm.report.ResultsJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code streamstorm agent}: a load generator of a distributed run (docs/distributed.md). */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    sortOptions = false,
    description = {
      "Joins a cluster and runs its share of the tests a coordinator (run --agents N) gives it,"
          + " one at a time, until Ctrl-C.",
      "Example: streamstorm agent --cluster-host 10.0.0.11 --join 10.0.0.10"
    })
public final class AgentCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Option(
      names = "--name",
      description = "Name shown by the coordinator and in results (default: host name and pid).")
  String name;

  @Option(
      names = "--event-loops",
      description = "Event loops to drive the load (default: one per core).")
  int eventLoops = Runtime.getRuntime().availableProcessors();

  /** Tests and debugging: each finished test's share is also written here as a results file. */
  @Option(names = "--results-dir", hidden = true)
  Path resultsDir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FlagBounds.eventLoops(eventLoops, false);
    CompletableFuture<Agent> joining =
        Agent.start(
                cluster.settings(),
                new Agent.Options(name(), eventLoops, VersionInfo.version()),
                new Agent.Listener() {
                  @Override
                  public void print(String line) {
                    synchronized (out) {
                      out.println(line);
                      out.flush();
                    }
                  }

                  @Override
                  public void testFinished(Agent.FinishedTest t) {
                    writeResults(t, err);
                  }
                })
            .toCompletionStage()
            .toCompletableFuture();
    Interrupts.onInterrupt(
        () -> {
          if (!joining.isDone()) {
            System.exit(130); // still looking for members: nothing to finish
          }
          err.println("leaving the cluster (a test in progress stops gracefully)");
          err.flush();
          joining.thenAccept(Agent::shutdown);
        },
        () -> Runtime.getRuntime().halt(130));
    try {
      await(await(joining).left());
    } finally {
      Interrupts.done();
    }
    return ExitCodes.OK;
  }

  private String name() {
    if (name != null) {
      return name;
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "agent";
    }
    return host + "-" + ProcessHandle.current().pid();
  }

  private void writeResults(Agent.FinishedTest t, PrintWriter err) {
    if (resultsDir == null) {
      return;
    }
    try {
      Files.createDirectories(resultsDir);
      ResultsJson.write(
          ResultsFactory.build(t.share(), t.target(), t.outcome(), VersionInfo.version()),
          resultsDir.resolve(t.testId() + "-" + t.agentName() + ".json"));
    } catch (IOException | RuntimeException e) {
      err.println("cannot write this agent's results: " + e.getMessage());
      err.flush();
    }
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }
}
