package dev.streamstorm.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds {@link ScenarioOverrides} in tests one flag at a time. */
final class Flags {
  private String target;
  private String preset;
  private String protocol;
  private Integer vus;
  private Duration duration;
  private String rate;
  private String distribution;
  private Integer users;
  private Double spawnRate;
  private Long iterations;
  private Long maxMessages;
  private Long maxTokens;
  private Long seed;
  private String message;
  private final List<String> thresholds = new ArrayList<>();

  static Flags flags() {
    return new Flags();
  }

  Flags target(String v) {
    target = v;
    return this;
  }

  Flags preset(String v) {
    preset = v;
    return this;
  }

  Flags protocol(String v) {
    protocol = v;
    return this;
  }

  Flags vus(int v) {
    vus = v;
    return this;
  }

  Flags duration(Duration v) {
    duration = v;
    return this;
  }

  Flags rate(String v) {
    rate = v;
    return this;
  }

  Flags distribution(String v) {
    distribution = v;
    return this;
  }

  Flags users(int v) {
    users = v;
    return this;
  }

  Flags spawnRate(double v) {
    spawnRate = v;
    return this;
  }

  Flags iterations(long v) {
    iterations = v;
    return this;
  }

  Flags maxMessages(long v) {
    maxMessages = v;
    return this;
  }

  Flags maxTokens(long v) {
    maxTokens = v;
    return this;
  }

  Flags seed(long v) {
    seed = v;
    return this;
  }

  Flags message(String v) {
    message = v;
    return this;
  }

  Flags threshold(String v) {
    thresholds.add(v);
    return this;
  }

  ScenarioOverrides build() {
    return new ScenarioOverrides(
        Optional.ofNullable(target),
        Optional.ofNullable(preset),
        Optional.ofNullable(protocol),
        Optional.ofNullable(vus),
        Optional.ofNullable(duration),
        Optional.ofNullable(rate),
        Optional.ofNullable(distribution),
        Optional.ofNullable(users),
        Optional.ofNullable(spawnRate),
        Optional.ofNullable(iterations),
        Optional.ofNullable(maxMessages),
        Optional.ofNullable(maxTokens),
        Optional.ofNullable(seed),
        Optional.ofNullable(message),
        thresholds);
  }
}
