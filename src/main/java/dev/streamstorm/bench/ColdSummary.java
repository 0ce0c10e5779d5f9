package dev.streamstorm.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One client's cold runs, each figure the median over the repetitions, and streamstorm's against
 * the floor's.
 *
 * @param ttftP99Ratio this client's median ttft p99 over the floor's (target: at most 1.2)
 * @param messagesRatio this client's median messages over the floor's
 */
public record ColdSummary(
    String client,
    int runs,
    double ttftP50Ms,
    double ttftP99Ms,
    double ttfbP99Ms,
    double messages,
    double failed,
    double lagP99Ms,
    double lagMaxMs,
    double gcMaxMs,
    double connectP99Ms,
    double ttftFromSendP99Ms,
    double ttftP99Ratio,
    double messagesRatio) {

  /** Target of issue 24: streamstorm's cold ttft p99 within this factor of the floor's. */
  public static final double TARGET_RATIO = 1.2;

  /** Medians of {@code runs} (one client's), compared with {@code floor} (null for the floor). */
  static ColdSummary of(String client, List<ColdRun> runs, ColdSummary floor) {
    double ttftP99 = median(runs, r -> r.figures().ttftP99Ms());
    double messages = median(runs, r -> r.figures().messages());
    return new ColdSummary(
        client,
        runs.size(),
        median(runs, r -> r.figures().ttftP50Ms()),
        ttftP99,
        median(runs, r -> r.figures().ttfbP99Ms()),
        messages,
        median(runs, r -> r.figures().failed()),
        median(runs, r -> r.figures().lagP99Ms()),
        median(runs, r -> r.figures().lagMaxMs()),
        median(runs, r -> r.figures().gcMaxMs()),
        median(runs, r -> r.figures().connectP99Ms()),
        median(runs, r -> r.figures().ttftFromSendP99Ms()),
        floor == null ? 1 : Cost.round(ttftP99 / floor.ttftP99Ms(), 2),
        floor == null ? 1 : Cost.round(messages / floor.messages(), 3));
  }

  private static double median(List<ColdRun> runs, ToDoubleFunction<ColdRun> value) {
    return Median.of(runs, value);
  }
}
