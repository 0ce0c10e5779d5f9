package dev.streamstorm.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The metrics of one event loop. Thread confinement: every {@code record*} method is called only
 * from the owning event loop (HdrHistogram's single-writer contract); {@link MetricsCollector}
 * reads the recorders and counters from its own thread, which those classes allow.
 *
 * <p>A value is recorded once, into the finest series that has its metric: a message's latencies,
 * tokens and inter-token gaps into its turn's series, the rest into its conversation's (think time
 * too). The collector adds each series into the coarser ones (conversation, all) once per interval,
 * off the loop: recording every value at three levels put about 150 values into 30 histograms at
 * the end of each 50-token message, on the loop, where a burst of message ends delays the first
 * tokens that arrive with it.
 */
public final class LoopRecorder {

  /** Three significant digits: 0.1% resolution, e.g. 0.2 ms at a 200 ms first token. */
  static final int SIGNIFICANT_DIGITS = 3;

  private static final int MAX_ERROR_SAMPLES_PER_CLASS = 5;

  private final Slo slo;
  private final long warmupEndNs;

  /** Usage names whose values are milliseconds: recorded in µs, like the time metrics. */
  private final Set<String> msUsage;

  /**
   * Takes what the warm-up records and is never read. Discarding warm-up values with an early
   * return would leave the recording code cold until the measured window began: the JIT would
   * compile it then (and deoptimize the early return it had assumed was always taken), and on a
   * busy core that compilation lands on the first seconds that count. Recording into a twin runs
   * the same code, with the same branches and types, from the start.
   */
  private final LoopRecorder warmup;

  /** This recorder at index 0 and its warm-up twin at 1, for {@link #forStart}. */
  private final LoopRecorder[] twins;

  private final ConcurrentHashMap<SeriesKey, SingleWriterRecorder> series =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Tag, AtomicLongArray> counters = new ConcurrentHashMap<>();
  private final List<ErrorSample> errorSamples = new ArrayList<>();
  private final int[] samplesPerClass = new int[ErrorClass.values().length];
  private final Map<Tag, Tag[]> tagLevels = new HashMap<>();

  /** This loop's recorders by tag, indexed by metric: no key object per value recorded. */
  private final Map<Tag, SingleWriterRecorder[]> byTag = new HashMap<>();

  private static final int METRICS = Metric.values().length;

  /**
   * @param slo objectives for goodput
   * @param warmupEndNs messages that started before this instant are not recorded
   */
  public LoopRecorder(Slo slo, long warmupEndNs) {
    this(slo, warmupEndNs, Set.of());
  }

  /**
   * @param msUsage usage names whose values are milliseconds (recorded in µs, reported as times)
   */
  public LoopRecorder(Slo slo, long warmupEndNs, Set<String> msUsage) {
    this(slo, warmupEndNs, msUsage, new LoopRecorder(slo, Long.MIN_VALUE, msUsage, null));
  }

  private LoopRecorder(Slo slo, long warmupEndNs, Set<String> msUsage, LoopRecorder warmup) {
    this.slo = slo;
    this.warmupEndNs = warmupEndNs;
    this.msUsage = msUsage;
    this.warmup = warmup;
    this.twins = new LoopRecorder[] {this, warmup};
  }

  /**
   * Records a finished message. {@code itlGapsNs[0..gapCount)} are its inter-token gaps, kept by
   * the caller until the message ended so that a failed message never enters the latency
   * histograms.
   */
  public void record(MessageOutcome o, long[] itlGapsNs, int gapCount) {
    forStart(o.intendedStartNs()).recordMessage(o, itlGapsNs, gapCount);
  }

  /**
   * This recorder for what started in the measured part of the run, the warm-up twin for what
   * started before it. Chosen by index, not by a branch: a branch taken only once the warm-up is
   * over is compiled, from a profile gathered during the warm-up, as a trap, and the first measured
   * messages deoptimized the whole recording path (docs/performance.md, "The recording path at the
   * end of the warm-up"). The sign of the difference, as {@link System#nanoTime()} values are
   * compared.
   */
  private LoopRecorder forStart(long startNs) {
    return twins[(int) ((startNs - warmupEndNs) >>> 63)];
  }

  private void recordMessage(MessageOutcome o, long[] itlGapsNs, int gapCount) {
    Tag[] tags = levels(o.conversation(), o.turn());
    Tag conversation = tags[1];
    Tag turn = tags[2];
    if (!o.ok()) {
      for (Tag t : tags) {
        AtomicLongArray c = counters(t);
        increment(c, Counter.FAILED.ordinal(), 1);
        increment(c, Counter.errorIndex(o.error()), 1);
        countRetries(c, o);
      }
      sampleError(o);
      return;
    }
    recordTurnLevel(o, turn, itlGapsNs, gapCount);
    recordConversationLevel(o, conversation);
    // Without objectives every success is good (docs/scenario-reference.md, slo).
    boolean good = slo.isMetBy(o);
    for (Tag t : tags) {
      AtomicLongArray c = counters(t);
      increment(c, Counter.OK.ordinal(), 1);
      increment(c, Counter.TOKENS.ordinal(), o.tokens());
      increment(c, Counter.REASONING_TOKENS.ordinal(), o.reasoningTokens());
      increment(c, Counter.INPUT_TOKENS.ordinal(), Math.max(0, o.inputTokens()));
      increment(c, Counter.TOOL_CALLS.ordinal(), o.toolCalls());
      increment(c, sourceCounter(o.tokenSource()), 1);
      if (o.chunks() == 0 && o.toolCalls() == 0) {
        increment(c, Counter.EMPTY.ordinal(), 1);
      }
      if (good) {
        increment(c, Counter.GOOD.ordinal(), 1);
      }
      countRetries(c, o);
    }
  }

  private static int sourceCounter(CountSource source) {
    return switch (source) {
      case USAGE -> Counter.TOKENS_FROM_USAGE.ordinal();
      case TOKENIZER -> Counter.TOKENS_FROM_TOKENIZER.ordinal();
      default -> Counter.TOKENS_FROM_CHUNKS.ordinal();
    };
  }

  /** What a message's turn series hold (and, rolled up by the collector, every coarser one). */
  private void recordTurnLevel(MessageOutcome o, Tag turn, long[] itlGapsNs, int gapCount) {
    if (o.firstByteNs() != MessageOutcome.NONE) {
      time(Metric.TTFB, turn, o.firstByteNs() - o.intendedStartNs());
    }
    if (o.firstTokenNs() != MessageOutcome.NONE) {
      time(Metric.TTFT, turn, o.ttftNs());
    }
    if (o.firstReasoningNs() != MessageOutcome.NONE) {
      time(Metric.TTFR, turn, o.ttfrNs());
    }
    // A model may reason without streaming it (OpenAI's o-series reports only the count).
    if (o.firstReasoningNs() != MessageOutcome.NONE || o.reasoningTokens() > 0) {
      count(Metric.REASONING_TOKENS, turn, o.reasoningTokens());
    }
    if (o.firstToolCallNs() != MessageOutcome.NONE) {
      time(Metric.TTFC, turn, o.ttfcNs());
      count(Metric.TOOL_CALLS, turn, o.toolCalls());
    }
    if (o.inputTokens() >= 0) {
      count(Metric.INPUT_TOKENS, turn, o.inputTokens());
    }
    time(Metric.E2E, turn, o.e2eNs());
    long tpot = o.tpotNs();
    if (tpot != MessageOutcome.NONE) {
      time(Metric.TPOT, turn, tpot);
    }
    count(Metric.TOKENS, turn, o.tokens());
    if (gapCount > 0) {
      SingleWriterRecorder itl = recorder(Metric.ITL, turn);
      for (int i = 0; i < gapCount; i++) {
        itl.recordValue(ValueClamp.clamp(Metric.ITL.id(), itlGapsNs[i] / 1_000));
      }
    }
  }

  /** What only conversations (and the run) show: the service view, delays, chunks, usage. */
  private void recordConversationLevel(MessageOutcome o, Tag conversation) {
    if (o.firstTokenNs() != MessageOutcome.NONE) {
      time(Metric.TTFT_SERVICE, conversation, o.firstTokenNs() - o.lastAttemptStartNs());
    }
    time(Metric.E2E_SERVICE, conversation, o.endNs() - o.lastAttemptStartNs());
    time(Metric.SEND_DELAY, conversation, o.sendStartNs() - o.intendedStartNs());
    count(Metric.CHUNKS, conversation, o.chunks());
    if (o.attempts() > 1) {
      time(Metric.RETRY_WAIT, conversation, o.retryWaitNs());
    }
    for (Map.Entry<String, Double> u : o.usage().entrySet()) {
      double value = msUsage.contains(u.getKey()) ? u.getValue() * 1_000 : u.getValue();
      recorder(SeriesKey.usage(u.getKey(), conversation))
          .recordValue(ValueClamp.clamp(u.getKey(), Math.round(value)));
    }
  }

  /** A message cut by the end of the run: neither a success nor a failure. */
  public void recordInterrupted(String conversation, int turn, long intendedStartNs) {
    forStart(intendedStartNs).countAtEveryLevel(conversation, turn, Counter.INTERRUPTED.ordinal());
  }

  /**
   * A failed attempt that will be retried: counted by class apart from final failures, so that a
   * 429 that a retry overcame is visible without failing the message.
   */
  public void recordRetriedAttempt(
      String conversation, int turn, long intendedStartNs, ErrorClass error) {
    forStart(intendedStartNs)
        .countAtEveryLevel(conversation, turn, Counter.retriedErrorIndex(error));
  }

  private void countAtEveryLevel(String conversation, int turn, int counterIndex) {
    for (Tag t : levels(conversation, turn)) {
      increment(counters(t), counterIndex, 1);
    }
  }

  /**
   * A session set-up call: its duration, and the failure when there was one (null on success),
   * counted by class.
   */
  public void recordSession(long nanos, ErrorClass error, String message) {
    AtomicLongArray c = counters(Tag.ALL);
    if (error == null) {
      time(Metric.SESSION, Tag.ALL, nanos);
      increment(c, Counter.SESSIONS_OK.ordinal(), 1);
      return;
    }
    increment(c, Counter.SESSIONS_FAILED.ordinal(), 1);
    increment(c, Counter.sessionErrorIndex(error), 1);
    synchronized (errorSamples) {
      if (errorSamples.size() < 100) {
        errorSamples.add(new ErrorSample("session:" + error.id(), message, null, 0));
      }
    }
  }

  /** Think time waited before a turn; kept apart from every latency. */
  public void recordThinkTime(String conversation, long nanos) {
    time(Metric.THINK_TIME, Tag.conversation(conversation), nanos);
  }

  /**
   * How long a probe task posted at {@code postedNs} waited for this event loop. Probes posted in
   * the warm-up are discarded like its messages: a JVM's first seconds lag while it compiles, and
   * that must not mark the measured part of the run as distorted.
   */
  public void recordLoopLag(long postedNs, long lagNs) {
    forStart(postedNs).time(Metric.GENERATOR_LAG, Tag.ALL, lagNs);
  }

  /**
   * A pause of the whole JVM for garbage collection, reported at {@code observedNs}; pauses in the
   * warm-up are discarded like its lag probes.
   */
  public void recordGcPause(long observedNs, long pauseNs) {
    forStart(observedNs).time(Metric.GENERATOR_GC, Tag.ALL, pauseNs);
  }

  /** Time to open a connection. */
  public void recordConnect(long nanos) {
    time(Metric.CONNECT, Tag.ALL, nanos);
  }

  /**
   * Waiting, between messages, for the previous response to end after its done marker (see {@code
   * HttpStreamClient#previousResponseEnded}); excluded from every latency.
   */
  public void recordResponseTail(long nanos) {
    time(Metric.RESPONSE_TAIL, Tag.ALL, nanos);
  }

  /** A user's wait after messages that could not connect (see {@code ConnectBackoff}). */
  public void recordConnectBackoff(long nanos) {
    time(Metric.CONNECT_BACKOFF, Tag.ALL, nanos);
  }

  /**
   * A request that took another connection because the previous response was still ending (see
   * {@code HttpStreamClient.ConnectListener#overlapped}).
   */
  public void recordOverlap() {
    increment(counters(Tag.ALL), Counter.OVERLAPPED.ordinal(), 1);
  }

  Map<SeriesKey, SingleWriterRecorder> series() {
    return series;
  }

  /** The warm-up twin's recorders: for the collector to merge and drop, never to report. */
  Map<SeriesKey, SingleWriterRecorder> warmupSeries() {
    return warmup == null ? Map.of() : warmup.series();
  }

  Map<Tag, AtomicLongArray> counters() {
    return counters;
  }

  /** Error samples seen so far (a few per class); read by the collector. */
  List<ErrorSample> errorSamples() {
    synchronized (errorSamples) {
      return List.copyOf(errorSamples);
    }
  }

  private void sampleError(MessageOutcome o) {
    int i = o.error().ordinal();
    if (samplesPerClass[i] >= MAX_ERROR_SAMPLES_PER_CLASS) {
      return;
    }
    samplesPerClass[i]++;
    synchronized (errorSamples) {
      errorSamples.add(
          new ErrorSample(o.error().id(), o.errorMessage(), o.conversation(), o.turn()));
    }
  }

  private static void countRetries(AtomicLongArray c, MessageOutcome o) {
    if (o.attempts() > 1) {
      increment(c, Counter.RETRIED.ordinal(), 1);
      increment(c, Counter.RETRIES.ordinal(), o.attempts() - 1L);
    }
    if (o.reconnects() > 0) {
      increment(c, Counter.RECONNECTS.ordinal(), o.reconnects());
    }
  }

  private void time(Metric m, Tag t, long nanos) {
    recorder(m, t).recordValue(ValueClamp.clamp(m.id(), nanos / 1_000));
  }

  private void count(Metric m, Tag t, long value) {
    recorder(m, t).recordValue(ValueClamp.clamp(m.id(), value));
  }

  /** The recorder of a built-in metric, found by index (the series map is for the collector). */
  private SingleWriterRecorder recorder(Metric m, Tag t) {
    SingleWriterRecorder[] forTag = byTag.get(t);
    if (forTag == null) {
      forTag = new SingleWriterRecorder[METRICS];
      byTag.put(t, forTag);
    }
    SingleWriterRecorder r = forTag[m.ordinal()];
    if (r == null) {
      r = recorder(SeriesKey.of(m, t));
      forTag[m.ordinal()] = r;
    }
    return r;
  }

  private SingleWriterRecorder recorder(SeriesKey key) {
    SingleWriterRecorder r = series.get(key);
    if (r == null) {
      r = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
      series.put(key, r);
    }
    return r;
  }

  private AtomicLongArray counters(Tag t) {
    AtomicLongArray c = counters.get(t);
    if (c == null) {
      c = new AtomicLongArray(Counter.SIZE);
      counters.put(t, c);
    }
    return c;
  }

  /** Single writer: a plain read and an ordered write are enough, no CAS needed. */
  private static void increment(AtomicLongArray c, int index, long delta) {
    c.lazySet(index, c.get(index) + delta);
  }

  private Tag[] levels(String conversation, int turn) {
    Tag turnTag = Tag.turn(conversation, turn);
    Tag[] levels = tagLevels.get(turnTag);
    if (levels == null) {
      levels = new Tag[] {Tag.ALL, Tag.conversation(conversation), turnTag};
      tagLevels.put(turnTag, levels);
    }
    return levels;
  }
}
