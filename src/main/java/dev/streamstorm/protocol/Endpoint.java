package dev.streamstorm.protocol;

import io.vertx.core.net.ProxyOptions;
import java.net.URI;

/**
 * Host, port, TLS and base path of a target, split once from its URL, and the proxy that reaches
 * it.
 *
 * @param basePath path prefix without a trailing slash ("" for none)
 * @param proxy the proxy connections go through (HTTP CONNECT or SOCKS5), or null to connect
 *     directly; shared read-only by every connection of the run
 */
public record Endpoint(String host, int port, boolean ssl, String basePath, ProxyOptions proxy) {

  public Endpoint(String host, int port, boolean ssl, String basePath) {
    this(host, port, ssl, basePath, null);
  }

  public static Endpoint of(URI uri) {
    String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase();
    boolean ssl = scheme.equals("https") || scheme.equals("wss");
    int port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new Endpoint(uri.getHost(), port, ssl, path);
  }

  /** This endpoint reached through {@code proxy} (null: directly). */
  public Endpoint via(ProxyOptions proxy) {
    return new Endpoint(host, port, ssl, basePath, proxy);
  }

  /**
   * The name sent in TLS's server name indication: the host, unless it is an IP address (RFC 6066
   * allows names only); null without TLS. The JDK sends one by itself only for names with a dot, so
   * {@code localhost} would otherwise go without.
   */
  public String serverName() {
    return ssl && !isIpAddress(host) ? host : null;
  }

  static boolean isIpAddress(String host) {
    return host == null
        || host.indexOf(':') >= 0
        || host.startsWith("[")
        || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  /** The base URL as users wrote it, without credentials or query. */
  public String url() {
    return (ssl ? "https" : "http") + "://" + host + ":" + port + basePath;
  }
}
