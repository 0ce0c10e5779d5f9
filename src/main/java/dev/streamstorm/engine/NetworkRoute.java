package dev.streamstorm.engine;

import dev.streamstorm.metrics.results.RunInfo;
import dev.streamstorm.scenario.ConnectionSpec;
import dev.streamstorm.scenario.ProxyChoice;
import dev.streamstorm.scenario.ProxySpec;
import dev.streamstorm.scenario.Scenario;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a run reaches its target: the proxy that applies (from the scenario or the environment), and
 * a description of the HTTP version, TLS trust and proxy for the results and the start. An embedded
 * target (bench-server in this JVM, on loopback) never takes the environment's proxy: a proxy
 * elsewhere could not reach it, and a developer's HTTPS_PROXY must not break the quickstart.
 */
public final class NetworkRoute {

  private NetworkRoute() {}

  /** The proxy to {@code target}, or empty to connect directly. */
  public static Optional<ProxyChoice.Proxy> proxy(
      Scenario s, URI target, Function<String, String> env) {
    ProxySpec spec = s.connection().proxy();
    if (s.target().embedded()) {
      spec = new ProxySpec(spec.url(), spec.username(), spec.password(), false, spec.noProxy());
    }
    return ProxyChoice.forTarget(spec, target, env);
  }

  /** What the results and the summary say about the network. */
  public static RunInfo.Network describe(Scenario s, URI target, Function<String, String> env) {
    ConnectionSpec c = s.connection();
    boolean tls = isTls(target);
    return new RunInfo.Network(
        c.protocol().id(),
        tls ? c.tls().describeTrust() : null,
        tls && c.tls().clientCert().isPresent() ? Boolean.TRUE : null,
        proxy(s, target, env).map(ProxyChoice.Proxy::describe).orElse(null));
  }

  /** Warnings to print before the run: certificates not checked. */
  public static List<String> warnings(Scenario s, URI target) {
    if (isTls(target) && s.connection().tls().insecure()) {
      return List.of(
          "WARNING: connection.tls.insecure is on: the server's certificate is NOT checked (any"
              + " certificate is trusted, host names are not verified). Anyone on the path can"
              + " read and change this run's traffic, credentials included. Use it against test"
              + " servers only; trust a private CA with connection.tls.ca instead.");
    }
    return List.of();
  }

  static boolean isTls(URI target) {
    String scheme = target.getScheme() == null ? "" : target.getScheme();
    return scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("wss");
  }
}
