package dev.streamstorm.scenario;

import dev.streamstorm.scenario.LoadSpec.Closed;
import dev.streamstorm.scenario.LoadSpec.Distribution;
import dev.streamstorm.scenario.LoadSpec.Limits;
import dev.streamstorm.scenario.LoadSpec.Open;
import dev.streamstorm.scenario.LoadSpec.Stage;
import dev.streamstorm.scenario.LoadSpec.Sweep;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code load:} and the load flags into a closed or open model. {@code arrival} (or {@code
 * sweep}) in the file makes it open; {@code --rate} makes it open and {@code --vus}/{@code --users}
 * closed, whatever the file says. The stages' total is the duration when none is given.
 */
final class LoadReader {
  static final List<String> KEYS =
      List.of(
          "vus",
          "duration",
          "stages",
          "gracefulStop",
          "iterations",
          "totalIterations",
          "maxMessages",
          "maxTokens",
          "warmup",
          "arrival",
          "maxInFlight",
          "sweep");
  static final List<String> ARRIVAL_KEYS = List.of("rate", "distribution");
  static final Duration DEFAULT_GRACEFUL_STOP = Duration.ofSeconds(30);
  static final int DEFAULT_MAX_IN_FLIGHT = 1000;

  private final NodeReader values;
  private final StageReader stageReader;

  LoadReader(NodeReader values) {
    this.values = values;
    this.stageReader = new StageReader(values);
  }

  /**
   * @param dataEndsRun a data file read in unique order ends the run when its rows run out
   */
  LoadSpec read(MapReader load, LoadFlags flags, boolean dataEndsRun) {
    boolean fileOpen = load.has("arrival") || load.has("sweep");
    boolean open = flags.rate().isPresent() || (fileOpen && !flags.choosesModel());
    if (!flags.choosesModel()) {
      rejectKeysOfOtherModel(load, open);
    }
    if (!open && flags.distribution().isPresent()) {
      throw new ScenarioException(
          "--distribution: applies to an arrival rate; give --rate (or load.arrival) too");
    }
    Optional<List<Stage>> fileStages =
        load.list("stages").map(l -> stageReader.stages(load.path("stages"), l, fileOpen));
    Optional<Duration> duration = flags.duration().or(() -> load.positiveDuration("duration"));
    Duration gracefulStop = load.duration("gracefulStop").orElse(DEFAULT_GRACEFUL_STOP);
    return open
        ? open(load, flags, fileStages, duration, gracefulStop, dataEndsRun)
        : closed(load, flags, fileStages, duration, gracefulStop, dataEndsRun);
  }

  private Closed closed(
      MapReader load,
      LoadFlags flags,
      Optional<List<Stage>> fileStages,
      Optional<Duration> duration,
      Duration gracefulStop,
      boolean dataEndsRun) {
    int vus;
    List<Stage> stages = List.of();
    if (flags.users().isPresent()) {
      vus = flags.users().get();
      if (flags.spawnRate().isPresent()) {
        stages = StageReader.locust(vus, flags.spawnRate().get(), duration);
      }
    } else if (flags.vus().isPresent()) {
      vus = flags.vus().get();
    } else if (fileStages.isPresent()) {
      if (load.has("vus")) {
        throw load.error(
            "vus",
            "not used with stages: stages start at 0 users and move to each target; remove vus or"
                + " stages");
      }
      stages = fileStages.get();
      vus = (int) Math.max(1, stages.stream().mapToDouble(Stage::target).max().orElse(1));
    } else {
      vus = load.positiveInt("vus").orElse(1);
    }
    Optional<Duration> length = duration.or(() -> fileStages.map(StageReader::total));
    Limits limits =
        limits(
            load,
            flags,
            length,
            flags.iterations().or(() -> load.positiveLong("iterations")),
            load.positiveLong("totalIterations"),
            dataEndsRun);
    return new Closed(vus, stages, gracefulStop, limits);
  }

  private Open open(
      MapReader load,
      LoadFlags flags,
      Optional<List<Stage>> fileStages,
      Optional<Duration> duration,
      Duration gracefulStop,
      boolean dataEndsRun) {
    if (load.has("iterations") && !flags.choosesModel()) {
      throw load.error(
          "iterations",
          "conversations per user apply to virtual users; with arrivals use totalIterations");
    }
    Optional<MapReader> arrival = load.map("arrival", ARRIVAL_KEYS);
    Distribution distribution =
        flags
            .distribution()
            .or(() -> arrival.flatMap(this::distribution))
            .orElse(Distribution.CONSTANT);
    int maxInFlight = load.positiveInt("maxInFlight").orElse(DEFAULT_MAX_IN_FLIGHT);
    double rate;
    List<Stage> stages = List.of();
    Optional<Sweep> sweep = Optional.empty();
    Optional<Duration> length = duration.or(() -> fileStages.map(StageReader::total));
    if (flags.rate().isPresent()) {
      rate = flags.rate().get();
    } else {
      sweep = load.map("sweep", StageReader.SWEEP_KEYS).map(stageReader::sweep);
      Optional<Double> fileRate = arrival.flatMap(a -> a.rate("rate"));
      stages = fileStages.orElse(List.of());
      if (sweep.isPresent()) {
        if (!stages.isEmpty()) {
          throw load.error("sweep", "a sweep and stages both set the rate over time; choose one");
        }
        if (fileRate.isPresent()) {
          throw arrival
              .get()
              .error("rate", "a sweep sets its own rates (sweep.start); remove this rate");
        }
        Sweep chosen = sweep.get();
        rate = chosen.startRate();
        if (length.isEmpty()) {
          length =
              Optional.of(
                  StageReader.sweepLength(chosen)
                      .orElseThrow(
                          () ->
                              load.error(
                                  "sweep",
                                  "its steps from start to max, each held "
                                      + Durations.format(chosen.stepDuration())
                                      + ", would run for centuries; raise step or lower max,"
                                      + " or give load.duration")));
        }
      } else if (fileRate.isPresent()) {
        rate = fileRate.get();
        if (!(rate > 0) && stages.isEmpty()) {
          throw arrival.get().error("rate", "expected a rate above zero like 20/s");
        }
      } else if (!stages.isEmpty()) {
        rate = 0;
      } else {
        throw values
            .source()
            .error(
                arrival.map(MapReader::pos).orElse(load.pos()),
                "load.arrival: missing key 'rate' (e.g. rate: 20/s)");
      }
    }
    Limits limits =
        limits(
            load,
            flags,
            length,
            Optional.empty(),
            flags.iterations().or(() -> load.positiveLong("totalIterations")),
            dataEndsRun);
    return new Open(rate, distribution, stages, maxInFlight, sweep, gracefulStop, limits);
  }

  private Optional<Distribution> distribution(MapReader arrival) {
    return arrival
        .get("distribution")
        .map(
            n ->
                values.choice(
                    arrival.path("distribution"), n, "distribution", LoadFlags.DISTRIBUTIONS));
  }

  private Limits limits(
      MapReader load,
      LoadFlags flags,
      Optional<Duration> duration,
      Optional<Long> perUser,
      Optional<Long> total,
      boolean dataEndsRun) {
    Optional<Long> maxMessages = flags.maxMessages().or(() -> load.positiveLong("maxMessages"));
    Optional<Long> maxTokens = flags.maxTokens().or(() -> load.positiveLong("maxTokens"));
    Duration warmup = load.duration("warmup").orElse(Duration.ZERO);
    if (duration.isPresent() && warmup.compareTo(duration.get()) >= 0) {
      throw load.error(
          "warmup",
          "the warm-up ("
              + Durations.format(warmup)
              + ") must be shorter than the run ("
              + Durations.format(duration.get())
              + ")");
    }
    boolean ends =
        duration.isPresent()
            || perUser.isPresent()
            || total.isPresent()
            || maxMessages.isPresent()
            || maxTokens.isPresent()
            || dataEndsRun;
    if (!ends) {
      String flagsText = "--duration, --iterations, --max-messages or --max-tokens";
      if (!values.source().hasFile()) {
        throw new ScenarioException("nothing ends this run: give " + flagsText);
      }
      throw values
          .source()
          .error(
              load.pos(),
              "nothing ends this run: set load.duration, load.iterations, load.totalIterations,"
                  + " load.maxMessages or load.maxTokens (or the flags "
                  + flagsText
                  + ")");
    }
    return new Limits(duration, perUser, total, maxMessages, maxTokens, warmup);
  }

  private void rejectKeysOfOtherModel(MapReader load, boolean open) {
    if (open && load.has("vus")) {
      throw load.error(
          "vus",
          "applies to virtual users (closed model); with arrival the load is open: cap"
              + " concurrency with maxInFlight");
    }
    if (!open && load.has("maxInFlight")) {
      throw load.error(
          "maxInFlight",
          "applies to arrival rates (open model); add load.arrival or remove maxInFlight");
    }
  }
}
