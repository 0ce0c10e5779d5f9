/**
 * Live outputs of a run: a dashboard page, a Prometheus endpoint and an OTLP push, all fed from the
 * per-interval snapshots the run already merges, never from the per-token path. {@link
 * dev.streamstorm.live.LiveFeed} copies each closed interval off the run's ticker onto one live
 * thread, which keeps the whole-run totals and hands every output an immutable {@link
 * dev.streamstorm.live.LiveFrame}.
 */
package dev.streamstorm.live;
