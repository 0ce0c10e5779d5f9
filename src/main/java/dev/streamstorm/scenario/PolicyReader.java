package dev.streamstorm.scenario;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the per-message policies: {@code retry}, {@code timeouts}, {@code connection}, {@code slo}.
 */
final class PolicyReader {
  static final List<String> RETRY_KEYS = List.of("on", "max", "honourRetryAfter", "backoff");
  static final List<String> TIMEOUT_KEYS = List.of("connect", "firstToken", "message");
  static final List<String> CONNECTION_KEYS =
      List.of(
          "reuse",
          "reconnect",
          "maxReconnects",
          "maxConnections",
          "maxBodyBytes",
          // how connections are made: NetworkReader
          "protocol",
          "streamsPerConnection",
          "tls",
          "proxy",
          "localAddresses");
  static final List<String> SLO_KEYS = List.of("ttft", "tpot", "e2e");

  static final Timeouts DEFAULT_TIMEOUTS =
      new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(300));
  static final ConnectionSpec DEFAULT_CONNECTION = new ConnectionSpec(true, false, 3);

  private final NodeReader values;

  PolicyReader(NodeReader values) {
    this.values = values;
  }

  RetrySpec retry(MapReader r) {
    Set<Integer> on = new LinkedHashSet<>();
    Optional<Node.ListNode> list = r.list("on");
    if (list.isPresent()) {
      for (int i = 0; i < list.get().items().size(); i++) {
        Node n = list.get().items().get(i);
        String at = r.path("on") + "[" + i + "]";
        long status = values.wholeNumber(at, n, 1);
        if (status < 100 || status > 599) {
          throw values.expected(n, at, "an HTTP status from 100 to 599");
        }
        on.add((int) status);
      }
    } else {
      on.add(429);
      on.add(503);
    }
    return new RetrySpec(
        Set.copyOf(on),
        r.nonNegativeInt("max").orElse(3),
        r.bool("honourRetryAfter").orElse(true),
        r.duration("backoff").orElse(Duration.ofSeconds(1)));
  }

  Timeouts timeouts(MapReader r) {
    Timeouts t =
        new Timeouts(
            r.positiveDuration("connect").orElse(DEFAULT_TIMEOUTS.connect()),
            r.positiveDuration("firstToken").orElse(DEFAULT_TIMEOUTS.firstToken()),
            r.positiveDuration("message").orElse(DEFAULT_TIMEOUTS.message()));
    if (t.firstToken().compareTo(t.message()) > 0) {
      String key = r.has("firstToken") ? "firstToken" : "message";
      throw r.error(
          key,
          "firstToken ("
              + Durations.format(t.firstToken())
              + ") is longer than message ("
              + Durations.format(t.message())
              + "), which would never let it fire");
    }
    return t;
  }

  ConnectionSpec connection(MapReader r) {
    return new ConnectionSpec(
            r.bool("reuse").orElse(DEFAULT_CONNECTION.reuse()),
            r.bool("reconnect").orElse(DEFAULT_CONNECTION.reconnect()),
            r.nonNegativeInt("maxReconnects").orElse(DEFAULT_CONNECTION.maxReconnects()),
            r.positiveInt("maxConnections"),
            r.size("maxBodyBytes").orElse(ConnectionSpec.DEFAULT_MAX_BODY_BYTES))
        .withLocalAddresses(localAddresses(r));
  }

  private List<String> localAddresses(MapReader r) {
    Optional<Node.ListNode> list = r.list("localAddresses");
    if (list.isEmpty()) {
      return List.of();
    }
    Set<String> all = new LinkedHashSet<>();
    for (int i = 0; i < list.get().items().size(); i++) {
      Node n = list.get().items().get(i);
      String at = r.path("localAddresses") + "[" + i + "]";
      try {
        all.addAll(LocalAddresses.expand(values.text(at, n)));
      } catch (IllegalArgumentException e) {
        throw values.error(n, at, "expected " + e.getMessage());
      }
      if (all.size() > LocalAddresses.MAX) {
        throw values.error(n, at, "at most " + LocalAddresses.MAX + " addresses in all");
      }
    }
    if (all.isEmpty()) {
      throw values.expected(list.get(), r.path("localAddresses"), "at least one address");
    }
    return List.copyOf(all);
  }

  SloSpec slo(MapReader r) {
    return new SloSpec(
        r.positiveDuration("ttft"), r.positiveDuration("tpot"), r.positiveDuration("e2e"));
  }
}
