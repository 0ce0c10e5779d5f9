package dev.streamstorm.engine;

import dev.streamstorm.scenario.LoadSpec.Stage;
import java.util.List;

/**
 * A piecewise-linear level over time: users (closed model) or arrivals per second (open model).
 * From {@code start} the level moves linearly to each stage's target over the stage's duration and
 * holds the last target afterwards. Pure and immutable.
 */
public final class StageProfile {

  private final double start;
  private final double[] targets;
  private final long[] endsNs;

  public StageProfile(double start, List<Stage> stages) {
    this.start = start;
    this.targets = new double[stages.size()];
    this.endsNs = new long[stages.size()];
    long t = 0;
    for (int i = 0; i < stages.size(); i++) {
      t += stages.get(i).duration().toNanos();
      targets[i] = stages.get(i).target();
      endsNs[i] = t;
    }
  }

  /** A level that never changes. */
  public static StageProfile constant(double level) {
    return new StageProfile(level, List.of());
  }

  /** The level at {@code elapsedNs} after the start. */
  public double levelAt(long elapsedNs) {
    double from = start;
    long segStart = 0;
    for (int i = 0; i < targets.length; i++) {
      if (elapsedNs < endsNs[i]) {
        long len = endsNs[i] - segStart;
        double f = len == 0 ? 1.0 : (double) (elapsedNs - segStart) / len;
        return from + (targets[i] - from) * f;
      }
      from = targets[i];
      segStart = endsNs[i];
    }
    return from;
  }

  /** The 1-based stage index at {@code elapsedNs}; 0 without stages; past the end, the last. */
  public int stageAt(long elapsedNs) {
    for (int i = 0; i < endsNs.length; i++) {
      if (elapsedNs < endsNs[i]) {
        return i + 1;
      }
    }
    return endsNs.length;
  }

  /** Sum of the stage durations (0 without stages). */
  public long totalNs() {
    return endsNs.length == 0 ? 0 : endsNs[endsNs.length - 1];
  }

  /** Stage boundaries in nanoseconds from the start. */
  public long[] boundariesNs() {
    return endsNs.clone();
  }

  /**
   * Integral of the level from 0 to {@code elapsedNs}, in level-seconds: the expected number of
   * arrivals when the level is a rate per second.
   */
  public double integralAt(long elapsedNs) {
    double area = 0;
    double from = start;
    long segStart = 0;
    for (int i = 0; i < targets.length; i++) {
      long segEnd = endsNs[i];
      if (elapsedNs <= segEnd) {
        double s = (elapsedNs - segStart) / 1e9;
        double d = (segEnd - segStart) / 1e9;
        double slope = d == 0 ? 0 : (targets[i] - from) / d;
        return area + from * s + slope * s * s / 2;
      }
      area += (from + targets[i]) / 2 * ((segEnd - segStart) / 1e9);
      from = targets[i];
      segStart = segEnd;
    }
    return area + from * ((elapsedNs - segStart) / 1e9);
  }

  /**
   * The instant (ns from the start) at which {@link #integralAt} reaches {@code x}, or {@link
   * Long#MAX_VALUE} when it never does (the level drops to zero for good).
   */
  public long inverseIntegral(double x) {
    if (x <= 0) {
      return 0;
    }
    double area = 0;
    double from = start;
    long segStart = 0;
    for (int i = 0; i < targets.length; i++) {
      double d = (endsNs[i] - segStart) / 1e9;
      double segArea = (from + targets[i]) / 2 * d;
      if (area + segArea >= x && d > 0) {
        double need = x - area;
        double slope = (targets[i] - from) / d;
        double s;
        if (Math.abs(slope) < 1e-12) {
          s = need / from;
        } else {
          // from*s + slope*s²/2 = need; the root in [0, d]
          double disc = from * from + 2 * slope * need;
          s = (-from + Math.sqrt(Math.max(0, disc))) / slope;
        }
        return segStart + Math.round(Math.min(Math.max(s, 0), d) * 1e9);
      }
      area += segArea;
      from = targets[i];
      segStart = endsNs[i];
    }
    if (from <= 0) {
      return Long.MAX_VALUE;
    }
    return segStart + Math.round((x - area) / from * 1e9);
  }
}
