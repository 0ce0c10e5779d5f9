package dev.streamstorm.engine;

import dev.streamstorm.metrics.IntervalSnapshot;

/**
 * Told about every interval as it closes (progress line, HdrHistogram log, abort rules). Called on
 * the run's ticker thread; must be quick and must not keep the snapshot's histograms.
 */
public interface IntervalListener {
  void onInterval(IntervalSnapshot snapshot, RunStatus status);
}
